import {fail, ok, type Result} from './errors.js';

/** GetSessionToken limits in seconds. */
export const sessionLimits = {min: 900, max: 129_600, rootMax: 3600, default: 43_200} as const;

/**
 * AssumeRole's limits in seconds: its own range, its default (also the least MaxSessionDuration a
 * role can have), and the cap AWS puts on a session signed by a session (role chaining).
 */
export const roleLimits = {min: 900, max: 43_200, default: 3600, chained: 3600} as const;

/** A duration as users type it, in seconds: plain seconds (`3600`) or units (`1h30m`, `12h`, `90m`, `1d`, `45s`). */
export function parseDuration(text: string): Result<number> {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return ok(Number(t));
  const re = /\s*(\d+)\s*(d|h|m|s)\s*/gy;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(t)) !== null) {
    const n = Number(match[1]);
    total += n * {d: 86_400, h: 3600, m: 60, s: 1}[match[2] as 'd' | 'h' | 'm' | 's'];
    consumed = re.lastIndex;
  }
  if (t === '' || consumed !== t.length) {
    return fail(
      'duration-invalid',
      `"${text}" is not a duration.`,
      'Give seconds (3600) or hours and minutes (1h30m, 12h, 90m).',
    );
  }
  return ok(total);
}

/** True when an MFA serial or ARN belongs to an account's root user, whose sessions are capped at 1 h. */
export function isRootIdentity(arn: string | undefined): boolean {
  return /:mfa\/root-account-mfa-device$|^arn:aws[\w-]*:iam::\d{12}:root$/.test(arn ?? '');
}

/** Refuses a session length outside min–max before any call; `say` words the refusal around the range. */
function checkRange(
  seconds: number,
  min: number,
  max: number,
  say: (allows: string) => string,
  remedy: {example?: string; or?: string},
): Result<number> {
  if (Number.isInteger(seconds) && seconds >= min && seconds <= max) return ok(seconds);
  const allows = `${min}–${max} s (${formatSeconds(min)}–${formatSeconds(max)})`;
  return fail('duration-out-of-range', say(allows), {flag: '--duration', min, max, ...remedy});
}

/** Checks a GetSessionToken duration against STS's range (the root user's cap included). */
export function checkSessionDuration(seconds: number, root: boolean): Result<number> {
  const max = root ? sessionLimits.rootMax : sessionLimits.max;
  const who = root ? ' for the root user' : '';
  const say = (allows: string) =>
    `A session of ${seconds} s is out of range: STS allows ${allows}${who}.`;
  return checkRange(seconds, sessionLimits.min, max, say, {example: root ? '1h' : '12h'});
}

/** Checks an AssumeRole duration against AssumeRole's own range (the role's cap is known to STS only). */
export function checkRoleDuration(seconds: number, or: string): Result<number> {
  const say = (allows: string) =>
    `A role session of ${seconds} s is out of range: AssumeRole allows ${allows}, and at most the role's MaxSessionDuration.`;
  return checkRange(seconds, roleLimits.min, roleLimits.max, say, {or});
}

/** Seconds as `1h30m`, `15m`, `36h`. */
export function formatSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''].join('');
}
