// Builds dist/: the entry (dist/cli.js) and, split off by esbuild, one chunk per command and per
// dependency only some commands need (the AWS SDK, Ink). The command table imports each command
// lazily, so `mfa-tui check` loads the entry and check's own code, not the SDK or the UI.
import {build} from 'esbuild';
import {chmod, readFile, rm, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {thirdPartyNotices} from './third-party-notices.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
// `--no-minify` keeps names readable, for CPU profiles (bench/README.md).
const minify = !process.argv.includes('--no-minify');
const {version} = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

// Chunk names carry hashes: files of earlier builds would pile up.
await rm(dist, {recursive: true, force: true});
const {metafile} = await build({
  entryPoints: {cli: path.join(root, 'source', 'cli.tsx')},
  outdir: dist,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  jsx: 'automatic',
  // The packages' ES module builds: the AWS SDK's CommonJS builds fail to load once split into
  // chunks (an export read before it is set).
  mainFields: ['module', 'main'],
  minify,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // Ink imports react-devtools-core only when DEV is set; it is not installed.
  alias: {'react-devtools-core': path.join(root, 'scripts', 'react-devtools-stub.js')},
  define: {
    'process.env.NODE_ENV': '"production"',
    MFA_TUI_VERSION: JSON.stringify(version),
  },
  // CommonJS dependencies call require() for Node built-ins; every output file gets its own.
  banner: {
    js: "import {createRequire as __mfaCreateRequire} from 'node:module';const require=__mfaCreateRequire(import.meta.url);",
  },
});

const entry = path.join(dist, 'cli.js');
await writeFile(entry, `#!/usr/bin/env node\n${await readFile(entry, 'utf8')}`);
await chmod(entry, 0o755);
await writeFile(path.join(dist, 'package.json'), '{"type":"module"}\n');
await writeFile(
  path.join(dist, 'THIRD-PARTY-NOTICES.txt'),
  await thirdPartyNotices(root, metafile),
);
