// interpretWhileReading, with real V8 in a fresh process: big AWS files turn the optimising
// compiler off (a hot function stays unoptimised), small ones leave it on, and the returned
// function turns it back on; for a brief command the young generation also keeps its size while
// thousands of objects survive. V8 ignores a misspelt flag without a word: this is what catches one.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {makeTestHome, type TestHome} from '../helpers/env.js';

let runnerDir: string;
let runner: string;
let h: TestHome;

beforeAll(async () => {
  runnerDir = mkdtempSync(path.join(os.tmpdir(), 'mfa-tui-jit-runner-'));
  runner = path.join(runnerDir, 'runner.cjs');
  // %GetOptimizationStatus bit 4 (16) is "optimised by TurboFan". The call is written through
  // `new Function` so that esbuild leaves the V8 native syntax alone.
  await build({
    stdin: {
      contents: `import v8 from 'node:v8';
import {interpretWhileReading} from ${JSON.stringify(path.resolve('source/commands/jit.ts'))};
const status = new Function('f', 'return %GetOptimizationStatus(f)');
const prepare = new Function('f', '%PrepareFunctionForOptimization(f)');
// Two functions of their own: V8 keeps optimised code per function.
const first = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; };
const second = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i % 5; return s; };
const optimised = (hot) => {
  prepare(hot);
  for (let i = 0; i < 2000; i++) hot(2000);
  // A guard only: with compiles on the main thread the calls above settle it.
  const until = Date.now() + 1000;
  while (!(status(hot) & 16) && Date.now() < until) hot(2000);
  return (status(hot) & 16) !== 0;
};
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const brief = process.argv.includes('--brief');
const again = interpretWhileReading(process.env, {brief});
const during = optimised(first);
// Objects that survive, as a file's profiles do: V8 grows the young generation for them, from
// 1–2 MB to 32 MB here. A single doubling can still happen under the flag (a resize V8 makes at its
// first collections), so "grew" means grew at least fourfold.
const youngBefore = young();
const kept = [];
for (let i = 0; i < 300000; i++) kept.push({i, name: 'p' + i});
const youngAfter = young();
const grew = youngAfter >= 4 * youngBefore;
again();
process.stdout.write(JSON.stringify({during, after: optimised(second), grew, youngBefore, youngAfter, kept: kept.length}));`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: runner,
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(runnerDir, {recursive: true, force: true}));
beforeEach(() => {
  h = makeTestHome();
});
afterEach(() => h.cleanup());

type Seen = {during: boolean; after: boolean; grew: boolean};

function run(brief = false): Seen {
  // Compiles on the main thread, so that "optimised" is settled by the calls, not by a clock.
  // V8 sizes the young generation's ceiling from the machine's memory (a 1 GB box allows ~2 MB
  // a semi-space); a fixed ceiling keeps room to grow fourfold anywhere.
  const flags = [
    '--allow-natives-syntax',
    '--no-concurrent-recompilation',
    '--max-semi-space-size=16',
  ];
  const out = execFileSync(process.execPath, [...flags, runner, ...(brief ? ['--brief'] : [])], {
    env: h.env,
    encoding: 'utf8',
  });
  const {during, after, grew} = JSON.parse(out) as Seen;
  return {during, after, grew};
}

const profiles = (n: number) =>
  Array.from(
    {length: n},
    (_, i) =>
      `[p${i}]\naws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, '0')}\naws_secret_access_key = ${'s'.repeat(40)}\n`,
  ).join('\n');

describe('interpretWhileReading', () => {
  it('turns the optimising compiler off while big files are read, and back on after', () => {
    h.write('credentials', profiles(2000));
    expect(run()).toEqual({during: false, after: true, grew: true});
  });

  it('for a brief command, also keeps the young generation at its size', () => {
    h.write('credentials', profiles(2000));
    expect(run(true)).toEqual({during: false, after: true, grew: false});
  });

  it('leaves both alone for small files', () => {
    h.write('credentials', profiles(10));
    expect(run()).toEqual({during: true, after: true, grew: true});
    expect(run(true)).toEqual({during: true, after: true, grew: true});
  });
});
