// The AWS CLI's assume-role cache on disk: ~/.aws/cli/cache/<sha1 of the key text>.json.
import {promises as fsp, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {ok, type Result} from '../core/errors.js';
import {keyOf, mergedKeys, mergeSections} from '../core/profile-keys.js';
import type {FileSection} from '../core/profiles.js';
import {
  parseRoleCacheEntry,
  roleCacheKeyOf,
  usableRoleCacheCredentials,
  type RoleCacheEntry,
} from '../core/role-cache.js';
import {cacheEntryName, roleCacheDir} from './paths.js';
import {ioError} from './write-errors.js';

export const roleCacheFile = (env: NodeJS.ProcessEnv, keyText: string) =>
  path.join(roleCacheDir(env), cacheEntryName(keyText));

/** The keys of a cached session the AWS CLI would still use at `now`; undefined when there is none. */
export async function readRoleCacheCredentials(env: NodeJS.ProcessEnv, keyText: string, now: Date) {
  const file = roleCacheFile(env, keyText);
  try {
    return {file, credentials: usableRoleCacheCredentials(await fsp.readFile(file, 'utf8'), now)};
  } catch {
    return {file};
  }
}

/**
 * The cached role sessions of the files' role profiles, by profile name; a missing or unreadable
 * entry is absent. The folder is listed once: with no cache nothing is hashed, no missing file opened.
 */
export async function loadRoleCache(
  env: NodeJS.ProcessEnv,
  files: {credentials: FileSection[]; config: FileSection[]},
): Promise<Map<string, RoleCacheEntry>> {
  const out = new Map<string, RoleCacheEntry>();
  const dir = roleCacheDir(env);
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir).filter((n) => n.endsWith('.json')));
  } catch {
    return out;
  }
  if (names.size === 0) return out;
  const conf = mergeSections(files.config);
  const cred = mergeSections(files.credentials);
  for (const name of new Set([...conf.keys(), ...cred.keys()])) {
    const f = conf.get(name);
    const c = cred.get(name);
    // Keys are merged only for role profiles: the files may hold thousands, few of them roles.
    if (!keyOf(c, f, 'role_arn')) continue;
    const keyText = roleCacheKeyOf(mergedKeys(c, f));
    const file = keyText && cacheEntryName(keyText);
    if (!file || !names.has(file)) continue;
    try {
      // A few small files, read in turn: quicker than a round trip through the thread pool for each.
      const entry = parseRoleCacheEntry(readFileSync(path.join(dir, file), 'utf8'));
      if (entry) out.set(name, entry);
    } catch {
      // An unreadable entry is no entry.
    }
  }
  return out;
}

/** Writes an entry as the AWS CLI would: in a folder created 0700, the file 0600, atomically. */
export async function writeRoleCache(
  env: NodeJS.ProcessEnv,
  keyText: string,
  content: string,
): Promise<Result<string>> {
  const file = roleCacheFile(env, keyText);
  try {
    // The atomic writer (and node:crypto behind it) loads only when a write happens.
    const {writePrivate} = await import('./safe-write.js');
    await writePrivate(file, content);
    return ok(file);
  } catch (error) {
    const fix = `Check the permissions of ${path.dirname(file)} (it should be yours, mode 700).`;
    return ioError('role-cache-unwritable', file, error, fix);
  }
}
