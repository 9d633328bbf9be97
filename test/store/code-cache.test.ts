// The code cache with real V8, each load in a fresh Node process (within one process V8 keeps its
// own in-memory cache and never reads ours): a script compiled once is taken from the cache the
// next time, and anything wrong with a cache (another build, garbage, no folder) only means a
// normal compile.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {cacheDir} from '../../source/store/code-cache.js';

let work: string;
let dir: string;
let file: string;
let runnerDir: string;
let runner: string;

/** A script in the shape the build writes: an async function given require and import.meta.url. */
const script = (answer: number) =>
  `(async function(require, importMetaUrl){"use strict";` +
  `const path = require('node:path');` +
  `function area(w, h) { return w * h; }` +
  `await null;` +
  `return {answer: area(${answer}, 1), base: path.basename(new URL(importMetaUrl).pathname)};})`;

beforeAll(async () => {
  // loadCachedScript as a program: loads FILE with the cache in DIR (or none), saves if asked.
  runnerDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-tui-code-cache-runner-'));
  runner = path.join(runnerDir, 'runner.mjs');
  await build({
    stdin: {
      contents: `import {loadCachedScript} from ${JSON.stringify(path.resolve('source/store/code-cache.ts'))};
const [file, dir, save] = process.argv.slice(2);
const loaded = await loadCachedScript(file, dir === '-' ? undefined : dir);
if (save === 'save') loaded.saveCache();
process.stdout.write(JSON.stringify({exports: loaded.exports, cacheUsed: loaded.cacheUsed}));`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: runner,
    logLevel: 'warning',
  });
});
afterAll(() => {
  rmSync(runnerDir, {recursive: true, force: true});
});

type Loaded = {exports: {answer: number; base: string}; cacheUsed: boolean};

/** One start of a program that loads the script, in its own process. */
function load(cache: string | undefined, save: 'save' | 'no-save' = 'save'): Loaded {
  const out = execFileSync(process.execPath, [runner, file, cache ?? '-', save], {
    env: {PATH: process.env.PATH},
    encoding: 'utf8',
  });
  return JSON.parse(out) as Loaded;
}

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'mfa-tui-code-cache-'));
  dir = path.join(work, 'cache');
  file = path.join(work, 'ui.script.js');
  writeFileSync(file, script(42));
});
afterEach(() => {
  rmSync(work, {recursive: true, force: true});
});

const cacheFiles = () => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

describe('loadCachedScript', () => {
  it('compiles without a cache, saves one, and takes it the next time', () => {
    const first = load(dir, 'no-save');
    expect(first).toEqual({exports: {answer: 42, base: 'ui.script.js'}, cacheUsed: false});
    expect(cacheFiles()).toEqual([]);
    expect(load(dir).cacheUsed).toBe(false);
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(statSync(path.join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const second = load(dir);
    expect(second).toEqual({exports: {answer: 42, base: 'ui.script.js'}, cacheUsed: true});
    // Nothing written when the cache was good.
    expect(cacheFiles()).toEqual(files);
  });

  it('reads a script with text beyond ASCII as UTF-8 (ASCII is read as Latin-1, the same text)', () => {
    writeFileSync(
      file,
      `(async function(){"use strict";return {text: 'profile → café ✓ 日本', length: 'é'.length};})`,
    );
    for (const cache of [dir, dir]) {
      expect(load(cache).exports).toEqual({text: 'profile → café ✓ 日本', length: 1});
    }
  });

  it('never runs a rebuilt script from the cache of the old one, and drops the old cache', () => {
    load(dir);
    const [old] = cacheFiles();
    // Same length, other code: V8 alone would not notice (it checks the length of the source).
    writeFileSync(file, script(43));
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const rebuilt = load(dir);
    expect(rebuilt).toEqual({exports: {answer: 43, base: 'ui.script.js'}, cacheUsed: false});
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).not.toBe(old);
    expect(load(dir).cacheUsed).toBe(true);
  });

  it('compiles normally when the cache is garbage, and replaces it', () => {
    load(dir);
    const [name] = cacheFiles();
    writeFileSync(path.join(dir, name!), Buffer.alloc(4096, 7));
    expect(load(dir)).toEqual({exports: {answer: 42, base: 'ui.script.js'}, cacheUsed: false});
    expect(load(dir).cacheUsed).toBe(true);
  });

  it('writes nothing when the cache is off, and shrugs off a folder it cannot create', () => {
    expect(load(undefined).exports.answer).toBe(42);
    expect(readdirSync(work)).toEqual(['ui.script.js']);
    // A file where the folder should be.
    writeFileSync(dir, 'not a folder');
    expect(load(dir)).toEqual({exports: {answer: 42, base: 'ui.script.js'}, cacheUsed: false});
  });
});

describe('cacheDir', () => {
  it('follows MFA_TUI_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    if (process.platform !== 'linux') return;
    expect(cacheDir({MFA_TUI_CACHE_DIR: '/x/c', HOME: '/h'})).toBe('/x/c');
    expect(cacheDir({XDG_CACHE_HOME: '/xdg', HOME: '/h'})).toBe('/xdg/mfa-tui');
    expect(cacheDir({HOME: '/h'})).toBe('/h/.cache/mfa-tui');
  });
});
