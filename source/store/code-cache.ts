// V8's code cache for the big bundle the TUI loads (Ink, React, yoga and the screens): the second
// start skips parsing and compiling the functions the first one ran. Node 22 has this built in
// (module.enableCompileCache); Node 20 does not, so the build writes the UI as a plain script
// (dist/vendor/run-tui-HASH.script.js) that loads through vm.Script, which takes a cache.
//
// The cache is only ever a speed-up: a missing, unreadable, stale or rejected cache means a normal
// compile, and a failure to write one is ignored. V8 itself checks its version and flags, but of
// the source only its length: the cache's name carries the script's name (the build names it by
// its content hash), size and mtime and Node's version, so other code never meets this cache.
import {isAscii} from 'node:buffer';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {readCacheFile} from './cache-file.js';
import {pathToFileURL} from 'node:url';
import vm from 'node:vm';

export {cacheDir} from './paths.js';

export type CachedScript<T> = {
  exports: T;
  /** Whether V8 took the cached code. */
  cacheUsed: boolean;
  /**
   * Writes the cache when there was none (or V8 refused it). Call it once the code that matters
   * has run: the cache holds every function compiled by then, not just the top level.
   */
  saveCache: () => void;
};

/**
 * Runs a script built as `(async function (require, importMetaUrl, importVendor) { …; return
 * exports; })` and resolves with what it returns, compiled from the cache in `dir` when there is a
 * good one. `importVendor(name)` imports the ES module `name.js` beside the script. `dir:
 * undefined` turns the cache off.
 */
export async function loadCachedScript<T>(
  file: string,
  dir: string | undefined,
): Promise<CachedScript<T>> {
  const bytes = readFileSync(file);
  // The build writes ASCII, whose Latin-1 reading is the same text without UTF-8 decoding (~1 ms
  // of the TUI's start); anything else is decoded as UTF-8.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const stat = statSync(file);
  const name = `${path.basename(file)}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}${suffix}`;
  const cacheFile = dir === undefined ? undefined : path.join(dir, name);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    // None yet, or not a file of ours.
    cachedData = readCacheFile(cacheFile);
  }
  const script = new vm.Script(source, {filename: file, cachedData});
  const cacheUsed = cachedData !== undefined && script.cachedDataRejected !== true;
  const run = script.runInThisContext() as (
    require: NodeJS.Require,
    importMetaUrl: string,
    importVendor: (name: string) => Promise<unknown>,
  ) => Promise<T>;
  const url = pathToFileURL(file).href;
  const exports = await run(
    createRequire(file),
    url,
    (name) => import(new URL(`${name}.js`, url).href),
  );
  let saved = cacheUsed || cacheFile === undefined;
  const saveCache = () => {
    if (saved) return;
    saved = true;
    try {
      writeCache(dir!, cacheFile!, script.createCachedData());
    } catch {
      // A read-only or full disk only costs the next start its speed-up.
    }
  };
  return {exports, cacheUsed, saveCache};
}

const suffix = '.v8';

/**
 * Writes by rename (a reader never sees half a cache) and drops the caches of other builds: the
 * folder is ours, and one build's cache is what the next start needs.
 */
function writeCache(dir: string, file: string, data: Buffer): void {
  mkdirSync(dir, {recursive: true, mode: 0o700});
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data, {mode: 0o600});
  renameSync(temp, file);
  for (const entry of readdirSync(dir)) {
    if (entry.endsWith(suffix) && entry !== path.basename(file)) {
      rmSync(path.join(dir, entry), {force: true});
    }
  }
}
