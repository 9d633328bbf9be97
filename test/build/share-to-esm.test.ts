// The build's sharing of esbuild's CommonJS-import copies (scripts/share-to-esm.mjs), on real
// esbuild bundles, minified and not.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {runInThisContext} from 'node:vm';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {shareToESM, shareToESMHelper} from '../../scripts/share-to-esm.mjs';

let dir: string;

const files: Record<string, string> = {
  // A CommonJS module two ES modules import.
  'lib.cjs': `exports.value = 41; exports.bump = () => ++exports.value;`,
  'a.mjs': `import * as lib from './lib.cjs'; export const fromA = lib;`,
  'b.mjs': `import * as lib from './lib.cjs'; export const fromB = lib;`,
  // A require cycle: mid.mjs imports cyc.cjs while cyc.cjs is still loading.
  'cyc.cjs': `exports.early = 'early'; require('./mid.mjs'); exports.late = 'late';`,
  'mid.mjs': `import * as cyc from './cyc.cjs'; export const seenWhileLoading = cyc;`,
  'entry.mjs': `
    import * as cyc from './cyc.cjs';
    import {seenWhileLoading} from './mid.mjs';
    import {fromA} from './a.mjs';
    import {fromB} from './b.mjs';
    globalThis.__shareToESMResult = {fromA, fromB, cyc, seenWhileLoading};
  `,
};

type Result = {
  fromA: {value: number; bump: () => number; default: {value: number}};
  fromB: {value: number; default: {value: number}};
  cyc: {early?: string; late?: string};
  seenWhileLoading: {early?: string; late?: string};
};

async function bundle(minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [path.join(dir, 'entry.mjs')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function run(text: string): Result {
  const g = globalThis as {__shareToESMResult?: Result};
  delete g.__shareToESMResult;
  runInThisContext(`(function(){"use strict";${text}})()`);
  const result = g.__shareToESMResult!;
  delete g.__shareToESMResult;
  return result;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'share-to-esm-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe.each([false, true])('shareToESM (minify: %s)', (minify) => {
  it('without it, each importer gets a copy of its own (the cost it removes)', async () => {
    const {fromA, fromB} = run(await bundle(minify));
    expect(fromA).not.toBe(fromB);
  });

  it('gives every importer of a CommonJS module the same copy, live as before', async () => {
    const {fromA, fromB} = run(`${shareToESMHelper}${shareToESM(await bundle(minify))}`);
    expect(fromA).toBe(fromB);
    expect(fromA.value).toBe(41);
    expect(fromA.default.value).toBe(41);
    // Still a view of the module's exports, not a snapshot of their values.
    fromA.bump();
    expect(fromB.value).toBe(42);
  });

  it('makes a new copy for a module whose exports grew since (a require cycle)', async () => {
    const {cyc, seenWhileLoading} = run(`${shareToESMHelper}${shareToESM(await bundle(minify))}`);
    // The importer that ran while cyc.cjs was loading saw what it had then, as it would without
    // sharing; the one after the module finished sees everything.
    expect(seenWhileLoading.early).toBe('early');
    expect(seenWhileLoading.late).toBeUndefined();
    expect(cyc.early).toBe('early');
    expect(cyc.late).toBe('late');
  });
});

it('refuses a bundle without esbuild’s helper, or with it twice', () => {
  expect(() => shareToESM('var x = 1;')).toThrow(/found 0 times/);
  const helper =
    'var h = (mod, isNodeMode, target) => (target = mod != null ? {} : {}, mod.__esModule);';
  expect(() => shareToESM(`${helper}${helper}`)).toThrow(/found 2 times/);
  expect(shareToESM(helper)).toContain('var h = __mfaShareToESM((mod, isNodeMode, target) =>');
  // Merged with the next declaration, whose body has a semicolon of its own: the wrap stays
  // around the helper alone.
  const merged = `var h=(m,n,t)=>(t=m!=null?{}:{},f(n||!m||!m.__esModule?d(t,"default"):t,m)),j=(o)=>{let x=1;return x};`;
  expect(shareToESM(merged)).toBe(
    `var h=__mfaShareToESM((m,n,t)=>(t=m!=null?{}:{},f(n||!m||!m.__esModule?d(t,"default"):t,m))),j=(o)=>{let x=1;return x};`,
  );
});
