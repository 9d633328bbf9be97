// Bundles source/cli.tsx into one ESM file, dist/cli.js.
import {build} from 'esbuild';
import {chmod, mkdir, readFile, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stub = path.join(root, 'scripts', 'react-devtools-stub.js');
const {version} = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
await mkdir(path.join(root, 'dist'), {recursive: true});

await build({
  entryPoints: [path.join(root, 'source', 'cli.tsx')],
  outfile: path.join(root, 'dist', 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  alias: {'react-devtools-core': stub},
  define: {'process.env.NODE_ENV': '"production"', MFA_TUI_VERSION: JSON.stringify(version)},
  banner: {
    js: "#!/usr/bin/env node\nimport {createRequire as __mfaCreateRequire} from 'node:module';const require=__mfaCreateRequire(import.meta.url);",
  },
});
await chmod(path.join(root, 'dist', 'cli.js'), 0o755);
await writeFile(path.join(root, 'dist', 'package.json'), '{"type":"module"}\n');
