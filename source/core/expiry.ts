/** The keys, in the order we trust them, that tools write to record when session credentials lapse. */
const expiryKeys = ['x_security_token_expires', 'expiration', 'aws_credential_expiration'];

const EXPIRY_TEXT =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An expiry as tools write it: RFC 3339 (`2026-11-28T14:00:00Z`, with or without milliseconds or an
 * offset), aws-mfa's `2026-11-28 14:00:00` (UTC), or the AWS CLI cache's `2026-11-28T14:00:00UTC`.
 */
export function parseExpiryText(text: string | undefined): Date | undefined {
  const m = EXPIRY_TEXT.exec((text ?? '').trim().replace(/UTC$/, 'Z'));
  if (!m) return undefined;
  const date = new Date(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The expiry recorded in a profile's keys, from any key in `expiryKeys`. */
export const expiryOfKeys = (
  keys: Readonly<Record<string, string | undefined>>,
): Date | undefined => expiryFrom((key) => keys[key]);

/** expiryOfKeys for keys read one at a time (e.g. across two files, without merging them). */
export function expiryFrom(read: (key: string) => string | undefined): Date | undefined {
  for (const key of expiryKeys) {
    const date = parseExpiryText(read(key));
    if (date) return date;
  }
  return undefined;
}

/** The expiry of credentials taken from the environment (AWS_CREDENTIAL_EXPIRATION, AWS_SESSION_EXPIRATION). */
export function expiryOfEnv(env: NodeJS.ProcessEnv): Date | undefined {
  return (
    parseExpiryText(env.AWS_CREDENTIAL_EXPIRATION) ?? parseExpiryText(env.AWS_SESSION_EXPIRATION)
  );
}

export type ExpiryState = 'valid' | 'expiring' | 'expired' | 'unknown';

/** Where a session stands at `now`, given the warning threshold in seconds. */
export function expiryState(
  expiresAt: Date | undefined,
  now: Date,
  warnSeconds: number,
): ExpiryState {
  if (!expiresAt) return 'unknown';
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  if (left <= warnSeconds * 1000) return 'expiring';
  return 'valid';
}

/** A short human duration: `11h 02m`, `12m`, `45s`, `3d 4h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m`;
  return `${s % 60}s`;
}

/** The expiry as a person reads it: `valid 11h 02m`, `expires in 12m`, `expired 3h ago`, `no expiry recorded`. */
export function describeExpiry(
  expiresAt: Date | undefined,
  now: Date,
  warnSeconds: number,
): string {
  const state = expiryState(expiresAt, now, warnSeconds);
  if (!expiresAt || state === 'unknown') return 'no expiry recorded';
  const left = expiresAt.getTime() - now.getTime();
  if (state === 'expired') return `expired ${formatDuration(-left)} ago`;
  if (state === 'expiring') return `expires in ${formatDuration(left)}`;
  return `valid ${formatDuration(left)}`;
}

/** The aws-mfa `expiration` format: `YYYY-MM-DD HH:MM:SS` in UTC. */
export function formatAwsMfaExpiry(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** RFC 3339 UTC without milliseconds, as written to `x_security_token_expires` and credential_process. */
export function formatRfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
