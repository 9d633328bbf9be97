// What a profile's links decide: a role's source_profile chain, an SSO profile's token in ~/.aws/sso/cache.
import {expiryState, parseExpiryText} from './expiry.js';
import type {ProfileState} from './profiles.js';
import {
  hasStaticKeys,
  keyOf,
  mergedKeys,
  ssoKeyOf,
  staticKeysOf,
  type Keys,
} from './profile-keys.js';

/**
 * The key an SSO profile's token is cached under (the file is its sha1), as botocore and the JS SDK
 * both key it: the sso_session's name, or a legacy profile's sso_start_url.
 */
export function ssoCacheKey(cred: Keys, conf?: Keys): string | undefined {
  return keyOf(cred, conf, 'sso_session') || keyOf(cred, conf, 'sso_start_url') || undefined;
}

/** An SSO profile's login: its token's expiry and state, or not logged in when none is cached. */
export function ssoLogin(
  key: string | undefined,
  tokens: Record<string, string>,
  now: Date,
  warnSeconds: number,
): {state: ProfileState; expiresAt?: Date} {
  const token = key === undefined ? undefined : tokens[key];
  if (token === undefined) return {state: 'not-logged-in'};
  const expiresAt = parseExpiryText(token);
  return {state: expiryState(expiresAt, now, warnSeconds), expiresAt};
}

/** The token cache keys of every SSO profile, its keys merged over both files (what store/sso-cache.ts reads). */
export function ssoCacheKeys(
  cred: ReadonlyMap<string, Keys>,
  conf: ReadonlyMap<string, Keys>,
): string[] {
  const keys = new Set<string>();
  for (const name of new Set([...conf.keys(), ...cred.keys()])) {
    const key = ssoCacheKey(cred.get(name), conf.get(name));
    if (key) keys.add(key);
  }
  return [...keys];
}

/**
 * Why a role's source_profile chain cannot give the AWS CLI credentials, as botocore finds it: a
 * source_profile that does not exist, a chain that comes back to a profile already visited (a
 * role may name itself only when it has keys of its own), or a source with only half a key pair.
 */
export function roleChainProblem(
  name: string,
  cred: ReadonlyMap<string, Record<string, string>>,
  conf: ReadonlyMap<string, Record<string, string>>,
): string | undefined {
  const visited = [name];
  for (let cur = name; ;) {
    const at = mergedKeys(cred.get(cur), conf.get(cur));
    const sp = at.source_profile;
    if (!sp || at.credential_source) return undefined;
    if (!cred.has(sp) && !conf.has(sp)) return `source_profile ${sp} does not exist`;
    const sc = cred.get(sp);
    const sf = conf.get(sp);
    const src = mergedKeys(sc, sf);
    const hasKeys = hasStaticKeys(src);
    if (visited.includes(sp) && !(sp === cur && hasKeys)) {
      return `source_profile loops: ${[...visited, sp].join(' → ')}`;
    }
    if (hasKeys) {
      const keys = staticKeysOf(sc, sf);
      const other = src.credential_process || ssoKeyOf(src) || src.web_identity_token_file;
      const half = !keys?.accessKeyId || !keys.secretAccessKey;
      return half && !other
        ? `source_profile ${sp} has no credentials (half a key pair)`
        : undefined;
    }
    if (!src.role_arn || src.web_identity_token_file) return undefined;
    visited.push(sp);
    cur = sp;
  }
}
