// Role profiles end to end: `mfa-tui renew ROLE` with a code or with the MFA session already held,
// written into the AWS CLI's own cache, after which the real AWS CLI runs as the role without asking.
import {readFileSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {awsCallerIdentity, awsCliMissingReason} from '../helpers/aws-cli.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import {buildProfiles} from '../../source/core/profiles.js';
import {loadAwsState} from '../../source/store/aws-state.js';
import {loadRoleCache} from '../../source/store/role-cache.js';

const noCli = awsCliMissingReason();
const sb = useTestSandbox();
// Anything that tried to leave 127.0.0.1 over HTTPS (the CLI's own AssumeRole) fails at once.
const h = useTestHome({sandbox: sb, env: {HTTPS_PROXY: 'http://127.0.0.1:9'}});

const account = '111122223333';
const adminArn = `arn:aws:iam::${account}:role/Admin`;
const alice = () => sb.user('alice');
const cacheDir = () => path.join(h.home, '.aws', 'cli', 'cache');

function writeFiles(roleExtra = '') {
  h.write('credentials', userProfile(alice()));
  h.write(
    'config',
    `[default]\nregion = us-east-1\n\n[profile admin]\nrole_arn = ${adminArn}\nsource_profile = default\nmfa_serial = ${alice().mfaSerial}\nrole_session_name = alice-admin\nregion = us-east-1\n${roleExtra}`,
  );
}

describe('renew ROLE', () => {
  it('with a code: AssumeRole with the role’s mfa_serial, the AWS CLI cache written, the CLI then runs as the role', async () => {
    writeFiles();
    const before = sb.requests.length;
    const r = await runCli(['renew', 'admin', '--code', sb.code(alice()), '--json'], {env: h.env});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['expiresAt', 'profile', 'source']);
    expect(out).toMatchObject({profile: 'admin', source: 'default'});
    expect(Date.parse(out.expiresAt) - sb.clock.now().getTime()).toBeGreaterThan(3500e3);
    expect(sb.requests.slice(before).map((x) => [x.action, x.accessKeyIdLast4, x.status])).toEqual([
      ['AssumeRole', alice().accessKeyId!.slice(-4), 200],
    ]);
    // No credentials file change: the role session lives in the CLI's cache only.
    expect(readFileSync(h.credentialsFile, 'utf8')).not.toContain('ASIA');
    const files = readdirSync(cacheDir());
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{40}\.json$/);
    expect(statSync(path.join(cacheDir(), files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir()).mode & 0o777).toBe(0o700);
    const cached = JSON.parse(readFileSync(path.join(cacheDir(), files[0]!), 'utf8'));
    expect(cached.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
    expect(cached.AssumedRoleUser.Arn).toBe(
      `arn:aws:sts::${account}:assumed-role/Admin/alice-admin`,
    );

    // What `list` shows for the role: the cache entry just written, read back by the store and the core.
    const loaded = await loadAwsState(h.env);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const files2 = {
      credentials: loaded.value.credentials.sections,
      config: loaded.value.config.sections,
    };
    const profiles = buildProfiles(
      {...files2, roleCache: await loadRoleCache(h.env, files2)},
      {now: sb.clock.now(), warnSeconds: 900, mappings: {}},
    );
    expect(profiles.find((p) => p.name === 'admin')).toMatchObject({
      kind: 'role',
      state: 'valid',
      source: 'default',
      expiresAt: new Date(out.expiresAt),
    });

    if (noCli) return;
    const cli = await awsCallerIdentity('admin', sb, h.env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).Arn).toBe(
      `arn:aws:sts::${account}:assumed-role/Admin/alice-admin`,
    );
    // One call, signed with the cached role session: the CLI neither prompted nor assumed the role itself.
    expect(cli.requests.map((x) => [x.action, x.accessKeyIdLast4])).toEqual([
      ['GetCallerIdentity', cached.Credentials.AccessKeyId.slice(-4)],
    ]);
  });

  it('without a new code: signed by the MFA session of the source’s target, capped at one hour (role chaining)', async () => {
    writeFiles('duration_seconds = 7200\n');
    const first = await runCli(['renew', 'default', '--code', sb.code(alice())], {env: h.env});
    expect(first.code).toBe(0);
    const sessionKey = /\[mfa\]\naws_access_key_id = (ASIA\w+)/.exec(
      readFileSync(h.credentialsFile, 'utf8'),
    )![1]!;

    const before = sb.requests.length;
    const issuedAt = Math.floor(sb.clock.now().getTime() / 1000) * 1000;
    // No --code, stdin not a terminal: it must not need one.
    const r = await runCli(['renew', 'admin'], {env: h.env});
    expect(r.code).toBe(0);
    // The sandbox's clock stands still while real time runs on: about an hour either way.
    expect(r.stdout).toMatch(/^admin: renewed from default, valid (1h 0\dm|5\dm) /);
    expect(r.stdout).toContain(
      'signed by the MFA session in mfa, no new code; role chaining caps it at 1 h',
    );
    expect(sb.requests.slice(before).map((x) => [x.action, x.accessKeyIdLast4, x.status])).toEqual([
      ['AssumeRole', sessionKey.slice(-4), 200],
    ]);
    const files = readdirSync(cacheDir());
    const cached = JSON.parse(readFileSync(path.join(cacheDir(), files[0]!), 'utf8'));
    expect(Date.parse(cached.Credentials.Expiration.replace('UTC', 'Z')) - issuedAt).toBe(3600e3);

    const list = JSON.parse((await runCli(['list', '--json'], {env: h.env})).stdout);
    const admin = list.profiles.find((p: {name: string}) => p.name === 'admin');
    expect(admin).toMatchObject({kind: 'role', source: 'default', mfaSerial: alice().mfaSerial});

    // --new-code (or a longer --duration) goes back to the long-term keys and a code.
    const again = sb.requests.length;
    const fresh = await runCli(
      ['renew', 'admin', '--new-code', '--duration', '2h', '--code', sb.code(alice())],
      {
        env: h.env,
      },
    );
    expect(fresh.code).toBe(0);
    expect(sb.requests.slice(again).map((x) => x.accessKeyIdLast4)).toEqual([
      alice().accessKeyId!.slice(-4),
    ]);

    if (noCli) return;
    // duration_seconds is part of the CLI's cache key: the entry must still be found.
    const cli = await awsCallerIdentity('admin', sb, h.env);
    expect(cli.stderr).toBe('');
    expect(JSON.parse(cli.stdout).Arn).toBe(
      `arn:aws:sts::${account}:assumed-role/Admin/alice-admin`,
    );
  });

  it('a lapsed session and no code on a non-terminal: bad usage, nothing sent, no cache written', async () => {
    writeFiles();
    const before = sb.requests.length;
    const r = await runCli(['renew', 'admin'], {env: h.env});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No MFA code');
    expect(sb.requests.length).toBe(before);
    expect(() => readdirSync(cacheDir())).toThrow();
  });

  it('a duration outside AssumeRole’s range: AssumeRole’s range, not GetSessionToken’s, bad usage (exit 2), before any call', async () => {
    writeFiles();
    const before = sb.requests.length;
    for (const duration of ['40h', '20h']) {
      const r = await runCli(['renew', 'admin', '--duration', duration], {env: h.env});
      expect(r.code).toBe(2);
      const [cause, fix] = r.stderr.split('\n');
      expect(cause).toContain('AssumeRole allows 900–43200 s (15m–12h)');
      expect(fix).toBe(
        'Pass --duration between 900 and 43200, or fix duration_seconds in [profile admin].',
      );
    }
    expect(sb.requests.length).toBe(before);
  });

  it('a duration above the role’s MaxSessionDuration: the role’s limit as the next step, not GetSessionToken’s', async () => {
    writeFiles();
    // The demo's ReadOnly role trusts the account and caps its sessions at one hour.
    h.write(
      'config',
      `[profile ro]\nrole_arn = arn:aws:iam::${account}:role/ReadOnly\nsource_profile = default\nregion = us-east-1\n`,
    );
    const before = sb.requests.length;
    const r = await runCli(['renew', 'ro', '--duration', '3h'], {env: h.env});
    expect(sb.requests.slice(before).map((x) => [x.action, x.status])).toEqual([
      ['AssumeRole', 400],
    ]);
    // A session length refused is bad usage, whether mfa-tui or STS refuses it.
    expect(r.code).toBe(2);
    const [cause, fix] = r.stderr.split('\n');
    expect(cause).toContain('MaxSessionDuration');
    expect(fix).toBe(
      'Pass --duration between 900 and 3600, or raise the role’s maximum session duration in IAM.',
    );
    expect(() => readdirSync(cacheDir())).toThrow();
  });

  it('a role the source may not assume: STS’s refusal, no cache written', async () => {
    writeFiles();
    h.write(
      'config',
      `[profile deploy]\nrole_arn = arn:aws:iam::444455556666:role/Deploy\nsource_profile = default\nmfa_serial = ${alice().mfaSerial}\nregion = us-east-1\n`,
    );
    const r = await runCli(['renew', 'deploy', '--code', sb.code(alice())], {env: h.env});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('STS denied AssumeRole for profile default');
    expect(() => readdirSync(cacheDir())).toThrow();
  });
});
