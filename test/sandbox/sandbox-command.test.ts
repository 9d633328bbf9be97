// `mfa-tui sandbox` as a user runs it: the built dist/cli.js in its own process.
import {execFileSync, spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {SandboxInfo} from '../../source/sandbox/launch.js';
import {totpCode} from '../../source/sandbox/totp.js';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {cliPath, repoRoot, runCli} from '../helpers/cli.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';

const cliMissing = awsCliMissingReason();
let home: TestHome;
beforeAll(() => {
  home = makeTestHome();
});
afterAll(() => home.cleanup());

type Running = {
  info: SandboxInfo;
  child: ChildProcessWithoutNullStreams;
  exit: Promise<number | null>;
  stderr(): string;
};

/** Starts `node dist/cli.js sandbox …` and resolves with its first stdout line, parsed. */
function startProcess(args: string[]): Promise<Running> {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const child = spawn(process.execPath, [cliPath, 'sandbox', ...args], {
    env: home.env,
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
  exit.then(() => clearTimeout(kill));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl >= 0)
        resolve({info: JSON.parse(stdout.slice(0, nl)), child, exit, stderr: () => stderr});
    });
    exit.then((code) =>
      reject(new Error(`sandbox exited ${code} before its first line: ${stderr}`)),
    );
  });
}

describe('mfa-tui sandbox (built CLI)', () => {
  test('prints export lines a shell takes as they are, for a --dir with a space and a quote', async () => {
    const dir = path.join(home.home, "my sandbox's files");
    const run = await startProcess(['--dir', dir]);
    for (let i = 0; i < 100 && !run.stderr().includes('Ctrl-C'); i++) await sleep(50);
    const lines = run
      .stderr()
      .split('\n')
      .filter((l) => l.trim().startsWith('export '));
    expect(lines).toHaveLength(Object.keys(run.info.env).length);
    const printed = execFileSync('sh', ['-c', `${lines.join('\n')}\nenv`], {
      encoding: 'utf8',
      env: {PATH: process.env.PATH},
    });
    for (const [k, v] of Object.entries(run.info.env)) expect(printed).toContain(`${k}=${v}\n`);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });

  test('prints the JSON line first, writes matching files into --dir, serves, and exits 0 on SIGTERM', async () => {
    const dir = path.join(home.home, 'sandbox-files');
    const run = await startProcess(['--dir', dir, '--debug']);
    const {info} = run;
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info).toMatchObject({
      dir,
      credentialsFile: path.join(dir, 'credentials'),
      configFile: path.join(dir, 'config'),
      env: {
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
        AWS_CONFIG_FILE: path.join(dir, 'config'),
        AWS_ENDPOINT_URL_STS: info.endpoint,
        AWS_ENDPOINT_URL_IAM: info.endpoint,
      },
    });
    const credentials = readFileSync(info.credentialsFile, 'utf8');
    const withKeys = info.users.filter((u) => u.accessKeyId);
    expect(withKeys.map((u) => u.name)).toEqual(['root', 'alice', 'bob', 'carol']);
    for (const user of withKeys) {
      expect(user.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
      expect(credentials).toContain(
        `aws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
      );
    }
    const alice = info.users.find((u) => u.name === 'alice')!;
    expect(alice).toMatchObject({
      arn: 'arn:aws:iam::111122223333:user/alice',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
    });
    expect(alice.totpSecret).toMatch(/^[A-Z2-7]{64}$/);
    expect(run.stderr()).not.toContain(alice.secretAccessKey!);

    if (!cliMissing) {
      const code = totpCode(alice.totpSecret!, new Date());
      // The real AWS CLI, with only the sample files and a code from the printed TOTP secret.
      const r = await runAws(
        [
          'sts',
          'get-session-token',
          '--serial-number',
          alice.mfaSerial!,
          '--token-code',
          code,
          '--endpoint-url',
          info.endpoint,
          '--output',
          'json',
        ],
        {...home.env, ...info.env},
      );
      expect(r.stderr).toBe('');
      const issued = JSON.parse(r.stdout).Credentials;
      expect(issued.AccessKeyId).toMatch(/^ASIA/);
      // --debug logs the request with the key's last 4 characters, and no secret, token or code.
      const logLine = `GetSessionToken key …${alice.accessKeyId!.slice(-4)} → 200`;
      for (let i = 0; i < 100 && !run.stderr().includes(logLine); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(run.stderr()).toContain(logLine);
      for (const secret of [
        alice.secretAccessKey!,
        alice.accessKeyId!,
        issued.SecretAccessKey,
        issued.SessionToken,
        code,
      ]) {
        expect(run.stderr()).not.toContain(secret);
      }
    }

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(existsSync(info.credentialsFile)).toBe(true);
  }, 60_000);

  test('without --dir it uses a temporary folder and removes it on SIGINT', async () => {
    const run = await startProcess([]);
    expect(existsSync(run.info.credentialsFile)).toBe(true);
    expect(readdirSync(run.info.dir).sort()).toEqual(['config', 'credentials']);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(existsSync(run.info.dir)).toBe(false);
  });

  test('--state loads a state file', async () => {
    const run = await startProcess([
      '--state',
      path.join(repoRoot, 'docs', 'sandbox-state.example.json'),
    ]);
    expect(run.info.users.map((u) => u.name)).toEqual(['root', 'dev', 'ops']);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });

  test('bad usage exits 2; an unusable state file or port exits 1', async () => {
    const [flag, port, state] = await Promise.all([
      runCli(['sandbox', '--colour'], {env: home.env}),
      runCli(['sandbox', '--port', 'eighty'], {env: home.env}),
      runCli(['sandbox', '--state', path.join(home.home, 'missing.json')], {env: home.env}),
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour'");
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a number from 0 to 65535');
    expect(state.code).toBe(1);
    expect(state.stderr).toContain('Cannot read the state file');
    expect(flag.stdout + port.stdout + state.stdout).toBe('');

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const busy = await runCli(
        ['sandbox', '--port', String((taken.address() as {port: number}).port)],
        {env: home.env},
      );
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('is already in use');
    } finally {
      taken.close();
    }
  });
});

describe('mfa-tui demo (built CLI)', () => {
  test('starts the sandbox, prints what to export and the current codes, exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, 'demo'], {env: home.env, stdio: 'pipe'});
    const exit = new Promise<number | null>((resolve) =>
      child.on('close', (code) => resolve(code)),
    );
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (/alice \d{6}/.test(out)) resolve();
      });
      exit.then((code) => reject(new Error(`demo exited ${code}`)));
    });
    const credentials = /export AWS_SHARED_CREDENTIALS_FILE='([^']+)'/.exec(out)?.[1];
    expect(credentials && existsSync(credentials)).toBe(true);
    expect(out).toMatch(/export AWS_ENDPOINT_URL_STS='http:\/\/127\.0\.0\.1:\d+'/);
    expect(out).not.toMatch(/aws_secret_access_key|secretAccessKey/);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    clearTimeout(kill);
    expect(existsSync(credentials!)).toBe(false);
  });
});

describe('sandbox boundaries', () => {
  test('the sandbox and its command import neither Ink/React nor the AWS SDK (they must start fast)', () => {
    const dir = path.join(repoRoot, 'source', 'sandbox');
    const files = [
      ...readdirSync(dir).map((f) => path.join(dir, f)),
      path.join(repoRoot, 'source', 'commands', 'sandbox.ts'),
    ];
    for (const file of files) {
      const imports = [
        ...readFileSync(file, 'utf8').matchAll(/^import[^;]*?from '([^']+)'/gms),
      ].map((m) => m[1]);
      for (const spec of imports) {
        expect(spec, `${path.basename(file)} imports ${spec}`).toMatch(
          /^(node:|\.\/|\.\.\/core\/|\.\.\/sandbox\/|\.\/context\.js)/,
        );
      }
    }
  });
});
