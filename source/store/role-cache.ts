// The AWS CLI's assume-role cache on disk: ~/.aws/cli/cache/<sha1 of the key text>.json.
// fs.promises and crypto load on first use: `list` lists the cache folder, and reads (and hashes)
// only when it holds entries.
import {promises as fsp, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fail, ok, type Result} from '../core/errors.js';
import {mergeSections, type FileSection} from '../core/profiles.js';
import {
  parseRoleCacheEntry,
  roleCacheArgs,
  roleCacheKeyText,
  usableRoleCacheCredentials,
  type RoleCacheCredentials,
  type RoleCacheEntry,
} from '../core/role-cache.js';
import {fileBusy} from './write-errors.js';
import {roleCacheDir} from './paths.js';

export {roleCacheDir};

/** An entry's file name: the SHA-1 (hex) of the key text, plus `.json`. */
function roleCacheName(keyText: string): string {
  const {createHash} = process.getBuiltinModule('node:crypto');
  return `${createHash('sha1').update(keyText, 'utf8').digest('hex')}.json`;
}

/** The file an entry lives in: the SHA-1 (hex) of the key text, plus `.json`. */
export function roleCacheFile(env: NodeJS.ProcessEnv, keyText: string): string {
  return path.join(roleCacheDir(env), roleCacheName(keyText));
}

/** Reads one entry; undefined when absent or unusable. */
export async function readRoleCacheEntry(
  env: NodeJS.ProcessEnv,
  keyText: string,
): Promise<RoleCacheEntry | undefined> {
  try {
    return parseRoleCacheEntry(await fsp.readFile(roleCacheFile(env, keyText), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The keys of a cached session the AWS CLI would still use at `now`; undefined when there is none. */
export async function readRoleCacheCredentials(
  env: NodeJS.ProcessEnv,
  keyText: string,
  now: Date,
): Promise<{file: string; credentials?: RoleCacheCredentials}> {
  const file = roleCacheFile(env, keyText);
  try {
    return {file, credentials: usableRoleCacheCredentials(await fsp.readFile(file, 'utf8'), now)};
  } catch {
    return {file};
  }
}

/**
 * The cached role sessions of every role profile in the files, by key text (what buildProfiles
 * looks up). Profiles whose cache file is missing or unreadable are simply absent. The folder is
 * listed once: with no cache (the common case) nothing is hashed, and only files that exist are
 * opened (a file of thousands of roles would otherwise cost thousands of failed opens).
 */
export async function loadRoleCache(
  env: NodeJS.ProcessEnv,
  files: {credentials: FileSection[]; config: FileSection[]},
): Promise<Map<string, RoleCacheEntry>> {
  const out = new Map<string, RoleCacheEntry>();
  let names: Set<string>;
  try {
    names = new Set(readdirSync(roleCacheDir(env)).filter((n) => n.endsWith('.json')));
  } catch {
    return out;
  }
  if (names.size === 0) return out;
  // Each profile's keys as `{...config, ...credentials}`, copied only for role profiles: the files
  // may hold thousands of profiles of which few are roles.
  const conf = mergeSections(files.config);
  const cred = mergeSections(files.credentials);
  const keyTexts = new Set<string>();
  const addRole = (
    f: Record<string, string> | undefined,
    c: Record<string, string> | undefined,
  ) => {
    if (!(c?.role_arn ?? f?.role_arn)) return;
    const keys = f && c ? {...f, ...c} : (c ?? f)!;
    const args = keys.source_profile || keys.credential_source ? roleCacheArgs(keys) : undefined;
    if (args) keyTexts.add(roleCacheKeyText(args));
  };
  conf.forEach((f, name) => addRole(f, cred.get(name)));
  cred.forEach((c, name) => {
    if (!conf.has(name)) addRole(undefined, c);
  });
  // A few small files, read in turn: quicker than a round trip through the thread pool for each.
  const dir = roleCacheDir(env);
  for (const keyText of keyTexts) {
    const name = roleCacheName(keyText);
    if (!names.has(name)) continue;
    let entry: RoleCacheEntry | undefined;
    try {
      entry = parseRoleCacheEntry(readFileSync(path.join(dir, name), 'utf8'));
    } catch {
      entry = undefined;
    }
    if (entry) out.set(keyText, entry);
  }
  return out;
}

/**
 * Writes an entry as the AWS CLI would: the folder created 0700 when missing, the file 0600,
 * replaced atomically (a reader never sees half a file).
 */
export async function writeRoleCache(
  env: NodeJS.ProcessEnv,
  keyText: string,
  content: string,
): Promise<Result<string>> {
  const file = roleCacheFile(env, keyText);
  const dir = path.dirname(file);
  try {
    const existed = await fsp.stat(dir).then(
      () => true,
      () => false,
    );
    await fsp.mkdir(dir, {recursive: true, mode: 0o700});
    // mkdir's mode is cut by the umask; the cache holds secrets, so make sure.
    if (!existed) await fsp.chmod(dir, 0o700);
    // The atomic writer (and node:crypto behind it) loads only when a write happens.
    const {writeFileAtomic} = await import('./safe-write.js');
    await writeFileAtomic(file, content, {mode: 0o600});
    return ok(file);
  } catch (error) {
    const busy = fileBusy('role-cache-unwritable', file, error);
    if (busy) return busy;
    return fail(
      'role-cache-unwritable',
      `Cannot write the AWS CLI's role cache ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      `Check the permissions of ${dir} (it should be yours, mode 700).`,
    );
  }
}
