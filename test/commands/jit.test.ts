// interpretWhileReading, with real V8 in a fresh process: big AWS files turn the optimising
// compiler off (a hot function stays unoptimised), small ones leave it on, and the returned
// function turns it back on. V8 ignores a misspelt flag without a word: this is what catches one.
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
      contents: `import {interpretWhileReading} from ${JSON.stringify(path.resolve('source/commands/jit.ts'))};
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
const again = interpretWhileReading(process.env);
const during = optimised(first);
again();
process.stdout.write(JSON.stringify({during, after: optimised(second)}));`,
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

function run(): {during: boolean; after: boolean} {
  // Compiles on the main thread, so that "optimised" is settled by the calls, not by a clock.
  const flags = ['--allow-natives-syntax', '--no-concurrent-recompilation'];
  const out = execFileSync(process.execPath, [...flags, runner], {
    env: h.env,
    encoding: 'utf8',
  });
  return JSON.parse(out) as {during: boolean; after: boolean};
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
    expect(run()).toEqual({during: false, after: true});
  });

  it('leaves it on for small files', () => {
    h.write('credentials', profiles(10));
    expect(run()).toEqual({during: true, after: true});
  });
});
