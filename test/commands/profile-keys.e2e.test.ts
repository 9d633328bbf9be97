// How a profile's own keys are read, held to the AWS CLI: which file's pair it uses, which token
// key, whether SSO takes the profile, and where the region comes from. `env` hands out what
// `aws configure export-credentials` does, and `list` classifies the profile by the same keys.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();

type Row = {name: string; kind: string; state: string};

/** The AWS CLI's exported variables for a profile (skipped without the CLI). */
async function awsExports(profile: string): Promise<Record<string, string> | undefined> {
  if (awsCliMissingReason()) return undefined;
  const r = await runAws(
    ['configure', 'export-credentials', '--profile', profile, '--format', 'env'],
    h.env,
  );
  expect(r.code, r.stderr).toBe(0);
  return exportsOf(r.stdout);
}

const exportsOf = (text: string): Record<string, string> =>
  Object.fromEntries(
    [...text.matchAll(/^export (\w+)=(.*)$/gm)].map(([, k, v]) => [k!, v!.replace(/^'|'$/g, '')]),
  );

async function mfaTuiExports(profile: string): Promise<Record<string, string>> {
  const r = await runCli(['env', profile], {env: h.env});
  expect(r.code, r.stderr).toBe(0);
  return exportsOf(r.stdout);
}

async function row(profile: string): Promise<Row | undefined> {
  const r = await runCli(['list', '--json'], {env: h.env});
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as {profiles: Row[]}).profiles.find((p) => p.name === profile);
}

const KEYS = 'aws_access_key_id = AKIAPROFILEKEYS00001\naws_secret_access_key = s1\n';

it('uses the keys of a profile that has sso_session but no SSO role (the AWS CLI does)', async () => {
  h.write('credentials', `[x]\n${KEYS}`);
  h.write('config', '[profile x]\nsso_session = corp\n');
  const cli = await awsExports('x');
  if (cli) expect(cli.AWS_ACCESS_KEY_ID).toBe('AKIAPROFILEKEYS00001');
  expect(await row('x')).toMatchObject({kind: 'long-term', state: 'long-term'});
  expect((await mfaTuiExports('x')).AWS_ACCESS_KEY_ID).toBe('AKIAPROFILEKEYS00001');
});

it('uses the config file key pair when the credentials file holds only a secret', async () => {
  h.write('credentials', '[p]\naws_secret_access_key = lone\n');
  h.write('config', `[profile p]\n${KEYS}`);
  const cli = await awsExports('p');
  if (cli) expect(cli.AWS_SECRET_ACCESS_KEY).toBe('s1');
  expect(await row('p')).toMatchObject({kind: 'config-keys', state: 'long-term'});
  const env = await mfaTuiExports('p');
  expect([env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY]).toEqual([
    'AKIAPROFILEKEYS00001',
    's1',
  ]);
});

it('reads an empty aws_security_token before aws_session_token, as the AWS CLI does', async () => {
  h.write(
    'credentials',
    '[p]\naws_access_key_id = ASIAPROFILEKEYS00001\naws_secret_access_key = s1\n' +
      'aws_security_token =\naws_session_token = unused\n',
  );
  const cli = await awsExports('p');
  // The AWS CLI signs with the empty legacy token: the session key goes without one.
  if (cli) expect(cli.AWS_SESSION_TOKEN ?? '').toBe('');
  expect(await row('p')).toMatchObject({kind: 'broken', state: 'broken'});
  const env = await runCli(['env', 'p'], {env: h.env});
  expect(env.code).not.toBe(0);
  expect(env.stdout).not.toContain('export AWS_ACCESS_KEY_ID');
});

it('hands out a long-term profile’s own keys when its target holds long-term keys, not a session', async () => {
  h.write('credentials', `[dev]\n${KEYS}`);
  h.write(
    'config',
    '[profile dev-mfa]\naws_access_key_id = AKIAPROFILEKEYS00002\naws_secret_access_key = s2\n',
  );
  const cli = await awsExports('dev');
  if (cli) expect(cli.AWS_ACCESS_KEY_ID).toBe('AKIAPROFILEKEYS00001');
  expect((await mfaTuiExports('dev')).AWS_ACCESS_KEY_ID).toBe('AKIAPROFILEKEYS00001');
});

it('takes an empty region in the credentials file over the config file’s, as the AWS CLI does', async () => {
  h.write('credentials', `[p]\n${KEYS}region =\n`);
  h.write('config', '[profile p]\nregion = eu-west-1\n');
  if (!awsCliMissingReason()) {
    const r = await runAws(['configure', 'get', 'region', '--profile', 'p'], h.env);
    expect(r.stdout.trim()).toBe('');
  }
  expect((await mfaTuiExports('p')).AWS_REGION).toBeUndefined();
});

it('makes a role broken when its source_profile holds only a secret (the AWS CLI finds no credentials)', async () => {
  h.write('credentials', '[src]\naws_secret_access_key = lone\n');
  h.write(
    'config',
    '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = src\n',
  );
  if (!awsCliMissingReason()) {
    const r = await runAws(['configure', 'export-credentials', '--profile', 'r'], h.env);
    expect(r.code).not.toBe(0);
  }
  expect(await row('r')).toMatchObject({kind: 'broken', state: 'broken'});
});

it('runs credential_process before the config file keys, as the AWS CLI does', async () => {
  const script = path.join(h.home, 'creds.sh');
  const json = '{"Version": 1, "AccessKeyId": "AKIAFROMPROCESS00001", "SecretAccessKey": "p"}';
  writeFileSync(script, `#!/bin/sh\necho '${json}'\n`, {mode: 0o700});
  h.write('config', `[profile p]\n${KEYS}credential_process = ${script}\n`);
  const cli = await awsExports('p');
  if (cli) expect(cli.AWS_ACCESS_KEY_ID).toBe('AKIAFROMPROCESS00001');
  expect(await row('p')).toMatchObject({kind: 'process'});
  // `env` hands out only a profile's own keys, and these are not the ones the AWS CLI uses.
  expect((await runCli(['env', 'p'], {env: h.env})).code).not.toBe(0);
});
