// Dependency patches for the bundles (scripts/build.mjs): hot spots of Ink's text stack and its
// helpers, fixed at bundle time without changing a byte of output. Each patch names its file,
// the code it expects (a dependency upgrade that moves it fails the build instead of silently
// losing the patch), how it changes it, and optionally a check of the result.
// test/build/patches.test.ts holds the patched code to the original on generated text.
import {realpathSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// Ink's Output starts each frame with a new object and a new array for each of its ~5000 cells.
const blankCells = `const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }`;

/**
 * Hot spots of Ink's frame rendering, fixed at bundle time without changing a byte of output:
 *
 * - @alcalzone/ansi-tokenize's styledCharsToString diffs the styles of every pair of neighbouring
 *   cells (three Sets and four arrays per cell, ~5000 cells a frame); the diff of two equal style
 *   lists is empty, so it is now computed only where the style changes. styledCharsFromTokens
 *   gives each character a copy of the style list; the list is never mutated (the reducer copies
 *   before it changes one), so characters now share it. Each character was also an object
 *   spread of its token (slow before V8 compiles it, ~5000 a new screen): it is now a literal of
 *   the token's three properties, in the same order.
 * - Ink's Output starts empty caches for every frame (tokenised lines, string widths); the cached
 *   values are pure functions of the text, so one bounded cache now serves all frames, and the
 *   rows that did not change cost nothing to draw again. It also made a new object and array for
 *   every blank cell of every frame (~5000); all blank cells are now one frozen object. Right
 *   after the files load, when their thousands of objects are still young, each garbage
 *   collection that allocation set off copied them all: ~40 ms of the first frame at 1000
 *   profiles.
 *
 * Each patch checks that the code it replaces is still there, so a dependency upgrade that moves
 * it fails the build instead of silently losing the patch.
 */
export const patches = [
  {
    file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
    expect: [
      '...token,\n                styles: [...codes],',
      'ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles))',
    ],
    apply: (text) =>
      text
        .replace(
          '...token,\n                styles: [...codes],',
          'type: token.type, value: token.value, fullWidth: token.fullWidth, styles: codes,',
        )
        .replace(
          'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
          'if (!sameCodes(chars[i - 1].styles, char.styles)) ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
        )
        .replace(
          'if (i === chars.length - 1) {',
          'if (i === chars.length - 1 && char.styles.length > 0) {',
        ) +
      `
function sameCodes(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
    }
    return true;
}
`,
  },
  {
    file: /[\\/]ink[\\/]build[\\/]output\.js$/,
    expect: ['caches = new OutputCaches();', 'class OutputCaches {', blankCells],
    apply: (text) =>
      text
        .replace('caches = new OutputCaches();', 'caches = sharedOutputCaches();')
        .replace(blankCells, 'const row = new Array(this.width).fill(blankCell);') +
      `
// Every blank cell of a frame is this one object: cells are replaced, never changed (frozen, so a
// change would throw rather than show up in another cell).
const blankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
` +
      `
let sharedCaches;
function sharedOutputCaches() {
    // Bounded: a long session with changing text must not grow the cache forever.
    if (!sharedCaches || sharedCaches.styledChars.size > 4000 || sharedCaches.widths.size > 8000) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
}
`,
  },
];

/**
 * string-width measures any line with a character beyond ASCII through Intl.Segmenter and
 * Unicode-property regexes: slow, and the very first call (the first frame) pays for ICU's set-up.
 * Our rows carry a few such characters (→ ← … · ✓ and the like). Each of these is one column
 * and stands alone as a grapheme next to anything that is not a combining mark, so a line of
 * printable ASCII and these characters measures its length, as plain ASCII already does.
 * Checked here against string-width itself; a line with anything else takes its normal path.
 */
const narrowSymbols = '…→←↑↓·’‘“”—–›‹✓✗×⚠●○▁─│┌┐└┘⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
{
  const {default: stringWidth} = await import('string-width');
  const segmenter = new Intl.Segmenter();
  for (const ch of narrowSymbols) {
    const s = `a${ch}a`;
    if (
      ch.length !== 1 ||
      stringWidth(ch) !== 1 ||
      stringWidth(s) !== 3 ||
      [...segmenter.segment(s)].length !== 3
    ) {
      throw new Error(
        `"${ch}" is not a lone one-column character for string-width: drop it from narrowSymbols`,
      );
    }
  }
  // The same characters, printable ASCII and ESC (of escape sequences) are one grapheme per code
  // unit, so ansi-tokenize's fast path below may split such a line by code unit.
  const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
  let ascii = '';
  for (let c = 0x20; c <= 0x7e; c++) ascii += String.fromCharCode(c);
  const samples = [
    ascii,
    ...[...narrowSymbols].map((ch) => `\u001b[1m${ch}a${ch}\u001b[0m ${ch}${ch}~`),
  ];
  for (const sample of samples) {
    const segments = [...graphemes.segment(sample)];
    if (segments.length !== sample.length || segments.some((g, i) => g.segment !== sample[i])) {
      throw new Error(`${JSON.stringify(sample)} is not one grapheme per code unit`);
    }
  }
}
const narrowClass = [...narrowSymbols]
  .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  .join('');
patches.push({
  // The copy Ink, widest-line and cli-truncate use (wrap-ansi keeps an older one of its own).
  // esbuild names files by their real path: a node_modules that is a link resolves elsewhere.
  file: new RegExp(
    `^${realpathSync(path.join(root, 'node_modules', 'string-width', 'index.js')).replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}$`,
  ),
  expect: [
    'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
    'const segmenter = new Intl.Segmenter();',
    'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
  ],
  apply: (text) =>
    text
      .replace(
        'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
        `if (/^[\\u0020-\\u007E${narrowClass}]*$/.test(string)) {`,
      )
      .replace('const segmenter = new Intl.Segmenter();', lazySegmenter('segmenter', ''))
      .replace(
        'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
        lazyRegExp('rgiEmojiRegex', '/^\\p{RGI_Emoji}$/v'),
      ),
  // The stand-ins offer only these methods: the module must call no others.
  check: (text) =>
    !/segmenter\.(?!segment\()/.test(text) && !/rgiEmojiRegex\.(?!test\()/.test(text),
});

/**
 * The first Intl.Segmenter loads ICU's break rules (~15 ms) and /^\p{RGI_Emoji}$/v compiles every
 * emoji sequence (~16 ms). Modules of Ink's text stack make them as they load, though a frame of
 * our rows never needs them (the fast paths above and below): they are now made on first use. A
 * stand-in offers only the one method its module calls (each patch's `check`).
 */
function lazySegmenter(name, options) {
  return `let ${name}Made;const ${name}={segment:(s)=>(${name}Made??=new Intl.Segmenter(${options})).segment(s)};`;
}
function lazyRegExp(name, literal) {
  return `let ${name}Made;const ${name}={test:(s)=>(${name}Made??=${literal}).test(s)};`;
}

/**
 * Ink sanitises the text of every text node of every frame, and first asks whether it has an escape
 * or a C1 control character, walking it one code point at a time through a function call each.
 * A C1 control (U+0080–U+009F) is one code unit and never half of a surrogate pair, so a search of
 * the code units for that range answers the same, natively.
 */
const c1Loop = `    for (const character of text) {
        if (isC1ControlCharacter(character)) {
            return true;
        }
    }
    return false;`;
const c1Function = `export const hasAnsiControlCharacters = (text) => {
    if (text.includes(escapeCharacter)) {
        return true;
    }
${c1Loop}`;
patches.push({
  file: /[\\/]ink[\\/]build[\\/]ansi-tokenizer\.js$/,
  expect: [
    c1Function,
    `const isC1ControlCharacter = (character) => {
    const codePoint = character.codePointAt(0);
    return codePoint !== undefined && codePoint >= 0x80 && codePoint <= 0x9f;
};`,
  ],
  apply: (text) =>
    text.replace(
      c1Function,
      c1Function.replace(c1Loop, '    return /[\\u0080-\\u009F]/.test(text);'),
    ),
});

/**
 * signal-exit (through restore-cursor) loads Node's assert module (~1 ms before the first frame)
 * for one check that Ink always passes: that the exit handler is a function. The stand-in would
 * throw a plain Error rather than an AssertionError, on a call Ink never makes; no output changes.
 * (The property tests do not load signal-exit or yoga: those two patches have the build's checks.)
 */
patches.push({
  file: /[\\/]signal-exit[\\/]index\.js$/,
  expect: [
    "var assert = require('assert')",
    "assert.equal(typeof cb, 'function', 'a callback must be provided for exit handler')",
  ],
  apply: (text) =>
    text.replace(
      "var assert = require('assert')",
      'var assert = {equal: function (actual, expected, message) { if (actual != expected) throw new Error(message) }}',
    ),
  check: (text) =>
    !/require\(['"](node:)?assert['"]\)/.test(text) && !/assert\.(?!equal\()/.test(text),
});

// wrap-ansi's own older string-width.
patches.push({
  file: /[\\/]wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
  expect: ['const segmenter = new Intl.Segmenter();'],
  apply: (text) =>
    text.replace('const segmenter = new Intl.Segmenter();', lazySegmenter('segmenter', '')),
  check: (text) => !/segmenter\.(?!segment\()/.test(text),
});

patches.push({
  file: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/,
  expect: ["const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});"],
  apply: (text) =>
    text.replace(
      "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
      lazySegmenter('GRAPHEME_SEGMENTER', "undefined, {granularity: 'grapheme'}"),
    ),
  check: (text) => !/GRAPHEME_SEGMENTER\.(?!segment\()/.test(text),
});

/**
 * ansi-tokenize splits every line of every frame into graphemes with Intl.Segmenter. A line of
 * printable ASCII, ESC and the narrow symbols is one grapheme per code unit (checked above), so
 * such a line is split by code unit, in a plain loop over its indices (no iterator, no object per
 * character: a new screen has ~5000 of them), and the segmenter is made only for a line that
 * needs it. The loop's body is the package's own, unchanged.
 */
patches.push({
  file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
  expect: [
    'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
    'for (const { segment, index } of segmenter.segment(str)) {',
  ],
  apply: (text) =>
    text
      .replace(
        'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
        `${lazySegmenter('segmenter', 'undefined, { granularity: "grapheme" }')}
const oneUnitGraphemes = /^[\\u001B\\u0020-\\u007E${narrowClass}]*$/;`,
      )
      .replace(
        'for (const { segment, index } of segmenter.segment(str)) {',
        `const byCodeUnit = oneUnitGraphemes.test(str);
    const graphemes = byCodeUnit ? undefined : segmenter.segment(str)[Symbol.iterator]();
    for (let unit = 0; ; unit++) {
        let segment, index;
        if (byCodeUnit) {
            if (unit >= str.length) break;
            segment = str[unit];
            index = unit;
        }
        else {
            const step = graphemes.next();
            if (step.done) break;
            ({ segment, index } = step.value);
        }`,
      ),
  check: (text) => !/segmenter\.(?!segment\()/.test(text),
});

// yoga-layout decodes its 70 KB of WebAssembly from base64 with atob and a loop over every byte,
// in code that has not been compiled yet: Node's Buffer does it natively in a fraction of that.
patches.push({
  file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
  expect: [
    'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
  ],
  apply: (text) =>
    text.replace(
      'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
      'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
    ),
});

/**
 * Ink falls back to terminal-size when stdout reports no width, and terminal-size may run `tput`
 * or `resize` as child processes. The TUI runs only on a terminal; should a width ever be missing,
 * 80×24 (Ink's own default) is the answer, without spawning anything.
 */
export const noChildProcesses = {
  name: 'mfa-tui-no-terminal-size-processes',
  setup(b) {
    b.onResolve({filter: /^terminal-size$/}, () => ({path: 'terminal-size', namespace: 'stub'}));
    b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({
      contents:
        'export default function terminalSize() { const s = process.stdout; return {columns: s.columns || Number(process.env.COLUMNS) || 80, rows: s.rows || Number(process.env.LINES) || 24}; }',
      loader: 'js',
    }));
  },
};

export const dependencyPatches = {
  name: 'mfa-tui-dependency-patches',
  setup(b) {
    for (const patch of patches) {
      b.onLoad({filter: patch.file}, async (args) => {
        patch.applied = (patch.applied ?? 0) + 1;
        const text = await readFile(args.path, 'utf8');
        for (const needle of patch.expect) {
          if (!text.includes(needle)) {
            throw new Error(
              `${args.path} changed: "${needle}" is gone. Review the patch in scripts/patches.mjs.`,
            );
          }
        }
        const patched = patch.apply(text);
        if (patch.check && !patch.check(patched)) {
          throw new Error(
            `${args.path}: the patch's check failed. Review it in scripts/patches.mjs.`,
          );
        }
        return {contents: patched, loader: 'js'};
      });
    }
  },
};
