// The build's dependency patches (scripts/patches.mjs) promise not to change a byte of output.
// Here the same modules are bundled with and without them, and held to each other on generated
// text: plain and styled ASCII, our narrow symbols, links, C1 controls, and the graphemes that
// take the slow paths (combining marks, wide characters, emoji sequences).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build, type Plugin} from 'esbuild';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {dependencyPatches, patches} from '../../scripts/patches.mjs';

type StyledChar = {type: string; value: string; fullWidth: boolean; styles: unknown[]};
type OutputInstance = {
  write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
  get(): {output: string; height: number};
};
type Modules = {
  tokenize(text: string, endChar?: number): unknown[];
  styledCharsFromTokens(tokens: unknown[]): StyledChar[];
  styledCharsToString(chars: StyledChar[]): string;
  stringWidth(text: string): number;
  olderStringWidth(text: string): number;
  hasAnsiControlCharacters(text: string): boolean;
  sanitizeAnsi(text: string): string;
  sliceAnsi(text: string, start: number, end?: number): string;
  Output: new (options: {width: number; height: number}) => OutputInstance;
};

const modules = path.resolve('node_modules');
const entry = `
export {tokenize, styledCharsFromTokens, styledCharsToString} from '@alcalzone/ansi-tokenize';
export {default as stringWidth} from 'string-width';
export {default as olderStringWidth} from ${JSON.stringify(path.join(modules, 'wrap-ansi/node_modules/string-width/index.js'))};
export {hasAnsiControlCharacters} from ${JSON.stringify(path.join(modules, 'ink/build/ansi-tokenizer.js'))};
export {default as sanitizeAnsi} from ${JSON.stringify(path.join(modules, 'ink/build/sanitize-ansi.js'))};
export {default as sliceAnsi} from 'slice-ansi';
export {default as Output} from ${JSON.stringify(path.join(modules, 'ink/build/output.js'))};
`;

let dir: string;
let original: Modules;
let patched: Modules;

async function bundle(name: string, plugins: Plugin[]): Promise<Modules> {
  const outfile = path.join(dir, `${name}.mjs`);
  await build({
    stdin: {contents: entry, resolveDir: process.cwd(), loader: 'js'},
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'silent',
    plugins,
  });
  return (await import(pathToFileURL(outfile).href)) as Modules;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfa-tui-patches-'));
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  const before = new Map(patches.map((p) => [p, p.applied ?? 0]));
  original = await bundle('original', []);
  patched = await bundle('patched', [dependencyPatches]);
  // Every patch took effect in this bundle, but yoga's and signal-exit's, whose files it does not
  // load (the build's own checks cover those two).
  const notApplied = patches
    .filter((p) => (p.applied ?? 0) === before.get(p)!)
    .map((p) => p.file.source);
  expect(notApplied).toHaveLength(2);
  expect(notApplied.join(' ')).toMatch(/yoga-layout.*signal-exit|signal-exit.*yoga-layout/);
}, 60_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const pieces = [
  'a',
  'Z',
  'profile-1',
  ' ',
  '  ',
  '~',
  '[',
  ';',
  'm',
  ...'…→←↑↓·’‘“”—–›‹✓✗×⚠●○▁─│┌┐└┘⠋⠙',
  '\u001b[1m',
  '\u001b[22m',
  '\u001b[2m',
  '\u001b[31m',
  '\u001b[39m',
  '\u001b[7m',
  '\u001b[27m',
  '\u001b[0m',
  '\u001b[38;5;208m',
  '\u001b[38;2;1;2;3m',
  '\u001b[1;31m',
  '\u001b[m',
  '\u001b[',
  '\u001b',
  '\u001b]8;;https://example.test\u0007',
  '\u001b]8;;\u0007',
  '\u0085',
  '\u009b',
  '\u0080',
  '\u00a0',
  'é',
  'e\u0301',
  '日本',
  'ｱ',
  '👍',
  '👍🏽',
  '🇩🇪',
  '👩‍💻',
  '\u200d',
  '\ufe0f',
  '\t',
];
const text = fc.array(fc.constantFrom(...pieces), {maxLength: 24}).map((p) => p.join(''));
const runs = {numRuns: 400};

describe('the dependency patches change no output', () => {
  it('ansi-tokenize: tokens, styled characters and the string they make again', () => {
    fc.assert(
      fc.property(text, fc.option(fc.integer({min: 0, max: 30}), {nil: undefined}), (s, end) => {
        expect(patched.tokenize(s, end)).toEqual(original.tokenize(s, end));
        const chars = patched.styledCharsFromTokens(patched.tokenize(s));
        const originalChars = original.styledCharsFromTokens(original.tokenize(s));
        expect(chars).toEqual(originalChars);
        expect(patched.styledCharsToString(chars)).toBe(
          original.styledCharsToString(originalChars),
        );
      }),
      runs,
    );
  });

  it('string-width (both copies), slice-ansi and Ink’s sanitising', () => {
    fc.assert(
      fc.property(text, fc.nat(30), fc.nat(30), (s, a, b) => {
        expect(patched.stringWidth(s)).toBe(original.stringWidth(s));
        expect(patched.olderStringWidth(s)).toBe(original.olderStringWidth(s));
        expect(patched.hasAnsiControlCharacters(s)).toBe(original.hasAnsiControlCharacters(s));
        expect(patched.sanitizeAnsi(s)).toBe(original.sanitizeAnsi(s));
        expect(patched.sliceAnsi(s, Math.min(a, b), Math.max(a, b))).toBe(
          original.sliceAnsi(s, Math.min(a, b), Math.max(a, b)),
        );
      }),
      runs,
    );
  });

  it('Ink’s Output: the same frames, frame after frame (its caches outlive a frame)', () => {
    const write = fc.record({x: fc.nat(12), y: fc.nat(5), text});
    fc.assert(
      fc.property(
        fc.array(fc.array(write, {maxLength: 6}), {minLength: 1, maxLength: 4}),
        (frames) => {
          for (const writes of frames) {
            const a = new patched.Output({width: 16, height: 6});
            const b = new original.Output({width: 16, height: 6});
            for (const w of writes) {
              a.write(w.x, w.y, w.text, {transformers: []});
              b.write(w.x, w.y, w.text, {transformers: []});
            }
            expect(a.get()).toEqual(b.get());
          }
        },
      ),
      {numRuns: 200},
    );
  });
});
