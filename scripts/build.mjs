// Builds dist/ for a fast start. Node pays for every module file it loads (resolve, read, compile),
// and for every byte it parses, so the layout is:
//
//   dist/cli.js              the entry (`bin`): flags, the command table, dispatch; nothing else
//   dist/commands/<name>.js  one self-contained file per command (core, store and command code)
//   dist/vendor/*.js         what only some paths need, loaded by import() when they need it:
//                            the AWS SDK clients, conf, the JS SDK's INI reader; split into
//                            shared chunks among themselves
//   dist/vendor/run-tui-HASH.script.js
//                            the TUI (Ink, React, yoga, the screens) as one script, loaded with
//                            V8's code cache (source/store/code-cache.ts)
//
// so `mfa-tui list` loads two small files, and the SDK or Ink are read from disk only by the code
// that calls them. The entry and the commands are CommonJS (required, no ES module loader to
// start); the vendor files are ES modules. Pure code may appear in more than one file
// (commands/list.js and commands/check.js both carry the INI reader); none of it holds state that
// must be shared.
import {createHash} from 'node:crypto';
import {build} from 'esbuild';
import {realpathSync} from 'node:fs';
import {chmod, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {shareToESM, shareToESMHelper} from './share-to-esm.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = path.join(root, 'source');
// `--out=DIR` builds elsewhere (for profiling experiments next to a dist/ in use).
const outArg = process.argv.find((a) => a.startsWith('--out='));
const dist = outArg ? path.resolve(outArg.slice(6)) : path.join(root, 'dist');
const stub = path.join(root, 'scripts', 'react-devtools-stub.js');
// `--no-minify` keeps names readable, for CPU profiles (bench/README.md).
const minify = !process.argv.includes('--no-minify');
const {version} = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

/** Loaded on demand from dist/vendor/: import specifier (package, or file under source/) → file name. */
const vendor = {
  '@aws-sdk/client-sts': 'client-sts',
  '@aws-sdk/client-iam': 'client-iam',
  '@smithy/shared-ini-file-loader': 'shared-ini-file-loader',
  conf: 'conf',
};
/** The UI (Ink, React, yoga, the screens): one script for V8's code cache (store/code-cache.ts). */
const uiEntry = path.join(source, 'commands', 'tui-app.ts');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify,
  legalComments: 'none',
  logLevel: 'warning',
  alias: {'react-devtools-core': stub},
  define: {'process.env.NODE_ENV': '"production"', MFA_TUI_VERSION: JSON.stringify(version)},
  // CommonJS dependencies call require() for Node built-ins; every output file gets its own.
  banner: {
    js: "import {createRequire as __mfaCreateRequire} from 'node:module';const require=__mfaCreateRequire(import.meta.url);",
  },
};

const commandTable = path.join(source, 'commands', 'index.ts');
// Every module the command table loads lazily becomes dist/commands/<name>.js.
const commandNames = [
  ...(await readFile(commandTable, 'utf8')).matchAll(/import\(\s*'\.\/([\w-]+)\.js'\s*\)/g),
].map((m) => m[1]);
const tsFile = (dir, spec) => path.resolve(dir, spec).replace(/\.js$/, '');

/**
 * Keeps the boundaries above: the command table's lazy imports point at dist/commands/, and the
 * vendor modules at dist/vendor/, instead of being copied into the importing file.
 */
const boundaries = {
  name: 'mfa-tui-boundaries',
  setup(b) {
    b.onResolve({filter: /.*/}, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const fromEntry = args.importer === path.join(source, 'cli.tsx');
      const prefix = fromEntry ? './' : '../';
      if (
        args.path.startsWith('./') &&
        path.dirname(args.importer) === path.dirname(commandTable)
      ) {
        const name = path.basename(tsFile(args.resolveDir, args.path));
        // A command loads through require() (the stub below): no ES module loader starts for it.
        if (commandNames.includes(name)) {
          const from = args.importer === commandTable ? './commands/' : './';
          return {path: `${from}${name}.js`, namespace: 'command-by-require'};
        }
        // The TUI's own code is in the UI script (uiEntry), never in a command file.
        if (tsFile(args.resolveDir, args.path) + '.ts' === uiEntry)
          return {path: args.path, external: true};
      }
      if (vendor[args.path])
        return {path: `${prefix}vendor/${vendor[args.path]}.js`, external: true};
      if (args.path.startsWith('.')) {
        const file = tsFile(args.resolveDir, args.path);
        for (const ext of ['.ts', '.tsx']) {
          const name = vendor[file + ext];
          if (name) return {path: `${prefix}vendor/${name}.js`, external: true};
        }
      }
      return undefined;
    });
    // The command table's import('./x.js') loads dist/commands/x.js with require(): a stub
    // module bundled in its place requires the real file, which stays outside the bundle.
    b.onLoad({filter: /.*/, namespace: 'command-by-require'}, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
    b.onResolve({filter: /^\.\//}, (args) =>
      args.namespace === 'command-by-require' ? {path: args.path, external: true} : undefined,
    );
  },
};

/**
 * Node built-ins through require() instead of import: an ESM import of `node:fs` builds a module
 * facade that reads every export, which loads fs streams, readline and more that no command uses.
 * require() hands back the object Node already has. In the CommonJS builds a static import already
 * becomes require(), so only import() needs this there (it would start the ES module loader).
 */
const builtinsViaRequire = ({dynamicOnly = false} = {}) => ({
  name: 'mfa-tui-builtins-via-require',
  setup(b) {
    b.onResolve(
      {
        filter:
          /^node:|^(fs|path|os|util|url|module|events|stream|crypto|child_process|http|https|net|tty|buffer|assert|zlib|process|readline|worker_threads|string_decoder|timers)(\/.*)?$/,
      },
      (args) => {
        if (args.namespace === 'builtin') return undefined;
        if (dynamicOnly && args.kind !== 'dynamic-import') return undefined;
        const name = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
        // One shim per importer, so code splitting keeps each shim in its importer's chunk
        // instead of making a chunk (a file to load) of every shared shim.
        return {path: `${name}#${args.importer}`, namespace: 'builtin'};
      },
    );
    b.onLoad({filter: /.*/, namespace: 'builtin'}, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path.slice(0, args.path.indexOf('#')))});`,
      loader: 'js',
    }));
  },
});

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
 *   before it changes one), so characters now share it.
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
const patches = [
  {
    file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
    expect: [
      'styles: [...codes],',
      'ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles))',
    ],
    apply: (text) =>
      text
        .replace('styles: [...codes],', 'styles: codes,')
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
patches.push({
  file: /[\\/]ink[\\/]build[\\/]ansi-tokenizer\.js$/,
  expect: [
    `export const hasAnsiControlCharacters = (text) => {
    if (text.includes(escapeCharacter)) {
        return true;
    }
${c1Loop}`,
    `const isC1ControlCharacter = (character) => {
    const codePoint = character.codePointAt(0);
    return codePoint !== undefined && codePoint >= 0x80 && codePoint <= 0x9f;
};`,
  ],
  apply: (text) => text.replace(c1Loop, '    return /[\\u0080-\\u009F]/.test(text);'),
});

/**
 * signal-exit (through restore-cursor) loads Node's assert module (~1 ms before the first frame)
 * for one check that Ink always passes: that the exit handler is a function.
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
 * such a line is split by code unit and the segmenter is made only for a line that needs it.
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
const oneUnitGraphemes = /^[\\u001B\\u0020-\\u007E${narrowClass}]*$/;
function* codeUnits(str) {
    for (let index = 0; index < str.length; index++) yield { segment: str[index], index };
}`,
      )
      .replace(
        'for (const { segment, index } of segmenter.segment(str)) {',
        'for (const { segment, index } of (oneUnitGraphemes.test(str) ? codeUnits(str) : segmenter.segment(str))) {',
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
const noChildProcesses = {
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

const dependencyPatches = {
  name: 'mfa-tui-dependency-patches',
  setup(b) {
    for (const patch of patches) {
      b.onLoad({filter: patch.file}, async (args) => {
        patch.applied = (patch.applied ?? 0) + 1;
        const text = await readFile(args.path, 'utf8');
        for (const needle of patch.expect) {
          if (!text.includes(needle)) {
            throw new Error(
              `${args.path} changed: "${needle}" is gone. Review the patch in scripts/build.mjs.`,
            );
          }
        }
        const patched = patch.apply(text);
        if (patch.check && !patch.check(patched)) {
          throw new Error(
            `${args.path}: the patch's check failed. Review it in scripts/build.mjs.`,
          );
        }
        return {contents: patched, loader: 'js'};
      });
    }
  },
};

/**
 * The UI as a script rather than a module: vm.Script takes V8's code cache on Node 20, where
 * modules cannot. esbuild writes one ESM file (Ink and yoga use top-level await); its body becomes
 * the body of an async function that receives `require`, `import.meta.url` and an import() for the
 * vendor modules (a script's own import() has no loader behind it), and returns the exports. The
 * vendor modules (the AWS SDK, conf) stay outside: they load only when the TUI renews or saves.
 */
/** In the UI script, `import('@aws-sdk/client-sts')` and the like become __mfaImport('client-sts'). */
const vendorOutside = {
  name: 'mfa-tui-vendor-outside',
  setup(b) {
    b.onResolve({filter: /.*/}, (args) =>
      args.kind === 'dynamic-import' && vendor[args.path]
        ? {path: `mfa-vendor:${vendor[args.path]}`, external: true}
        : undefined,
    );
  },
};

async function buildUiScript() {
  const result = await build({
    ...common,
    banner: {},
    define: {...common.define, 'import.meta.url': '__mfaImportMetaUrl'},
    entryPoints: {'run-tui': uiEntry},
    outdir: path.join(dist, 'vendor'),
    mainFields: ['module', 'main'],
    metafile: true,
    write: false,
    plugins: [vendorOutside, builtinsViaRequire(), dependencyPatches, noChildProcesses],
  });
  const [output] = result.outputFiles;
  const vendorImport = /\bimport\("mfa-vendor:([\w-]+)"\)/g;
  const text = output.text.replace(
    vendorImport,
    (_, name) => `__mfaImport(${JSON.stringify(name)})`,
  );
  if (/\bimport\s*\(\s*["'`]/.test(text)) {
    throw new Error(`${uiEntry}: an import() the UI script cannot run is left in the bundle`);
  }
  const exported = /\bexport\s*\{([^}]*)\};?\s*$/.exec(text);
  // An import or export statement anywhere else (not an `import:` key or an import() call).
  const statement =
    /^\s*(?:import\s*(?:[{*"'`]|[\w$]+\s*(?:,|from\b))|export\s*(?:[{*]|(?:default|const|let|var|function|class|async)\b)).*$/m;
  const stray = statement.exec(exported ? text.slice(0, exported.index) : '');
  if (!exported || stray) {
    throw new Error(
      `${uiEntry}: the bundle is not one module with a single export list at its end${stray ? `: ${stray[0].slice(0, 200)}` : ''}`,
    );
  }
  const returned = exported[1]
    .split(',')
    .map((part) => {
      const [local, name = local] = part.trim().split(/\s+as\s+/);
      return `${JSON.stringify(name)}:${local}`;
    })
    .join(',');
  // Each CommonJS module's exports are copied once for all its importers (share-to-esm.mjs).
  const body = shareToESM(text.slice(0, exported.index));
  const script = `(async function(require,__mfaImportMetaUrl,__mfaImport){"use strict";${shareToESMHelper}${body}\nreturn{${returned}};})`;
  // Named by its content: a cache made for other code can never be taken for this file's, even
  // where installs give every file the same mtime (npm does).
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 12);
  const file = path.join(dist, 'vendor', `run-tui-${hash}.script.js`);
  await mkdir(path.dirname(file), {recursive: true});
  await writeFile(file, script);
  return {name: path.basename(file), metafile: {outputs: {[path.relative(root, file)]: {}}}};
}

await mkdir(dist, {recursive: true});

// First: the commands name the UI script, whose name is its hash.
const ui = await buildUiScript();
// A patch whose file the UI never loaded (moved, renamed, resolved elsewhere) is lost as surely as
// one whose code changed.
for (const patch of patches) {
  if (!patch.applied)
    throw new Error(`No file matched the patch for ${patch.file}: review it in scripts/build.mjs.`);
}
const built = await Promise.all([
  build({
    ...common,
    // CommonJS: Node starts a CommonJS entry without its ES module loader (~8 ms), and the
    // commands load with require(). The vendor modules stay ES modules, loaded by import().
    format: 'cjs',
    banner: {
      js: '"use strict";var __mfaImportMetaUrl=require("node:url").pathToFileURL(__filename).href;',
    },
    define: {
      ...common.define,
      'import.meta.url': '__mfaImportMetaUrl',
      MFA_TUI_UI_SCRIPT: JSON.stringify(`../vendor/${ui.name}`),
    },
    entryPoints: {
      cli: path.join(source, 'cli.tsx'),
      ...Object.fromEntries(
        commandNames.map((n) => [`commands/${n}`, path.join(source, 'commands', `${n}.ts`)]),
      ),
    },
    outdir: dist,
    metafile: true,
    // A static import of a built-in is a plain require() here (platform node keeps built-ins
    // external): no shim, and a named import reads the property off the object Node already has.
    plugins: [boundaries, builtinsViaRequire({dynamicOnly: true})],
  }),
  build({
    ...common,
    entryPoints: Object.fromEntries(Object.entries(vendor).map(([spec, name]) => [name, spec])),
    outdir: path.join(dist, 'vendor'),
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    // An entry point keeps its exports only when it is ESM: prefer the packages' ESM builds
    // (`module`), or `import('@aws-sdk/client-sts')` would find a bare default export.
    mainFields: ['module', 'main'],
    metafile: true,
    plugins: [builtinsViaRequire(), dependencyPatches, noChildProcesses],
  }),
  ui,
]);

// The CommonJS files must not start the ES module loader for a built-in (see builtinsViaRequire).
for (const file of Object.keys(built[0].metafile.outputs)) {
  const text = await readFile(path.resolve(root, file), 'utf8');
  const found = /\bimport\(\s*["'`](node:[\w/]+)/.exec(text);
  if (found) throw new Error(`${file}: import("${found[1]}") is left in a CommonJS file`);
}

const entry = path.join(dist, 'cli.js');
await writeFile(entry, `#!/usr/bin/env node\n${await readFile(entry, 'utf8')}`);
await chmod(entry, 0o755);
// The entry and the commands are CommonJS; the vendor modules are ES modules.
await writeFile(path.join(dist, 'package.json'), '{"type":"commonjs"}\n');
await writeFile(path.join(dist, 'vendor', 'package.json'), '{"type":"module"}\n');

// Files of earlier builds (chunk names carry hashes) go only now: dist/cli.js is never missing,
// even for a process that starts while this build runs.
const keep = new Set([
  path.join(dist, 'package.json'),
  path.join(dist, 'vendor', 'package.json'),
  ...built.flatMap((r) => Object.keys(r.metafile.outputs).map((f) => path.resolve(root, f))),
]);
for (const entry of await readdir(dist, {recursive: true, withFileTypes: true})) {
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  if (entry.isFile() && !keep.has(file)) await rm(file, {force: true});
}
