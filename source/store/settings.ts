import type {Options, Schema} from 'conf';
import {fail, ok, type Result} from '../core/errors.js';
import {sessionLimits} from '../core/durations.js';

/** What mfa-tui remembers between runs. Never a secret: no keys, tokens or codes. */
export type Settings = {
  /** Session length asked of STS when --duration is not given, in seconds. */
  defaultDurationSeconds: number;
  /** A session with less than this left counts as expiring, in seconds. */
  warnSeconds: number;
  /** Source profile → target profile, remembered from `renew --target`. */
  targets: Record<string, string>;
  /** Source profile → MFA device ARN, remembered after a successful renewal. */
  serials: Record<string, string>;
};

export const defaultSettings: Settings = {
  defaultDurationSeconds: sessionLimits.default,
  warnSeconds: 15 * 60,
  targets: {},
  serials: {},
};

const profileNames = {type: 'object', additionalProperties: {type: 'string'}} as const;

// No `default`s here: conf writes the file as soon as defaults are missing from it, and a read must
// not write. Unknown keys are kept, so a newer version's settings survive an older one.
const schema: Schema<Settings> = {
  defaultDurationSeconds: {
    type: 'integer',
    minimum: sessionLimits.min,
    maximum: sessionLimits.max,
  },
  warnSeconds: {type: 'number', minimum: 0},
  targets: profileNames,
  serials: profileNames,
};

/**
 * conf's options: MFA_TUI_CONFIG_DIR, else the platform's config folder as conf names it
 * (`~/.config/mfa-tui` on Linux; no `-nodejs` suffix, so the folder keeps its earlier name).
 */
function confOptions(env: NodeJS.ProcessEnv): Options<Settings> {
  return {
    projectName: 'mfa-tui',
    projectSuffix: '',
    cwd: env.MFA_TUI_CONFIG_DIR || undefined,
    configFileMode: 0o600,
    schema,
  };
}

/**
 * A map keyed by profile name, without Object's members: a profile may be called `constructor`
 * or `toString`, and must not find a function where its remembered target or device would be.
 */
function profileMap(entries: Record<string, string> = {}): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, entries);
}

function withDefaults(stored: Partial<Settings>): Settings {
  return {
    ...defaultSettings,
    ...stored,
    targets: profileMap(stored.targets),
    serials: profileMap(stored.serials),
  };
}

type SettingsStore = {store: Partial<Settings>; path: string};

/** Opens the settings file through conf, which reads it and checks it against the schema. */
async function openStore(env: NodeJS.ProcessEnv): Promise<Result<SettingsStore>> {
  // conf (and its schema validator) loads only for the commands that read settings.
  const {default: Conf} = await import('conf');
  try {
    return ok(new Conf<Settings>(confOptions(env)));
  } catch (error) {
    const file = settingsPath(Conf, env);
    if (isFsError(error)) {
      const {message} = error as Error;
      return fail(
        'settings-unreadable',
        `Cannot read the settings file ${file}: ${message}.`,
        'Check the file’s permissions.',
      );
    }
    return fail('settings-invalid', invalidMessage(error, file), fixFor(env));
  }
}

/** Where the file is, asked of conf without the schema or the parse (which refused it). */
function settingsPath(Conf: typeof import('conf').default, env: NodeJS.ProcessEnv): string {
  const {schema: _, ...plain} = confOptions(env);
  try {
    return new Conf<Settings>({...plain, deserialize: () => ({}) as Settings}).path;
  } catch {
    return `config.json in ${env.MFA_TUI_CONFIG_DIR || 'the mfa-tui config folder'}`;
  }
}

// conf exports no error classes: a file-system error carries an errno code, a JSON error is a
// SyntaxError, and what is left is the schema's refusal.
const isFsError = (error: unknown) => typeof (error as NodeJS.ErrnoException).code === 'string';
const schemaWords = (error: unknown) =>
  (error as Error).message.replace(/^Config schema violation: /, '');

function invalidMessage(error: unknown, file: string): string {
  const what = error instanceof SyntaxError ? 'not valid JSON' : `not valid: ${schemaWords(error)}`;
  return `The settings file ${file} is ${what}. mfa-tui left it as it is.`;
}

const fixFor = (env: NodeJS.ProcessEnv) =>
  env.MFA_TUI_CONFIG_DIR
    ? 'Fix or delete that file (mfa-tui recreates it with defaults), or point MFA_TUI_CONFIG_DIR elsewhere.'
    : 'Fix or delete that file; mfa-tui recreates it with defaults.';

/** Reads the settings through conf; a missing file gives the defaults and writes nothing. */
export async function loadSettings(env: NodeJS.ProcessEnv): Promise<Result<Settings>> {
  const opened = await openStore(env);
  return opened.ok ? ok(withDefaults(opened.value.store)) : opened;
}

/**
 * Applies a change to the settings and saves them through conf (atomic write, mode 0600). A value
 * the schema refuses is not written: the file keeps what it had.
 */
export async function updateSettings(
  env: NodeJS.ProcessEnv,
  change: (settings: Settings) => Settings,
): Promise<Result<Settings>> {
  const opened = await openStore(env);
  if (!opened.ok) return opened;
  const store = opened.value;
  const next = change(withDefaults(store.store));
  try {
    store.store = {...store.store, ...next};
    return ok(next);
  } catch (error) {
    if (!isFsError(error)) {
      return fail(
        'settings-invalid',
        `mfa-tui did not save its settings: ${schemaWords(error)}. ${store.path} keeps what it had.`,
        'This is a bug in mfa-tui; please report it with the command you ran.',
      );
    }
    return fail(
      'settings-unwritable',
      `Cannot save settings in ${store.path}: ${(error as Error).message}.`,
      'Check that folder’s permissions, or point MFA_TUI_CONFIG_DIR elsewhere.',
    );
  }
}
