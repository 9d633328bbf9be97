import {describe, expect, it} from 'vitest';
import {chmodSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {awsCallerIdentity, awsCliMissingReason} from '../helpers/aws-cli.js';
import {tuiPorts} from '../../source/commands/tui-app.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import {testContext} from '../helpers/context.js';

const sandbox = useTestSandbox();
const h = useTestHome({sandbox});

/** The TUI's ports, wired as `mfa-tui` wires them. */
const portsFor = (env: NodeJS.ProcessEnv) => tuiPorts(testContext(env));

describe('whoami', () => {
  it('uses what the AWS CLI would: env keys beat AWS_PROFILE', async () => {
    const alice = sandbox.user('alice');
    const bob = sandbox.user('bob');
    h.write('credentials', userProfile(bob, {name: 'bob', mfa: false}));
    const env = {
      ...h.env,
      AWS_PROFILE: 'bob',
      AWS_ACCESS_KEY_ID: alice.accessKeyId!,
      AWS_SECRET_ACCESS_KEY: alice.secretAccessKey!,
    };
    const r = await runCli(['whoami', '--json'], {env});
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({Arn: alice.arn, Account: alice.accountId});
    const p = await runCli(['whoami', '--json'], {env: {...h.env, AWS_PROFILE: 'bob'}});
    expect(JSON.parse(p.stdout).Arn).toBe(bob.arn);
    const explicit = await runCli(['whoami', '--profile', 'bob'], {env});
    expect(explicit.stdout).toContain(`Arn      ${bob.arn}`);
    expect(explicit.stdout).not.toContain(bob.accessKeyId);
  });

  it("follows the profile's [services] sts endpoint, as renew does (whoami and the TUI's verify)", async () => {
    const bob = sandbox.user('bob');
    delete h.env.AWS_ENDPOINT_URL_STS;
    h.write('credentials', userProfile(bob, {name: 'bob', mfa: false}));
    h.write(
      'config',
      `[profile bob]\nregion = eu-west-1\nservices = local\n\n[services local]\nsts =\n  endpoint_url = ${sandbox.endpoint}\n`,
    );
    const r = await runCli(['whoami', '--profile', 'bob', '--json'], {env: h.env});
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).Arn).toBe(bob.arn);
    const ports = portsFor(h.env);
    const verified = await ports.verify('bob');
    expect(verified).toMatchObject({ok: true, value: {arn: bob.arn}});
  });

  it('says why when the AWS CLI would fail', async () => {
    const r = await runCli(['whoami'], {
      env: {...h.env, AWS_ACCESS_KEY_ID: 'AKIAONLYTHEKEYID1234'},
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Partial credentials|AWS_SECRET_ACCESS_KEY/);
    const none = await runCli(['whoami', '--profile', 'ghost'], {env: h.env});
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('ghost');
  });
});

describe('whoami for a credential_process profile', () => {
  it('runs the process, as the AWS CLI does (whoami and the TUI verify)', async () => {
    const alice = sandbox.user('alice');
    const script = path.join(h.home, 'creds.sh');
    writeFileSync(
      script,
      `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${alice.accessKeyId}", "SecretAccessKey": "${alice.secretAccessKey}"}'\n`,
    );
    chmodSync(script, 0o755);
    h.write('config', `[profile proc]\ncredential_process = ${script}\n`);
    const r = await runCli(['whoami', '--json'], {env: {...h.env, AWS_PROFILE: 'proc'}});
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toBe(alice.arn);
    expect(await portsFor(h.env).verify('proc')).toMatchObject({ok: true, value: {arn: alice.arn}});
  });
});

describe('whoami for a role profile', () => {
  // Regression: `AWS_PROFILE=admin mfa-tui whoami` refused the role session the AWS CLI uses from its cache.
  it('uses the role session in the AWS CLI cache, as `aws sts get-caller-identity` does', async () => {
    const alice = sandbox.user('alice');
    const adminArn = 'arn:aws:iam::111122223333:role/Admin';
    h.write('credentials', userProfile(alice));
    h.write(
      'config',
      `[profile admin]\nrole_arn = ${adminArn}\nsource_profile = default\nmfa_serial = ${alice.mfaSerial}\nrole_session_name = alice-admin\nregion = us-east-1\n`,
    );
    const env = {...h.env, AWS_PROFILE: 'admin'};
    const before = await runCli(['whoami', '--json'], {env});
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('mfa-tui renew admin');
    const renewed = await runCli(['renew', 'admin', '--code', sandbox.code(alice)], {env: h.env});
    expect(renewed.code, renewed.stderr).toBe(0);
    const r = await runCli(['whoami', '--json', '--debug'], {env});
    expect(r.code, r.stderr).toBe(0);
    const roleSession = 'arn:aws:sts::111122223333:assumed-role/Admin/alice-admin';
    expect(JSON.parse(r.stdout).Arn).toBe(roleSession);
    // --debug says what was sent and what came back, as renew does; never a secret.
    expect(r.stderr).toMatch(/^debug: .*GetCallerIdentity →/m);
    expect(r.stderr).toMatch(/^debug: ← Arn=/m);
    const cache = readdirSync(path.join(h.home, '.aws', 'cli', 'cache'));
    const session = JSON.parse(
      readFileSync(path.join(h.home, '.aws', 'cli', 'cache', cache[0]!), 'utf8'),
    ).Credentials;
    expect(r.stderr).not.toContain(session.SecretAccessKey);
    expect(r.stderr).not.toContain(session.SessionToken);
    if (!awsCliMissingReason()) {
      const cli = await awsCallerIdentity('admin', sandbox, h.env);
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout).Arn).toBe(roleSession);
    }
  });
});

describe("the TUI's verify", () => {
  // Regression: verify signed with the session a long-term profile renews into (followTarget), so
  // it said ✓ for credentials the AWS CLI (and whoami) reject.
  it('agrees with whoami when [default] holds a deleted key and [mfa] a valid session', async () => {
    const alice = sandbox.user('alice');
    h.write('credentials', userProfile(alice));
    const renewed = await runCli(['renew', 'default', '--code', sandbox.code(alice)], {
      env: h.env,
    });
    expect(renewed.code).toBe(0);
    const text = readFileSync(h.credentialsFile, 'utf8');
    h.write(
      'credentials',
      text
        .replace(alice.accessKeyId!, 'AKIADELETEDKEY000001')
        .replace(/aws_secret_access_key = \S+/, 'aws_secret_access_key = ' + 'd'.repeat(40)),
    );
    const whoami = await runCli(['whoami'], {env: h.env});
    expect(whoami.code).toBe(1);
    expect(whoami.stderr).toContain('does not recognise the access key (key …0001)');
    const ports = portsFor(h.env);
    const verified = await ports.verify();
    expect(verified.ok ? 'verified' : verified.error.code).toBe('access-key-unknown');
    // Still fine once [mfa] is named: it is a valid session.
    const asMfa = await ports.verify('mfa');
    expect(asMfa).toMatchObject({ok: true, value: {arn: expect.stringContaining('alice')}});
  });
});
