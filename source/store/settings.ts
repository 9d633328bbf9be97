import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** The settings folder: MFA_TUI_CONFIG_DIR, else the platform's config folder. */
export function settingsDir(env: NodeJS.ProcessEnv): string {
  if (env.MFA_TUI_CONFIG_DIR) return env.MFA_TUI_CONFIG_DIR;
  const home = env.HOME || os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'mfa-tui');
  if (process.platform === 'win32')
    return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'mfa-tui', 'Config');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'mfa-tui');
}

export function settingsFile(env: NodeJS.ProcessEnv): string {
  return path.join(settingsDir(env), 'config.json');
}

/**
 * A map keyed by profile name, without Object's members: a profile may be called `constructor`
 * or `toString`, and must not find a function where its remembered target or device would be.
 */
function profileMap(entries: Record<string, string> = {}): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, entries);
}

const isRecordOfStrings = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string');

function normalise(raw: unknown, file: string): Result<Settings> {
  const bad = (what: string) =>
    fail(
      'settings-invalid',
      `The settings file ${file} is not valid: ${what}.`,
      `Fix or delete ${file}; mfa-tui recreates it with defaults.`,
    );
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return bad('not a JSON object');
  const r = raw as Record<string, unknown>;
  const s: Settings = {...defaultSettings, targets: profileMap(), serials: profileMap()};
  if (r.defaultDurationSeconds !== undefined) {
    if (typeof r.defaultDurationSeconds !== 'number')
      return bad('defaultDurationSeconds is not a number');
    s.defaultDurationSeconds = r.defaultDurationSeconds;
  }
  if (r.warnSeconds !== undefined) {
    if (typeof r.warnSeconds !== 'number' || r.warnSeconds < 0)
      return bad('warnSeconds is not a number ≥ 0');
    s.warnSeconds = r.warnSeconds;
  }
  if (r.targets !== undefined) {
    if (!isRecordOfStrings(r.targets)) return bad('targets is not a map of profile names');
    s.targets = profileMap(r.targets);
  }
  if (r.serials !== undefined) {
    if (!isRecordOfStrings(r.serials)) return bad('serials is not a map of MFA device ARNs');
    s.serials = profileMap(r.serials);
  }
  return ok(s);
}

/**
 * Reads the settings straight from their JSON file (fast: no schema library on the read path).
 * A missing file gives the defaults.
 */
export function loadSettings(env: NodeJS.ProcessEnv): Result<Settings> {
  const file = settingsFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return ok({...defaultSettings, targets: profileMap(), serials: profileMap()});
    }
    return fail(
      'settings-unreadable',
      `Cannot read ${file}: ${(error as Error).message}.`,
      'Check the file’s permissions.',
    );
  }
  try {
    return normalise(JSON.parse(text), file);
  } catch {
    return fail(
      'settings-invalid',
      `The settings file ${file} is not valid JSON.`,
      `Fix or delete ${file}.`,
    );
  }
}

/** Applies a change to the settings and saves them through `conf` (atomic write, mode 0600). */
export async function updateSettings(
  env: NodeJS.ProcessEnv,
  change: (settings: Settings) => Settings,
): Promise<Result<Settings>> {
  const current = loadSettings(env);
  if (!current.ok) return current;
  const next = change(current.value);
  try {
    const {default: Conf} = await import('conf');
    const store = new Conf<Settings>({
      projectName: 'mfa-tui',
      cwd: settingsDir(env),
      configFileMode: 0o600,
      defaults: defaultSettings,
    });
    store.store = next;
    return ok(next);
  } catch (error) {
    return fail(
      'settings-unwritable',
      `Cannot save settings in ${settingsDir(env)}: ${(error as Error).message}.`,
      'Check that folder’s permissions, or point MFA_TUI_CONFIG_DIR elsewhere.',
    );
  }
}
