// The SSO token cache the SDKs read: ~/.aws/sso/cache/<sha1 of the session name or start URL>.json.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {cacheEntryName, ssoCacheDir} from './paths.js';

/** The expiry of each cached SSO token among `keys`; none readable is "not logged in". */
export type SsoTokenReader = (keys: string[]) => Record<string, string> | undefined;

/** Reads each token's file once, so the profiles and the precedence judge the same tokens. */
export function ssoTokenReader(env: NodeJS.ProcessEnv): SsoTokenReader {
  const read = new Map<string, string | undefined>();
  return (keys) => {
    if (keys.length === 0) return undefined;
    const tokens: Record<string, string> = {};
    for (const key of keys) {
      if (!read.has(key)) read.set(key, expiryIn(path.join(ssoCacheDir(env), cacheEntryName(key))));
      const expiresAt = read.get(key);
      if (expiresAt !== undefined) tokens[key] = expiresAt;
    }
    return tokens;
  };
}

function expiryIn(file: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {expiresAt?: unknown};
    return typeof parsed.expiresAt === 'string' ? parsed.expiresAt : undefined;
  } catch {
    // No token (or an unreadable one) means "not logged in", as the SDKs see it.
    return undefined;
  }
}
