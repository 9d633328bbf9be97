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
import {chmod, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {dependencyPatches, noChildProcesses, patches} from './patches.mjs';
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

/** The sources' hash: a cache made by other code is never taken for this build's (store/listing-cache.ts). */
async function sourceHash() {
  const hash = createHash('sha256');
  for (const name of (await readdir(source, {recursive: true})).sort()) {
    const text = await readFile(path.join(source, name)).catch((e) => {
      if (e.code === 'EISDIR') return undefined;
      throw e;
    });
    if (text) hash.update(`${name}\0${text.length}\0`).update(text);
  }
  return hash.digest('hex').slice(0, 16);
}

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
  define: {
    'process.env.NODE_ENV': '"production"',
    MFA_TUI_VERSION: JSON.stringify(version),
    MFA_TUI_BUILD: JSON.stringify(await sourceHash()),
  },
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
    throw new Error(
      `No file matched the patch for ${patch.file}: review it in scripts/patches.mjs.`,
    );
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
