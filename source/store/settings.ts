import {readFileSync} from 'node:fs';
import {fail, ok, type Result} from '../core/errors.js';
import {sessionLimits} from '../core/durations.js';
import {settingsFile} from './paths.js';

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
  /** Access key id → when IAM made it (ISO 8601), from ListAccessKeys; a key id is not a secret. */
  keyCreatedAt?: Record<string, string>;
  /** Access key id → when asking IAM for its creation time last failed (no answer, or refused). */
  keyLookupFailedAt?: Record<string, string>;
  /** A long-term key older than this many days is marked for rotation. */
  keyAgeDays: number;
};

export const defaultSettings: Settings = {
  defaultDurationSeconds: sessionLimits.default,
  warnSeconds: 15 * 60,
  targets: {},
  serials: {},
  keyAgeDays: 90,
};

// The schema, checked on every read and before every write.
const isCount = (min: number, max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNames = (v: unknown) =>
  isObject(v) && Object.values(v).every((name) => typeof name === 'string');
const keyTimes = {
  check: (v: unknown) =>
    isNames(v) && Object.values(v as object).every((t) => !Number.isNaN(Date.parse(t))),
  wanted: 'an object of access key ids to ISO 8601 times',
};
const schema: Record<keyof Settings, {check: (v: unknown) => boolean; wanted: string}> = {
  defaultDurationSeconds: {
    check: isCount(sessionLimits.min, sessionLimits.max),
    wanted: `a whole number from ${sessionLimits.min} to ${sessionLimits.max}`,
  },
  warnSeconds: {
    check: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
    wanted: 'a number of seconds, 0 or more',
  },
  targets: {check: isNames, wanted: 'an object of profile names'},
  serials: {check: isNames, wanted: 'an object of profile names to device ARNs'},
  keyCreatedAt: keyTimes,
  keyLookupFailedAt: keyTimes,
  keyAgeDays: {check: isCount(1, 36500), wanted: 'a whole number of days from 1 to 36500'},
};

/** What is wrong with stored settings, in words, or undefined. Unknown keys are kept, unchecked. */
function schemaProblem(stored: unknown): string | undefined {
  if (!isObject(stored)) return 'it must hold a JSON object';
  for (const [key, {check, wanted}] of Object.entries(schema)) {
    if (stored[key] !== undefined && !check(stored[key])) return `\`${key}\` must be ${wanted}`;
  }
  return undefined;
}

/** A map by profile name without Object's members: a profile may be called `constructor`. */
const profileMap = (entries: Record<string, string> = {}): Record<string, string> =>
  Object.assign(Object.create(null) as Record<string, string>, entries);

const withDefaults = (stored: Partial<Settings>): Settings => ({
  ...defaultSettings,
  ...stored,
  targets: profileMap(stored.targets),
  serials: profileMap(stored.serials),
});

/** Reads and checks the settings file; a missing file is an empty one (nothing is written). */
async function openStore(env: NodeJS.ProcessEnv): Promise<Result<Partial<Settings>>> {
  const file = settingsFile(env);
  let text: string;
  try {
    // Synchronously, as the AWS files: a command that writes nothing never starts the thread pool.
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({});
    return fail(
      'settings-unreadable',
      `Cannot read the settings file ${file}: ${(error as Error).message}.`,
      'Check the file’s permissions.',
    );
  }
  let problem: string | undefined;
  try {
    const stored: unknown = JSON.parse(text);
    problem = schemaProblem(stored);
    if (!problem) return ok(stored as Partial<Settings>);
  } catch {
    // Not JSON: the parser's words are not quoted, since they may hold the file's content.
  }
  return fail(
    'settings-invalid',
    `The settings file ${file} is ${problem ? `not valid: ${problem}` : 'not valid JSON'}. mfa-tui left it as it is.`,
    env.MFA_TUI_CONFIG_DIR
      ? 'Fix or delete that file (mfa-tui recreates it with defaults), or point MFA_TUI_CONFIG_DIR elsewhere.'
      : 'Fix or delete that file; mfa-tui recreates it with defaults.',
  );
}

/** Reads the settings; a missing file gives the defaults. */
export async function loadSettings(env: NodeJS.ProcessEnv): Promise<Result<Settings>> {
  const opened = await openStore(env);
  return opened.ok ? ok(withDefaults(opened.value)) : opened;
}

/** Applies a change to the settings and saves it (mode 0600), unless the schema refuses it. */
export async function updateSettings(
  env: NodeJS.ProcessEnv,
  change: (settings: Settings) => Settings,
): Promise<Result<Settings>> {
  const opened = await openStore(env);
  if (!opened.ok) return opened;
  const file = settingsFile(env);
  const next = change(withDefaults(opened.value));
  const problem = schemaProblem(next);
  if (problem) {
    return fail(
      'settings-invalid',
      `mfa-tui did not save its settings: ${problem}. ${file} keeps what it had.`,
      'This is a bug in mfa-tui; please report it with the command you ran.',
    );
  }
  try {
    // The writer (and node:crypto with it) loads only when settings change, not on every read.
    const {writePrivate} = await import('./safe-write.js');
    const text = JSON.stringify({...opened.value, ...next}, undefined, '\t');
    await writePrivate(file, text, {secret: false});
    return ok(next);
  } catch (error) {
    return fail(
      'settings-unwritable',
      `Cannot save settings in ${file}: ${(error as Error).message}.`,
      'Check that folder’s permissions, or point MFA_TUI_CONFIG_DIR elsewhere.',
    );
  }
}
