// The AWS CLI's assume-role cache (`~/.aws/cli/cache/<sha1>.json`) as botocore names and writes its
// entries: the arguments of the key, the exact JSON text hashed, the file's content (disk: store/).
import {parseExpiryText} from './expiry.js';

/** The AssumeRole arguments botocore's cache key is made of (never TokenCode). */
export type RoleCacheArgs = {
  RoleArn: string;
  RoleSessionName?: string;
  ExternalId?: string;
  SerialNumber?: string;
  DurationSeconds?: number;
};

/** Python's `int(text)` for a config value: optional sign, digits, single underscores between digits, spaces around. */
export function pythonInt(text: string | undefined): number | undefined {
  const m = /^\s*([+-]?)(\d(?:_?\d)*)\s*$/.exec(text ?? '');
  if (!m) return undefined;
  const n = Number(m[2].replace(/_/g, ''));
  if (!Number.isSafeInteger(n)) return undefined;
  return m[1] === '-' ? -n : n;
}

/**
 * A role profile's cache-key arguments as botocore's AssumeRoleProvider builds them: RoleSessionName
 * only when set and not empty (a generated name is left out); ExternalId and SerialNumber whenever
 * present, even empty; DurationSeconds when duration_seconds reads as a Python int.
 */
export function roleCacheArgs(keys: Record<string, string | undefined>): RoleCacheArgs | undefined {
  const roleArn = keys.role_arn;
  if (roleArn === undefined || roleArn === '') return undefined;
  const args: RoleCacheArgs = {RoleArn: roleArn};
  if (keys.role_session_name) args.RoleSessionName = keys.role_session_name;
  if (keys.external_id !== undefined) args.ExternalId = keys.external_id;
  if (keys.mfa_serial !== undefined) args.SerialNumber = keys.mfa_serial;
  const seconds = pythonInt(keys.duration_seconds);
  if (seconds !== undefined) args.DurationSeconds = seconds;
  return args;
}

/** A JSON string as Python's json.dumps writes it (ensure_ascii: everything outside space..~ escaped). */
const pythonJsonString = (text: string) =>
  // JSON.stringify escapes quotes, backslashes and controls as Python does; the rest per UTF-16 unit.
  JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export type JsonValue = string | number | boolean | null | JsonValue[] | {[key: string]: JsonValue};

/** Python's `json.dumps(value, sort_keys=…)` with its default separators, as botocore hashes and writes. */
export function pythonJsonDumps(value: JsonValue, options: {sortKeys?: boolean} = {}): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pythonJsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not a JSON number');
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => pythonJsonDumps(v, options)).join(', ')}]`;
  let keys = Object.keys(value).filter((k) => value[k] !== undefined);
  // Python sorts by code point; for the ASCII keys used here that is JavaScript's default sort.
  if (options.sortKeys) keys = keys.sort();
  return `{${keys.map((k) => `${pythonJsonString(k)}: ${pythonJsonDumps(value[k]!, options)}`).join(', ')}}`;
}

/** The text whose SHA-1 (hex) names the cache file: `json.dumps(args, sort_keys=True)`. */
export function roleCacheKeyText(args: RoleCacheArgs): string {
  return pythonJsonDumps(args as unknown as JsonValue, {sortKeys: true});
}

/** A datetime as botocore's JSON cache writes it: `strftime('%Y-%m-%dT%H:%M:%S%Z')`, e.g. `2026-11-28T14:00:00UTC`. */
export function formatCacheExpiration(date: Date): string {
  return `${date.toISOString().slice(0, 19)}UTC`;
}

/** An AssumeRole answer, as much of it as the cache entry holds. */
export type CachedRoleSession = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  assumedRoleId: string;
  arn: string;
  requestId?: string;
  sourceIdentity?: string;
  packedPolicySize?: number;
};

/** The cache file's text: the whole AssumeRole response as botocore caches it, as json.dumps writes it. */
export function roleCacheContent(session: CachedRoleSession): string {
  const response: {[key: string]: JsonValue} = {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: formatCacheExpiration(session.expiration),
    },
    AssumedRoleUser: {AssumedRoleId: session.assumedRoleId, Arn: session.arn},
  };
  if (session.packedPolicySize !== undefined) response.PackedPolicySize = session.packedPolicySize;
  if (session.sourceIdentity !== undefined) response.SourceIdentity = session.sourceIdentity;
  response.ResponseMetadata = {
    RequestId: session.requestId ?? '',
    HTTPStatusCode: 200,
    HTTPHeaders: {
      'x-amzn-requestid': session.requestId ?? '',
      'content-type': 'text/xml',
    },
    RetryAttempts: 0,
  };
  return pythonJsonDumps(response);
}

/**
 * The key text of a role profile's entry, for a role botocore's AssumeRoleProvider takes: with
 * source_profile or credential_source, and no web_identity_token_file (web identity's, cached apart).
 */
export function roleCacheKeyOf(keys: Record<string, string | undefined>): string | undefined {
  if (!(keys.source_profile || keys.credential_source)) return undefined;
  if (keys.web_identity_token_file !== undefined) return undefined;
  const args = roleCacheArgs(keys);
  return args && roleCacheKeyText(args);
}

/** What `list` needs from a cache file: when the role session ends. */
export type RoleCacheEntry = {expiresAt: Date};

/**
 * A cache file's session as botocore's fetcher reads it: the three keys and the expiry, or
 * undefined (without one of them the AWS CLI stops with an error instead of using the entry).
 */
function cachedCredentials(text: string) {
  let creds: unknown;
  try {
    creds = (JSON.parse(text) as {Credentials?: unknown} | null)?.Credentials;
  } catch {
    return undefined;
  }
  if (!creds || typeof creds !== 'object') return undefined;
  const {AccessKeyId, SecretAccessKey, SessionToken, Expiration} = creds as Record<string, unknown>;
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') return undefined;
  if (typeof SessionToken !== 'string' || typeof Expiration !== 'string') return undefined;
  const expiresAt = parseExpiryText(Expiration);
  if (!expiresAt) return undefined;
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiresAt,
  };
}

/** Reads a cache file's text; undefined when it is not a role session botocore could use. */
export function parseRoleCacheEntry(text: string): RoleCacheEntry | undefined {
  const c = cachedCredentials(text);
  return c && {expiresAt: c.expiresAt};
}

/** botocore's CachedCredentialFetcher refetches a session with less than 15 minutes left. */
export const ROLE_CACHE_EXPIRY_WINDOW_SECONDS = 15 * 60;

/** The cached session's keys when the AWS CLI would still use them at `now`, else undefined. */
export function usableRoleCacheCredentials(text: string, now: Date) {
  const c = cachedCredentials(text);
  if (!c) return undefined;
  const left = c.expiresAt.getTime() - now.getTime();
  return left >= ROLE_CACHE_EXPIRY_WINDOW_SECONDS * 1000 ? c : undefined;
}
