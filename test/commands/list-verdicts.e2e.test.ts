// `list` says what the AWS CLI would really do: no marker on a profile it cannot load, roles whose
// source_profile is missing or loops are broken, a dangling credentials link is reported.
import {createHash} from 'node:crypto';
import {mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();

const CREDS = `[mfa]\naws_access_key_id = AKIALISTVERDICT0001\naws_secret_access_key = s\n`;
type Row = {name: string; kind: string; state: string; active: boolean};

/** Where nothing listens: a refusal that regressed into a call fails here, never at AWS. */
function noAws(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9',
  };
}

/** A cached SSO token under `key` (a session name or a legacy start URL), as the SDKs name it. */
function cacheSsoToken(key: string, expiresAt = '2099-01-01T00:00:00Z'): void {
  const cache = path.join(h.awsDir, 'sso', 'cache');
  mkdirSync(cache, {recursive: true});
  writeFileSync(
    path.join(cache, `${createHash('sha1').update(key).digest('hex')}.json`),
    JSON.stringify({accessToken: 'secret-token', expiresAt, region: 'us-east-1'}),
  );
}

async function listJson(env: NodeJS.ProcessEnv): Promise<{rows: Row[]; stderr: string}> {
  const r = await runCli(['list', '--json'], {env});
  expect(r.code, r.stderr).toBe(0);
  return {rows: (JSON.parse(r.stdout) as {profiles: Row[]}).profiles, stderr: r.stderr};
}

describe('list: verdicts of the AWS CLI', () => {
  it('marks no profile when the AWS CLI refuses the config file', async () => {
    h.write('credentials', CREDS);
    const env = {...h.env, AWS_PROFILE: 'mfa'};
    expect((await listJson(env)).rows.find((p) => p.name === 'mfa')?.active).toBe(true);
    h.write('config', 'region = us-east-1\n[default]\n');
    if (!awsCliMissingReason()) {
      const cli = await runAws(['configure', 'list'], env);
      expect(cli.code, 'the AWS CLI refuses this config').not.toBe(0);
    }
    const {rows} = await listJson(env);
    expect(rows.filter((p) => p.active)).toEqual([]);
    const text = await runCli(['list'], {env});
    expect(text.stdout).not.toMatch(/^\*/m);
  });

  it('makes a role broken when its source_profile is missing or loops', async () => {
    h.write('credentials', CREDS);
    h.write(
      'config',
      [
        '[profile gone]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = nowhere\n',
        '[profile ping]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = pong\n',
        '[profile pong]\nrole_arn = arn:aws:iam::123456789012:role/C\nsource_profile = ping\n',
        '[profile fine]\nrole_arn = arn:aws:iam::123456789012:role/D\nsource_profile = mfa\n',
      ].join('\n'),
    );
    const {rows} = await listJson(h.env);
    const state = Object.fromEntries(rows.map((p) => [p.name, [p.kind, p.state]]));
    expect(state).toMatchObject({
      gone: ['broken', 'broken'],
      ping: ['broken', 'broken'],
      pong: ['broken', 'broken'],
      fine: ['role', 'unknown'],
    });
  });

  it('shows whether each SSO profile is logged in, and sends renew to `aws sso login`', async () => {
    const start = 'https://legacy.awsapps.com/start';
    h.write(
      'config',
      [
        '[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n',
        '[profile ops]\nsso_session = other\nsso_account_id = 111122223333\nsso_role_name = Ops\n',
        `[profile old]\nsso_start_url = ${start}\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Old\n`,
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
        '[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n',
      ].join('\n'),
    );
    cacheSsoToken('corp');
    cacheSsoToken(start, '2001-01-01T00:00:00Z');
    const {rows} = await listJson(h.env);
    const by = Object.fromEntries(rows.map((p) => [p.name, p as Row & {expiresAt: string}]));
    expect(by.dev).toMatchObject({
      kind: 'sso',
      state: 'valid',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    expect(by.ops).toMatchObject({kind: 'sso', state: 'not-logged-in', expiresAt: null});
    expect(by.old).toMatchObject({kind: 'sso', state: 'expired'});
    const text = await runCli(['list'], {env: h.env});
    expect(text.stdout).not.toContain('secret-token');
    const renew = await runCli(['renew', 'ops', '--code', '123456'], {env: noAws(h.env)});
    expect(renew.code).toBe(1);
    expect(renew.stderr).toContain('aws sso login --sso-session other');
    const legacy = await runCli(['renew', 'old', '--code', '123456'], {env: noAws(h.env)});
    expect(legacy.stderr).toContain('aws sso login --profile old');
  });

  it('marks an SSO profile only when the AWS CLI finds its token, its start URL in either file', async () => {
    const rest = 'sso_account_id = 111122223333\nsso_role_name = Dev\nsso_region = us-east-1\n';
    h.write('credentials', '[x]\nsso_start_url = https://corp.awsapps.com/start\n');
    h.write(
      'config',
      `[profile x]\n${rest}\n[profile y]\nsso_start_url = https://other.awsapps.com/start\n${rest}`,
    );
    cacheSsoToken('https://corp.awsapps.com/start');
    const active = async (profile: string) =>
      (await listJson({...h.env, AWS_PROFILE: profile})).rows.filter((p) => p.active);
    expect((await active('x')).map((p) => [p.name, p.state])).toEqual([['x', 'valid']]);
    // No token for y: the AWS CLI fails before any call, so no row is the one it uses.
    if (!awsCliMissingReason()) {
      const cli = await runAws(['configure', 'export-credentials'], {...h.env, AWS_PROFILE: 'y'});
      expect(cli.code, 'the AWS CLI finds no token for y').not.toBe(0);
    }
    expect(await active('y')).toEqual([]);
  });

  it('marks a role by its source chain: a token for the SSO profile two links down', async () => {
    const role = (n: string, source: string) =>
      `[profile ${n}]\nrole_arn = arn:aws:iam::123456789012:role/${n}\nsource_profile = ${source}\n`;
    h.write(
      'config',
      [
        role('outer', 'inner'),
        role('inner', 'login'),
        '[profile login]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n' +
          'sso_account_id = 111122223333\nsso_role_name = Dev\n',
      ].join('\n'),
    );
    const active = async () =>
      (await listJson({...h.env, AWS_PROFILE: 'outer'})).rows.filter((p) => p.active);
    // No token for login: the AWS CLI cannot assume outer, so no row is the one it uses.
    if (!awsCliMissingReason()) {
      const cli = await runAws(['configure', 'export-credentials'], {
        ...h.env,
        AWS_PROFILE: 'outer',
      });
      expect(cli.code, 'the AWS CLI finds no token for login').not.toBe(0);
    }
    expect(await active()).toEqual([]);
    cacheSsoToken('https://corp.awsapps.com/start');
    expect((await active()).map((p) => p.name)).toEqual(['outer']);
  });

  it('reports a dangling credentials symlink instead of reading it as no file', async () => {
    rmSync(h.credentialsFile, {force: true});
    symlinkSync(path.join(h.home, 'moved-away'), h.credentialsFile);
    const {stderr} = await listJson(h.env);
    expect(stderr).toContain(h.credentialsFile);
    expect(stderr).toContain('moved-away');
  });

  it('marks in the table the credential_process profiles that renew on demand', async () => {
    h.write('credentials', CREDS);
    h.write(
      'config',
      [
        '[profile auto]\ncredential_process = mfa-tui credential-process mfa --renew\n',
        '[profile plain]\ncredential_process = mfa-tui credential-process mfa\n',
      ].join('\n'),
    );
    const r = await runCli(['list'], {env: h.env});
    expect(r.code, r.stderr).toBe(0);
    const row = (name: string) => r.stdout.split('\n').find((l) => l.includes(` ${name} `)) ?? '';
    expect(row('auto')).toMatch(/ auto +credential_process ↻ *$/);
    expect(row('plain')).toMatch(/ plain +credential_process *$/);
  });
});

describe('list: [DEFAULT], which botocore copies into every section of its file', () => {
  const DEFAULT_KEYS =
    '[DEFAULT]\naws_access_key_id = AKIADEFAULTSECTION01\naws_secret_access_key = s\n\n';

  it('a profile without keys of its own has [DEFAULT]’s, as the AWS CLI reads it', async () => {
    h.write('credentials', `${DEFAULT_KEYS}[work]\nregion = eu-west-1\n`);
    h.write('config', '[DEFAULT]\nregion = us-west-2\n[profile dev]\noutput = json\n');
    if (!awsCliMissingReason()) {
      const work = await runAws(['configure', 'list', '--profile', 'work'], h.env);
      expect(work.stdout).toMatch(/access_key\s+\*+ON01\s+shared-credentials-file/);
      const dev = await runAws(['configure', 'list', '--profile', 'dev'], h.env);
      expect(dev.stdout).toMatch(/access_key\s+<not set>/);
    }
    const r = await runCli(['list', '--json'], {env: h.env});
    const rows = JSON.parse(r.stdout).profiles as {name: string; kind: string}[];
    expect(rows.map((p) => p.name).sort()).toEqual(['dev', 'work']);
    expect(rows.find((p) => p.name === 'work')).toMatchObject({
      kind: 'long-term',
      accessKeyIdLast4: 'ON01',
    });
    expect(rows.find((p) => p.name === 'dev')).toMatchObject({kind: 'settings'});
  });

  it('rotate refuses keys that live in [DEFAULT], before asking for a code', async () => {
    const text = `${DEFAULT_KEYS}[work]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::111122223333:mfa/w\n`;
    h.write('credentials', text);
    const r = await runCli(['rotate', 'work'], {env: noAws(h.env)});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The keys of work come from [DEFAULT]');
    expect(r.stderr).not.toMatch(/code/i);
  });
});
