// `mfa-tui precedence` as a user runs it: the built CLI (`npm run build` first), a throw-away HOME,
// real files.
import {chmodSync, existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {awsCliIdentity, resolvePrecedence} from '../../source/core/precedence/index.js';
import {runCli} from '../helpers/cli.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';

const CREDS = `[default]
aws_access_key_id = AKIADEFAULTKEY0001
aws_secret_access_key = s

[mfa]
aws_access_key_id = ASIAMFASESSIONK002
aws_secret_access_key = s
aws_session_token = t
x_security_token_expires = 2099-01-01T00:00:00Z
`;

let home: TestHome;

afterEach(() => home?.cleanup());

type Json = {
  clients: {
    client: string;
    winner: Record<string, unknown>;
    chain: {source: string; status: string; reason: string}[];
  }[];
  conflicts: {id: string; severity: string; message: string; fix: string}[];
};

describe('mfa-tui precedence', () => {
  it('prints the SPEC JSON, with the stale-environment-keys conflict and its fix', async () => {
    home = makeTestHome();
    home.write('credentials', CREDS);
    const r = await runCli(['precedence', '--json'], {
      env: {
        ...home.env,
        AWS_PROFILE: 'mfa',
        AWS_ACCESS_KEY_ID: 'AKIASTALEENVKEY004',
        AWS_SECRET_ACCESS_KEY: 'x',
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(Object.keys(json)).toEqual(['clients', 'conflicts']);
    expect(json.clients.map((c) => c.client)).toEqual([
      'aws-cli-v2',
      'aws-cli-v1/boto3',
      'js-sdk-v3',
      'go-sdk-v2',
    ]);
    for (const c of json.clients) {
      expect(Object.keys(c)).toEqual(['client', 'winner', 'chain']);
      expect(Object.keys(c.winner)).toEqual([
        'source',
        'profile',
        'accessKeyIdLast4',
        'kind',
        'expiresAt',
        'status',
        'reason',
      ]);
      for (const link of c.chain) expect(Object.keys(link)).toEqual(['source', 'status', 'reason']);
    }
    const [cli, , js] = json.clients;
    expect(cli.winner).toMatchObject({
      source: 'env',
      profile: null,
      accessKeyIdLast4: 'Y004',
      kind: 'long-term',
      status: 'used',
    });
    expect(js.winner).toMatchObject({
      source: 'shared-credentials-file',
      profile: 'mfa',
      accessKeyIdLast4: 'K002',
      kind: 'session',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    const conflict = json.conflicts.find((c) => c.id === 'env-keys-beat-profile');
    expect(conflict?.message).toContain(
      'AWS_ACCESS_KEY_ID is set (…Y004), so the AWS CLI, boto3 and the Go SDK ignore AWS_PROFILE=mfa',
    );
    expect(conflict?.fix).toContain(
      '`unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN`',
    );
    expect(r.stdout).not.toContain('AKIASTALEENVKEY004');
  });

  it('prints a readable report by default and honours --profile', async () => {
    home = makeTestHome();
    home.write('credentials', CREDS);
    const r = await runCli(['precedence', '--profile', 'mfa'], {env: home.env});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('AWS CLI v2 — profile mfa (given explicitly)');
    expect(r.stdout).toContain(
      'uses: shared-credentials-file · profile mfa · key …K002 · session · valid',
    );
    expect(r.stdout).toMatch(/used\s+shared-credentials-file\s+aws_access_key_id \(…K002\)/);
    expect(r.stdout).toContain('No conflicts.');
  });

  it('warns about a credentials file others can read, and reads SSO tokens from disk', async () => {
    home = makeTestHome();
    home.write('credentials', CREDS);
    chmodSync(home.credentialsFile, 0o644);
    home.write(
      'config',
      '[profile sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r\n',
    );
    const r = await runCli(['precedence', '--json', '--profile', 'sso'], {env: home.env});
    const json = JSON.parse(r.stdout) as Json;
    expect(json.conflicts.find((c) => c.id === 'credentials-file-readable')?.fix).toBe(
      `Run \`chmod 600 ${home.credentialsFile}\`.`,
    );
    expect(json.clients[0].winner).toMatchObject({
      source: 'sso',
      status: 'broken',
      reason: 'Error loading SSO Token: Token for https://x.awsapps.com/start does not exist',
    });
  });

  it('runs a credential_process only with --run-processes', async () => {
    home = makeTestHome();
    const script = path.join(home.home, 'creds.sh');
    const ran = path.join(home.home, 'ran');
    writeFileSync(
      script,
      `#!/bin/sh\ntouch '${ran}'\necho '{"Version": 1, "AccessKeyId": "AKIAPROCESSKEYPR08", "SecretAccessKey": "s"}'\n`,
    );
    chmodSync(script, 0o755);
    home.write('config', `[profile proc]\ncredential_process = ${script}\n`);
    const winners = async (args: string[]) => {
      const r = await runCli(['precedence', '--json', '--profile', 'proc', ...args], {
        env: home.env,
      });
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as Json).clients.map((c) => [
        c.winner.status,
        c.winner.accessKeyIdLast4,
      ]);
    };
    expect(await winners([])).toEqual(Array(4).fill(['used', null]));
    expect(existsSync(ran)).toBe(false);
    expect(await winners(['--run-processes'])).toEqual(Array(4).fill(['used', 'PR08']));
    expect(existsSync(ran)).toBe(true);
    chmodSync(script, 0o644);
    const statuses = (await winners([])).map(([status]) => status);
    expect(statuses).toEqual(['broken', 'broken', 'broken', 'broken']);
  });

  it('a failing credential_process that prints a key on stderr: the report and whoami redact it', async () => {
    home = makeTestHome();
    const script = path.join(home.home, 'creds.sh');
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    writeFileSync(script, `#!/bin/sh\necho "refused AKIAIOSFODNN7EXAMPLE ${secret}" >&2\nexit 1\n`);
    chmodSync(script, 0o755);
    home.write('config', `[profile proc]\ncredential_process = ${script}\n`);
    const args = ['--profile', 'proc', '--run-processes'];
    for (const r of [
      await runCli(['precedence', ...args], {env: home.env}),
      await runCli(['precedence', '--json', ...args], {env: home.env}),
      await runCli(['whoami', '--profile', 'proc'], {env: home.env}),
    ]) {
      const out = r.stdout + r.stderr;
      expect(out).toContain('refused ****************MPLE [redacted]');
      expect(out).not.toContain(secret);
      expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    }
  });

  it('exits 2 on bad flags and 1 on an unreadable file', async () => {
    home = makeTestHome();
    const bad = await runCli(['precedence', '--bogus'], {env: home.env});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('mfa-tui precedence --help');
    expect((await runCli(['precedence', 'extra'], {env: home.env})).code).toBe(2);
    rmSync(home.credentialsFile, {force: true});
    mkdirSync(home.credentialsFile);
    const unreadable = await runCli(['precedence'], {env: home.env});
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain(`Cannot read ${home.credentialsFile}: EISDIR`);
    expect(unreadable.stdout).toBe('');
  });

  it('prints its help', async () => {
    home = makeTestHome();
    const r = await runCli(['precedence', '--help'], {env: home.env});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--profile P');
  });
});

describe('awsCliIdentity (for whoami without --profile)', () => {
  const resolve = (env: Record<string, string>, credentialsText?: string) =>
    awsCliIdentity(
      resolvePrecedence({
        env: {AWS_EC2_METADATA_DISABLED: 'true', ...env},
        credentialsText,
        now: new Date(),
        warnSeconds: 900,
      }),
    );

  it('says to use the environment keys, and which token variable the CLI sends', () => {
    expect(
      resolve({
        AWS_ACCESS_KEY_ID: 'AKIAENV00000000004',
        AWS_SECRET_ACCESS_KEY: 's',
        AWS_SECURITY_TOKEN: 'a',
        AWS_SESSION_TOKEN: 'b',
      }),
    ).toMatchObject({
      ok: true,
      source: 'env',
      accessKeyIdLast4: '0004',
      use: {from: 'env', sessionTokenVar: 'AWS_SECURITY_TOKEN'},
    });
  });

  it('says which profile to load', () => {
    expect(resolve({AWS_PROFILE: 'mfa'}, CREDS)).toMatchObject({
      ok: true,
      source: 'shared-credentials-file',
      profile: 'mfa',
      use: {from: 'profile', profile: 'mfa'},
    });
  });

  it('returns the CLI’s failure as an error with a fix', () => {
    const r = resolve({AWS_PROFILE: 'nope'}, CREDS);
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'credentials-broken',
        message: 'The AWS CLI would fail: The config profile (nope) could not be found',
      },
    });
    expect(r.ok ? '' : r.error.fix).toContain('unset AWS_PROFILE');
    expect(resolve({})).toMatchObject({ok: false, error: {code: 'no-credentials'}});
  });
});
