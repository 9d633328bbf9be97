// `list`'s cache of the profile model. Reading thousands of profiles exactly takes tens of ms in a
// fresh process, while the files change a few times a day; so `list` keeps what it worked out
// (core/profile-rows.ts: no secret, no clock-bound state) with the versions of every file it came
// from, and the next `list` that finds the same versions takes it instead of parsing. The idea is
// git's index: a file's version is its stamp (device, inode, size, modification and change times,
// see aws-files.ts), and a file changed in the tick it was stamped cannot be told apart, so nothing
// is cached while a file's change time lies within racyStampMs of the clock.
//
// The cache is only ever a speed-up: missing, unreadable, damaged, or made by another build, for
// other paths, settings or user, it is ignored; a failure to write it is ignored.
// MFA_TUI_LIST_CACHE=0 turns it off.
import {isAscii} from 'node:buffer';
import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {profileRows, profilesFromRows} from '../core/profile-rows.js';
import type {Profile} from '../core/profiles.js';
import {racyStampMs, stampOf} from './aws-files.js';
import {readCacheFile, readCacheFirstLine} from './cache-file.js';
import {awsPaths, cacheDir} from './paths.js';
import {roleCacheDir} from './role-cache.js';
import {loadSettings, type Settings} from './settings.js';

/** Set by the build: a hash of the sources, so a cache made by other code is never taken. */
declare const MFA_TUI_BUILD: string | undefined;
const build = typeof MFA_TUI_BUILD === 'string' ? MFA_TUI_BUILD : 'dev';

export function listingCacheFile(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'listing.json');
}

/** What a listing was made from: every input's name and version, one string. */
export type ListingKey = {
  text: string;
  /** The newest change time (ms) among the files stamped: too recent, and nothing is cached. */
  newestChangeMs: number;
};

/**
 * The key of the listing the files make now, or undefined when an input cannot be stamped (then
 * there is no caching, and reading the files reports what is wrong).
 */
export function listingKey(env: NodeJS.ProcessEnv, settings: Settings): ListingKey | undefined {
  const {credentialsFile, configFile} = awsPaths(env);
  const roleDir = roleCacheDir(env);
  let newestChangeMs = 0;
  const stamp = (file: string, read = false): string | undefined => {
    try {
      const st = statSync(file);
      newestChangeMs = Math.max(newestChangeMs, st.ctimeMs);
      if (!st.isFile()) return undefined;
      // Whether this process may read it changes no stamp (its groups, a folder's mode): a file
      // it cannot read is never listed from the cache, so the read says what is wrong.
      if (read) accessSync(file, constants.R_OK);
      return stampOf(st);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? '' : undefined;
    }
  };
  const credentials = stamp(credentialsFile, true);
  const config = stamp(configFile, true);
  if (credentials === undefined || config === undefined) return undefined;
  // The AWS CLI's role cache: every entry's version (it rewrites entries in place).
  let roles: string[] = [];
  try {
    const names = readdirSync(roleDir)
      .filter((n) => n.endsWith('.json'))
      .sort();
    for (const name of names) {
      const s = stamp(path.join(roleDir, name));
      if (s === undefined) return undefined;
      roles.push(name, s);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
    roles = ['-'];
  }
  const text = JSON.stringify([
    build,
    process.getuid?.() ?? -1,
    credentialsFile,
    credentials,
    configFile,
    config,
    roleDir,
    roles,
    settings.targets,
    settings.serials,
  ]);
  return {text, newestChangeMs};
}

export type Listing = {profiles: Profile[]; warnings: string[]};

/**
 * How many rows the file's first line holds: more than any terminal shows at once, so the TUI's
 * first frame reads that line alone (tens of KB, not the whole model).
 */
export const headRows = 300;

/**
 * The file's first line: the key, the warnings, how many profiles there are and the first
 * headRows of them. The second line holds the rest.
 */
type Head = {key: string; warnings: string[]; total: number; head: unknown};

function headOf(text: string, key: ListingKey): Head | undefined {
  const head = JSON.parse(text) as unknown;
  if (typeof head !== 'object' || head === null) return undefined;
  const {key: keyText, warnings, total} = head as Record<string, unknown>;
  if (keyText !== key.text || !Number.isSafeInteger(total)) return undefined;
  if (!isTextList(warnings)) return undefined;
  return head as Head;
}

/** Whether a value read back is a list of strings (the warnings a cache keeps). */
export const isTextList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((w) => typeof w === 'string');

/** The cached listing for `key`, its states worked out at `now`; undefined when there is none. */
export function readListing(
  env: NodeJS.ProcessEnv,
  key: ListingKey,
  now: Date,
  warnSeconds: number,
  /** Told the cache's size before it is parsed (list sets V8's flags for a big one: jit.ts). */
  beforeParse?: (bytes: number) => void,
): Listing | undefined {
  if (env.MFA_TUI_LIST_CACHE === '0') return undefined;
  try {
    const bytes = readCacheFile(listingCacheFile(env));
    const lineEnd = bytes ? bytes.indexOf(10) : -1;
    if (!bytes || lineEnd < 0) return undefined;
    const head = headOf(bytes.toString('utf8', 0, lineEnd), key);
    if (!head || !Array.isArray(head.head)) return undefined;
    beforeParse?.(bytes.length);
    const restBytes = bytes.subarray(lineEnd + 1);
    // Mostly ASCII, whose Latin-1 reading is the same text without UTF-8 decoding.
    const rest = JSON.parse(restBytes.toString(isAscii(restBytes) ? 'latin1' : 'utf8')) as unknown;
    if (!Array.isArray(rest) || head.head.length + rest.length !== head.total) return undefined;
    const profiles = profilesFromRows(head.head.concat(rest), now, warnSeconds);
    return profiles && {profiles, warnings: head.warnings};
  } catch {
    return undefined;
  }
}

/**
 * The first profiles of the cached listing for `key` (at most headRows, at `now`), how many there
 * are in all, and the warnings: what a first frame shows. Undefined when there is none.
 */
export function readListingHead(
  env: NodeJS.ProcessEnv,
  key: ListingKey,
  now: Date,
  warnSeconds: number,
): {profiles: Profile[]; total: number; warnings: string[]} | undefined {
  if (env.MFA_TUI_LIST_CACHE === '0') return undefined;
  try {
    const line = readCacheFirstLine(listingCacheFile(env), 4 * 1024 * 1024);
    const head = line === undefined ? undefined : headOf(line, key);
    const profiles = head && profilesFromRows(head.head, now, warnSeconds);
    if (!head || !profiles || profiles.length > head.total) return undefined;
    return {profiles, total: head.total, warnings: head.warnings};
  } catch {
    return undefined;
  }
}

/**
 * Saves a listing under `key`, unless a file it came from changed too recently to be told apart
 * from a later change (see racyStampMs). Written whole (temporary file, rename), mode 0600.
 */
export function writeListing(
  env: NodeJS.ProcessEnv,
  key: ListingKey,
  listing: Listing,
  nowMs: number,
): void {
  if (env.MFA_TUI_LIST_CACHE === '0') return;
  saveCacheFile(listingCacheFile(env), key, nowMs, () => {
    const rows = profileRows(listing.profiles);
    const head = {
      key: key.text,
      warnings: listing.warnings,
      total: rows.length,
      head: rows.slice(0, headRows),
    };
    return `${JSON.stringify(head)}\n${JSON.stringify(rows.slice(headRows))}`;
  });
}

/**
 * Writes a cache file made under `key` whole (temporary file, rename), mode 0600, unless a file
 * the key stamps changed too recently to be told apart from a later change (see racyStampMs): then
 * `data` is not even made. Nothing is written when `data` gives nothing.
 */
export function saveCacheFile(
  file: string,
  key: ListingKey,
  nowMs: number,
  data: () => string | Uint8Array | undefined,
): void {
  if (key.newestChangeMs > nowMs - racyStampMs) return;
  const bytes = data();
  if (bytes === undefined) return;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
    writeFileSync(temporary, bytes, {mode: 0o600});
    renameSync(temporary, file);
  } catch {
    // Never an error of the command's: a cache folder that is a file, too long a name, no
    // permission. What can be cleaned up is.
    try {
      rmSync(temporary, {force: true});
    } catch {
      // Nothing was written there.
    }
  }
}

/**
 * The first rows of the cached listing of the files as they are now (readListingHead), with the
 * settings they were read with; undefined when there is none (the TUI then reads the files for its
 * first frame).
 */
export function cachedListing(
  env: NodeJS.ProcessEnv,
  now: Date,
):
  | {
      listing: Listing & {total: number};
      settings: Settings;
      key: ListingKey;
    }
  | undefined {
  const settings = loadSettings(env);
  if (!settings.ok) return undefined;
  const key = listingKey(env, settings.value);
  const listing = key && readListingHead(env, key, now, settings.value.warnSeconds);
  return listing ? {listing, settings: settings.value, key: key!} : undefined;
}
