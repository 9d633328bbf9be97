// `mfa-tui rotate` against the sandbox, checked with the real AWS CLI: the new key works, the old
// one is refused, every other byte of the credentials file is unchanged; a failure at each step
// leaves a working profile; two keys already is refused before any key changes.
import {chmodSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {useTestSandbox} from '../helpers/sandbox.js';

const sb = useTestSandbox({each: true});
const h = useTestHome({sandbox: sb, iam: true, env: {MFA_TUI_KEY_SETTLE_SECONDS: '1'}});

/** A credentials file with spacing, comments and neighbours a rotation must keep. */
function writeFile(user: string): string {
  const u = sb.user(user);
  const text =
    `# work keys\n[carol]\naws_access_key_id=${sb.user('carol').accessKeyId}\n` +
    `aws_secret_access_key=${sb.user('carol').secretAccessKey}\n\n` +
    `[${user}]\n  aws_access_key_id   =   ${u.accessKeyId}\n` +
    `aws_secret_access_key =${u.secretAccessKey}\n; the device\nmfa_serial = ${u.mfaSerial}\n` +
    `region = eu-west-1\n`;
  h.write('credentials', text);
  return text;
}

async function renew(user: string) {
  const r = await runCli(['renew', user, '--code', sb.code(user)], {env: h.env});
  expect(r.stderr).toBe('');
  return readFileSync(h.credentialsFile, 'utf8');
}

const rotate = (args: string[]) => runCli(['rotate', ...args], {env: h.env, timeoutMs: 60_000});
const cliMissing = awsCliMissingReason();

/** The AWS CLI's GetCallerIdentity as a profile, or with explicit keys. */
function awsWho(auth: {profile: string} | {accessKeyId: string; secretAccessKey: string}) {
  const env =
    'profile' in auth
      ? h.env
      : {
          ...h.env,
          AWS_ACCESS_KEY_ID: auth.accessKeyId,
          AWS_SECRET_ACCESS_KEY: auth.secretAccessKey,
        };
  const profile = 'profile' in auth ? ['--profile', auth.profile] : [];
  return runAws(
    [
      ...profile,
      'sts',
      'get-caller-identity',
      '--endpoint-url',
      sb.endpoint,
      '--region',
      'us-east-1',
      '--output',
      'json',
    ],
    env,
  );
}

describe.skipIf(cliMissing !== undefined)('mfa-tui rotate with the AWS CLI', () => {
  it('rotates in place: the AWS CLI works with the profile, the old key is refused', async () => {
    writeFile('bob');
    const before = await renew('bob');
    const old = sb.user('bob');
    const r = await rotate(['bob', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      profile: 'bob',
      old: {accessKeyId: old.accessKeyId, status: 'deleted'},
      new: {status: 'Active'},
      inFile: 'new',
    });
    const fresh = sb.state.longTermKeys.get(report.new.accessKeyId)!;
    const expected = before
      .replace(old.accessKeyId!, fresh.accessKeyId)
      .replace(old.secretAccessKey!, fresh.secretAccessKey);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(expected);
    expect(sb.keysOf('bob')).toEqual([{id: fresh.accessKeyId, status: 'Active'}]);
    // The key's creation time is remembered for its age; the deleted key's is forgotten.
    const settings = JSON.parse(readFileSync(path.join(h.configDir, 'config.json'), 'utf8'));
    const made = new Date(Math.floor(fresh.createdAt.getTime() / 1000) * 1000);
    expect(settings.keyCreatedAt).toEqual({[fresh.accessKeyId]: made.toISOString()});

    const works = await awsWho({profile: 'bob'});
    expect(works.code).toBe(0);
    expect(JSON.parse(works.stdout).Arn).toBe(old.arn);
    const refused = await awsWho({
      accessKeyId: old.accessKeyId!,
      secretAccessKey: old.secretAccessKey!,
    });
    expect(refused.code).toBe(254);
    expect(refused.stderr).toContain('(InvalidClientTokenId)');
  }, 120_000);

  it('renews first when the MFA session is not valid (one code); --keep-old deactivates only', async () => {
    writeFile('bob');
    const old = sb.user('bob');
    const r = await rotate(['bob', '--keep-old', '--json', '--code', sb.code('bob')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.old).toEqual({accessKeyId: old.accessKeyId, status: 'Inactive'});
    expect(sb.keysOf('bob')).toEqual([
      {id: old.accessKeyId, status: 'Inactive'},
      {id: report.new.accessKeyId, status: 'Active'},
    ]);
    expect(readFileSync(h.credentialsFile, 'utf8')).toContain('[bob-mfa]');
    expect((await awsWho({profile: 'bob'})).code).toBe(0);
  }, 120_000);
});

// Regression: a session without a recorded expiry was handed out by env, yet rotate asked for a code.
describe('a held MFA session without a recorded expiry', () => {
  it('is used by rotate as env hands it out: no code asked', async () => {
    writeFile('bob');
    const renewed = await renew('bob');
    h.write('credentials', renewed.replace(/^(expiration|x_security_token_expires) =.*\n/gm, ''));
    expect((await runCli(['env', 'bob-mfa'], {env: h.env})).code).toBe(0);
    const r = await rotate(['bob', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({inFile: 'new', old: {status: 'deleted'}});
  }, 120_000);
});

describe('mfa-tui rotate refuses or rolls back, leaving a working profile', () => {
  // Regression: `rotate bob-mfa` rotated bob's key, while K on the bob-mfa row refused it.
  it('a session profile: refused as the TUI refuses it, nothing changed', async () => {
    writeFile('bob');
    const before = await renew('bob');
    const old = sb.user('bob');
    const r = await rotate(['bob-mfa']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Only long-term keys rotate: bob-mfa is MFA session.');
    expect(sb.keysOf('bob')).toEqual([{id: old.accessKeyId, status: 'Active'}]);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(before);
  }, 60_000);

  it('two keys already: refused before any key changes, naming both', async () => {
    writeFile('bob');
    const before = await renew('bob');
    const bob = sb.state.principals.find((p) => p.name === 'bob')!;
    sb.state.createKey(bob, sb.clock.now()).status = 'Inactive';
    const keys = sb.keysOf('bob');
    expect(keys).toHaveLength(2);
    const r = await rotate(['bob']);
    expect(r.code).toBe(1);
    for (const k of keys) expect(r.stderr).toContain(k.id);
    expect(sb.keysOf('bob')).toEqual(keys);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(before);
    expect(sb.requests.map((q) => q.action).slice(-1)).toEqual(['ListAccessKeys']);
  }, 60_000);

  const failures: [string, () => void][] = [
    ['create refused', () => sb.refuseNext('CreateAccessKey', 'AccessDenied', 'denied')],
    ['write refused', () => chmodSync(h.credentialsFile, 0o400)],
    ['new key never works', () => sb.delayNewKeys(Infinity)],
  ];
  for (const [name, inject] of failures) {
    it(`${name}: the new key is gone, the file untouched, the old key active`, async () => {
      writeFile('bob');
      const before = await renew('bob');
      const old = sb.user('bob');
      inject();
      const r = await rotate(['bob']);
      expect(r.code).toBe(1);
      expect(readFileSync(h.credentialsFile, 'utf8')).toBe(before);
      expect(sb.keysOf('bob')).toEqual([{id: old.accessKeyId, status: 'Active'}]);
      expect(r.stderr).toContain(old.accessKeyId);
      const made = sb.requests.some((q) => q.action === 'CreateAccessKey' && q.status === 200);
      expect(sb.requests.some((q) => q.action === 'DeleteAccessKey')).toBe(made);
    }, 60_000);
  }

  it('IAM unreachable: says IAM (not STS) and where, and changes nothing', async () => {
    writeFile('bob');
    const before = await renew('bob');
    h.env.AWS_ENDPOINT_URL_IAM = 'http://127.0.0.1:9';
    const r = await rotate(['bob']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('IAM is unreachable at http://127.0.0.1:9: connection refused');
    expect(r.stderr).toContain('--iam-endpoint-url');
    expect(r.stderr).not.toMatch(/STS|--serial/);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(before);
  }, 60_000);

  it('delete refused: the profile holds the new key, the old one is inactive, and it says so', async () => {
    writeFile('bob');
    await renew('bob');
    const old = sb.user('bob');
    sb.refuseNext('DeleteAccessKey', 'AccessDenied', 'denied');
    const r = await rotate(['bob']);
    expect(r.code).toBe(1);
    const keys = sb.keysOf('bob');
    expect(keys[0]).toEqual({id: old.accessKeyId, status: 'Inactive'});
    expect(keys[1]!.status).toBe('Active');
    expect(r.stderr).toContain(keys[1]!.id);
    expect(readFileSync(h.credentialsFile, 'utf8')).toContain(keys[1]!.id);
    expect(readFileSync(h.credentialsFile, 'utf8')).not.toContain(old.accessKeyId);
  }, 60_000);
});
