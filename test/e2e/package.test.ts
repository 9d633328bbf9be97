// The package as a user installs it: `npm pack`, an offline global install into a temp prefix, and
// the installed command run from there, against the sandbox the installed command itself serves.
import {spawn} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {totpCode} from '../../source/sandbox/totp.js';
import {cliPath, repoRoot, runCommand} from '../helpers/cli.js';
import {cleanEnv} from '../helpers/env.js';
import {spawnTerm} from '../helpers/term.js';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  scripts: Record<string, string>;
};

let work: string;
let prefix: string;
let installed: string;
let installOutput: string;
let packed: {unpackedSize: number; files: {path: string}[]};

/** An environment free of the machine's AWS settings and of the npm that may be running this test. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(cleanEnv()).filter(([k]) => !/^npm_/i.test(k)),
  ) as NodeJS.ProcessEnv;
  const bin = path.join(prefix, 'bin');
  return {...base, PATH: `${path.dirname(process.execPath)}:${bin}:${base.PATH}`, ...extra};
}

async function npm(args: string[]) {
  const r = await runCommand('npm', args, {env: env({HOME: work}), cwd: work, timeoutMs: 120_000});
  if (r.code !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function firstLine(stream: NodeJS.ReadableStream, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({input: stream});
    lines.once('line', (line) => {
      resolve(line);
      lines.close();
    });
    lines.once('close', () => reject(new Error(`the sandbox printed nothing:\n${stderr()}`)));
  });
}

/** A throw-away HOME with its own settings folder, and the installed `mfa-tui` to run in it. */
function userHome(extra: NodeJS.ProcessEnv = {}) {
  const home = mkdtempSync(path.join(work, 'home-'));
  const e = env({HOME: home, MFA_TUI_CONFIG_DIR: path.join(home, 'settings'), ...extra});
  const run = (...args: string[]) => runCommand('mfa-tui', args, {env: e, cwd: home});
  return {home, env: e, run};
}

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  work = mkdtempSync(path.join(tmpdir(), 'mfa-tui-package-'));
  prefix = path.join(work, 'prefix');
  // The suite builds dist/ first; prepack building again would swap dist/ under the other tests.
  const packJson = await npm([
    'pack',
    repoRoot,
    '--ignore-scripts',
    '--json',
    '--pack-destination',
    work,
  ]);
  const [info] = JSON.parse(packJson) as [typeof packed & {filename: string}];
  packed = info;
  installOutput = await npm([
    'install',
    '--global',
    '--offline',
    '--no-audit',
    '--no-fund',
    '--prefix',
    prefix,
    path.join(work, info.filename),
  ]);
  installed = path.join(prefix, 'lib', 'node_modules', 'mfa-tui');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true});
});

describe('the package', () => {
  it('depends on nothing and builds on prepack, not on install', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.scripts.prepack).toContain('scripts/build.mjs');
    for (const hook of ['prepare', 'preinstall', 'install', 'postinstall']) {
      expect(manifest.scripts[hook], hook).toBeUndefined();
    }
  });

  it('packs dist/, README, LICENSE and the notices of what it bundles, under 3 MB unpacked', () => {
    const files = packed.files.map((f) => f.path);
    for (const file of ['dist/cli.js', 'README.md', 'LICENSE', 'dist/THIRD-PARTY-NOTICES.txt']) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => !f.startsWith('dist/'))).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'package.json']),
    );
    expect(files.every((f) => f.startsWith('dist/') || !f.includes('/'))).toBe(true);
    expect(packed.unpackedSize).toBeLessThanOrEqual(3_000_000);
    const notices = readFileSync(path.join(installed, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/@aws-sdk\/client-sts@\S+ \(Apache-2\.0\)/);
    expect(notices).toMatch(/\bink@\S+ \(MIT\)/);
    expect(notices).toContain('Apache License');
  });

  it('installs offline as exactly one package, with nothing under it', () => {
    expect(installOutput).toMatch(/added 1 package\b/);
    expect(readdirSync(path.join(prefix, 'lib', 'node_modules'))).toEqual(['mfa-tui']);
    expect(existsSync(path.join(installed, 'node_modules'))).toBe(false);
  });

  it('runs as installed: --version, list, and a malformed settings file refused', async () => {
    const user = userHome();
    const version = await user.run('--version');
    expect(version).toMatchObject({code: 0, stdout: `${manifest.version}\n`});
    mkdirSync(path.join(user.home, '.aws'));
    writeFileSync(path.join(user.home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n');
    const list = await user.run('list');
    expect(list.stderr).toBe('');
    expect(list).toMatchObject({code: 0});
    expect(list.stdout).toContain('dev');
    // conf loads from its own chunk: the settings file is read through it.
    const settings = path.join(user.home, 'settings', 'config.json');
    mkdirSync(path.dirname(settings), {recursive: true});
    writeFileSync(settings, '{"warnSeconds": "soon"}');
    const refused = await user.run('list');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(settings);
    expect(refused.stderr).toContain('warnSeconds');
    expect(readFileSync(settings, 'utf8')).toBe('{"warnSeconds": "soon"}');
  });

  it('serves the sandbox and renews against it, then draws the TUI', async () => {
    const user = userHome();
    const sandbox = spawn('mfa-tui', ['sandbox', '--dir', path.join(user.home, 'aws')], {
      env: user.env,
      stdio: 'pipe',
    });
    let stderr = '';
    sandbox.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    try {
      const started = JSON.parse(await firstLine(sandbox.stdout, () => stderr)) as {
        env: Record<string, string>;
        credentialsFile: string;
        users: {name: string; totpSecret: string | null}[];
      };
      const alice = started.users.find((u) => u.name === 'alice')!;
      const inSandbox = {...user.env, ...started.env};
      const before = readFileSync(started.credentialsFile, 'utf8');
      const code = totpCode(alice.totpSecret!, new Date());
      const renew = await runCommand('mfa-tui', ['renew', 'default', '--code', code], {
        env: inSandbox,
      });
      expect(renew.stderr).toBe('');
      expect(renew.code).toBe(0);
      const after = readFileSync(started.credentialsFile, 'utf8');
      const mfaKey = (text: string) => /\[mfa\]\naws_access_key_id = (ASIA\w+)/.exec(text)?.[1];
      expect(mfaKey(after)).toBeDefined();
      expect(mfaKey(after)).not.toBe(mfaKey(before));

      const term = spawnTerm([], {
        env: inSandbox,
        cwd: user.home,
        script: path.join(installed, 'dist', 'cli.js'),
      });
      try {
        await term.waitFor('work-long-term');
        term.write('q');
        expect(await term.exit()).toBe(0);
      } finally {
        term.kill();
      }
    } finally {
      sandbox.kill('SIGTERM');
    }
  });
});
