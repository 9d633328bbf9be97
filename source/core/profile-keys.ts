// How botocore reads a profile's keys: how its sections and both files merge, which file's key
// pair it uses, which token key goes with it, and whether its SSO provider takes the profile first.
// The one copy of these rules; it imports almost no code, so that any module can use it cheaply.
import {isSessionKeyId} from './mask.js';
import type {FileSection, KeyClass} from './profiles.js';

/** One profile's keys in one file, or undefined when the file has no section for it. */
export type Keys = Record<string, string> | undefined;

/** Each profile's keys over its sections in order (the last value wins); read-only: keys are shared. */
export function mergeSections(sections: FileSection[]): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>();
  // Sections are read-only here, so a profile with one section shares its keys (no copy).
  for (const s of sections) {
    const before = map.get(s.profile);
    map.set(s.profile, before ? {...before, ...s.keys} : s.keys);
  }
  return map;
}

/** Whether either file (merged by mergeSections) has a section for a profile. */
export const existsIn =
  (f: {cred: ReadonlyMap<string, unknown>; conf: ReadonlyMap<string, unknown>}) =>
  (name: string): boolean =>
    f.cred.has(name) || f.conf.has(name);

/** A profile's keys over both files, as botocore merges them: the credentials file's win, even empty ones. */
export function mergedKeys(cred: Keys, conf: Keys): Readonly<Record<string, string>> {
  // One file alone is returned as it is (read-only): most profiles live in one file.
  return cred && conf ? {...conf, ...cred} : (cred ?? conf ?? {});
}

/** One key of mergedKeys without the merged copy: the credentials file's value wins, even an empty one. */
export function keyOf(cred: Keys, conf: Keys, key: string): string | undefined {
  const v = cred === undefined ? undefined : cred[key];
  return v !== undefined ? v : conf === undefined ? undefined : conf[key];
}

const own = (keys: Keys, key: string): keys is Record<string, string> =>
  !!keys && Object.prototype.hasOwnProperty.call(keys, key);

/** The keys a section may hold a session token under, in the order botocore reads them. */
export const TOKEN_KEYS = ['aws_security_token', 'aws_session_token'] as const;

/** The token key botocore reads from a section: the first present, even with an empty value. */
export const tokenKeyOf = (keys: Keys) => TOKEN_KEYS.find((k) => own(keys, k));

/** The keys botocore's SSO provider looks for: either one makes it take the profile. */
const SSO_PROFILE_KEYS = ['sso_role_name', 'sso_account_id'] as const;

/** The key that makes botocore's SSO provider take a profile (over its merged keys), if any. */
export const ssoKeyOf = (merged: Keys): string | undefined =>
  SSO_PROFILE_KEYS.find((k) => own(merged, k));

/** Whether botocore counts a profile as holding static keys (either key, even half a pair). */
export const hasStaticKeys = (merged: Keys): boolean =>
  own(merged, 'aws_access_key_id') || own(merged, 'aws_secret_access_key');

/**
 * Long-term or session, for a key pair: a token makes it a session, and so does a session key id
 * (ASIA…) without one (then broken, but still not long-term keys). The one rule for both.
 */
export const keyPairClass = (accessKeyId: string, hasToken: boolean): KeyClass =>
  hasToken || isSessionKeyId(accessKeyId) ? 'session' : 'long-term';

/**
 * The static keys botocore uses, empty values as missing: the credentials file's when it has
 * aws_access_key_id, else the config file's (a file with only a secret is skipped). With no
 * aws_access_key_id anywhere, the file holding a lone secret, so that the half pair can be reported.
 * `tokenKey`: the token key botocore reads (present, maybe empty).
 */
export function staticKeysOf(cred: Keys, conf: Keys) {
  const pick = (keys: Record<string, string>, file: 'credentials' | 'config') => {
    const tokenKey = tokenKeyOf(keys);
    return {
      file,
      accessKeyId: keys.aws_access_key_id || undefined,
      secretAccessKey: keys.aws_secret_access_key || undefined,
      sessionToken: (tokenKey && keys[tokenKey]) || undefined,
      tokenKey,
    };
  };
  if (own(cred, 'aws_access_key_id')) return pick(cred, 'credentials');
  if (own(conf, 'aws_access_key_id')) return pick(conf, 'config');
  if (own(cred, 'aws_secret_access_key')) return pick(cred, 'credentials');
  if (own(conf, 'aws_secret_access_key')) return pick(conf, 'config');
  return undefined;
}
