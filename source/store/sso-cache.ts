// The SSO token cache the SDKs read: ~/.aws/sso/cache/<sha1 of the session name or start URL>.json.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {cacheEntryName, ssoCacheDir} from './paths.js';

/** The expiry of each cached SSO token among `keys`; none readable is "not logged in". */
export type SsoTokenReader = (keys: string[]) => Record<string, string> | undefined;

/** Reads each token's file once, so the profiles and the precedence judge the same tokens. The
 * folder is listed once: with no cache nothing is hashed, no missing file opened. */
export function ssoTokenReader(env: NodeJS.ProcessEnv): SsoTokenReader {
  const read = new Map<string, string | undefined>();
  const dir = ssoCacheDir(env);
  let files: Set<string> | undefined;
  return (keys) => {
    if (keys.length === 0) return undefined;
    files ??= listed(dir);
    const tokens: Record<string, string> = {};
    for (const key of keys) {
      if (!read.has(key)) {
        const file = files.size > 0 ? cacheEntryName(key) : undefined;
        read.set(key, file && files.has(file) ? expiryIn(path.join(dir, file)) : undefined);
      }
      const expiresAt = read.get(key);
      if (expiresAt !== undefined) tokens[key] = expiresAt;
    }
    return tokens;
  };
}

function listed(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir).filter((n) => n.endsWith('.json')));
  } catch {
    return new Set();
  }
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
