// The SSO token cache the SDKs read: ~/.aws/sso/cache/<sha1 of the session name or start URL>.json.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {ssoCacheDir} from './paths.js';

/**
 * The expiry (`expiresAt`) of each cached SSO token among `keys` (see ssoCacheKeys); a key without
 * a readable token is absent, which the SDKs read as "not logged in". Undefined when no key.
 */
export function readSsoTokens(
  env: NodeJS.ProcessEnv,
  keys: string[],
): Record<string, string> | undefined {
  if (keys.length === 0) return undefined;
  // node:crypto loads only when a config refers to SSO.
  const {createHash} = process.getBuiltinModule('node:crypto');
  const dir = ssoCacheDir(env);
  const tokens: Record<string, string> = {};
  for (const key of keys) {
    const file = path.join(dir, `${createHash('sha1').update(key).digest('hex')}.json`);
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as {expiresAt?: unknown};
      if (typeof parsed.expiresAt === 'string') tokens[key] = parsed.expiresAt;
    } catch {
      // No token (or an unreadable one) means "not logged in", as the SDKs see it.
    }
  }
  return tokens;
}
