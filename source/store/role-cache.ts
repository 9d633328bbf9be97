// The AWS CLI's assume-role cache on disk: ~/.aws/cli/cache/<sha1 of the key text>.json.
// fs.promises and crypto load on first use: `list` reads the cache folder and nothing more.
import {promises as fsp, readdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fail, ok, type Result} from '../core/errors.js';
import type {FileSection} from '../core/profiles.js';
import {
  parseRoleCacheEntry,
  roleCacheArgs,
  roleCacheKeyText,
  type RoleCacheEntry,
} from '../core/role-cache.js';

/** The AWS CLI's cache folder: `~/.aws/cli/cache`, with `~` as Python's expanduser reads it. */
export function roleCacheDir(env: NodeJS.ProcessEnv): string {
  const home =
    (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || env.HOME || os.homedir();
  return path.join(home, '.aws', 'cli', 'cache');
}

/** The file an entry lives in: the SHA-1 (hex) of the key text, plus `.json`. */
export function roleCacheFile(env: NodeJS.ProcessEnv, keyText: string): string {
  const {createHash} = process.getBuiltinModule('node:crypto');
  const name = createHash('sha1').update(keyText, 'utf8').digest('hex');
  return path.join(roleCacheDir(env), `${name}.json`);
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
  const merged = new Map<string, Record<string, string>>();
  for (const s of [...files.config, ...files.credentials]) {
    merged.set(s.profile, {...merged.get(s.profile), ...s.keys});
  }
  const keyTexts = new Set<string>();
  for (const keys of merged.values()) {
    const args = keys.source_profile || keys.credential_source ? roleCacheArgs(keys) : undefined;
    if (args) keyTexts.add(roleCacheKeyText(args));
  }
  await Promise.all(
    [...keyTexts].map(async (keyText) => {
      if (!names.has(path.basename(roleCacheFile(env, keyText)))) return;
      const entry = await readRoleCacheEntry(env, keyText);
      if (entry) out.set(keyText, entry);
    }),
  );
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
    return fail(
      'role-cache-unwritable',
      `Cannot write the AWS CLI's role cache ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      `Check the permissions of ${dir} (it should be yours, mode 700).`,
    );
  }
}
