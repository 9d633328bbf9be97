// `renew` end to end: the built CLI, the sandbox STS over HTTP, real files, and the real AWS CLI after.
import {beforeAll, describe, expect, it} from 'vitest';
import {chmodSync, readFileSync, readdirSync, existsSync, writeFileSync} from 'node:fs';
import {createServer, type AddressInfo} from 'node:net';
import path from 'node:path';
import {runCli, runCommand, cliPath} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import {earlyInStep} from '../helpers/steps.js';
import type {SandboxUser} from '../../source/sandbox/state.js';

const noCli = awsCliMissingReason();
const sandbox = useTestSandbox();
const h = useTestHome({sandbox});
let alice: SandboxUser;
let bob: SandboxUser;
beforeAll(() => {
  alice = sandbox.user('alice');
  bob = sandbox.user('bob');
});

const longTerm = (name: string, u: SandboxUser, extra = '') =>
  `[${name}]\naws_access_key_id = ${u.accessKeyId}\naws_secret_access_key = ${u.secretAccessKey}\n${extra}`;

/** Every secret this test knows: none may ever reach stderr or the settings file. */
function secrets(): string[] {
  const s = [alice.secretAccessKey!, bob.secretAccessKey!];
  for (const session of sandbox.state.sessions.values()) {
    s.push(session.secretAccessKey, session.sessionToken);
  }
  return s;
}
function expectNoSecrets(text: string) {
  for (const secret of secrets()) expect(text).not.toContain(secret);
  expect(text).not.toContain(alice.accessKeyId);
}

const renew = (args: string[], env = h.env) => runCli(['renew', ...args], {env});
const credentials = () => readFileSync(h.credentialsFile, 'utf8');

describe('renew', () => {
  it('refuses a target it could not write before STS sees the code, which then still works', async () => {
    await earlyInStep();
    const original = userProfile(alice);
    h.write('credentials', original);
    const code = sandbox.code(alice);
    // A name the JS SDK would not read back (botocore would): writing it would split the clients.
    const unreadable = await renew(['default', '--code', code, '--target', 'bob sess']);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('Cannot write the session into [bob sess]');
    expect(unreadable.stderr).toContain('No code was sent.');
    expect(unreadable.stderr).toContain('as written');
    // A read-only credentials file.
    chmodSync(h.credentialsFile, 0o400);
    const readOnly = await renew(['default', '--code', code]);
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toContain('is read-only (mode 0400)');
    expect(readOnly.stderr).toContain('No code was sent.');
    expect(credentials()).toBe(original);
    expectNoSecrets(unreadable.stderr + readOnly.stderr);
    // The code was never spent: it renews now.
    chmodSync(h.credentialsFile, 0o600);
    const r = await renew(['default', '--code', code]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(credentials()).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
  });

  it('writes the target, and the real AWS CLI then runs as the IAM user (profile, env, credential_process)', async () => {
    const original = `# my keys\n${userProfile(alice)}\n[other]\nregion = eu-west-1 ; keep me\n`;
    h.write('credentials', original);
    const r = await renew(['default', '--code', sandbox.code(alice), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({profile: 'mfa', source: 'default'});
    expect(Date.parse(out.expiresAt)).toBeGreaterThan(sandbox.clock.now().getTime());
    const text = credentials();
    expect(text.startsWith(original)).toBe(true); // nothing before it changed
    expect(text).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
    expect(text).toMatch(/\nexpiration = \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n/);
    expect(text).toMatch(/\nx_security_token_expires = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/);
    expectNoSecrets(r.stderr);

    if (noCli) return;
    const viaProfile = await runAws(
      [
        'sts',
        'get-caller-identity',
        '--profile',
        'mfa',
        '--endpoint-url',
        sandbox.endpoint,
        '--region',
        'us-east-1',
      ],
      h.env,
    );
    expect(viaProfile.stderr).toBe('');
    expect(JSON.parse(viaProfile.stdout).Arn).toBe(alice.arn);

    const viaEnv = await runCommand(
      'bash',
      [
        '-c',
        `set -e; eval "$("${process.execPath}" "${cliPath}" env mfa)"; test -z "\${AWS_PROFILE-}"; /usr/bin/aws sts get-caller-identity --endpoint-url ${sandbox.endpoint} --region us-east-1`,
      ],
      // LC_ALL=C: a machine whose LANG names a locale it lacks would have bash warn on stderr.
      {env: {...h.env, AWS_PROFILE: 'nonexistent', LC_ALL: 'C'}},
    );
    expect(viaEnv.stderr).toBe('');
    expect(JSON.parse(viaEnv.stdout).Arn).toBe(alice.arn);

    h.write(
      'config',
      `[profile via-process]\ncredential_process = "${process.execPath}" "${cliPath}" credential-process mfa\n`,
    );
    const viaProcess = await runAws(
      [
        'sts',
        'get-caller-identity',
        '--profile',
        'via-process',
        '--endpoint-url',
        sandbox.endpoint,
        '--region',
        'us-east-1',
      ],
      h.env,
    );
    expect(viaProcess.stderr).toBe('');
    expect(JSON.parse(viaProcess.stdout).Arn).toBe(alice.arn);
  });

  it('finds the source of a target: aws-mfa -long-term, default → mfa, a remembered mapping', async () => {
    h.write(
      'credentials',
      `${longTerm('work-long-term', alice)}\n[work]\naws_access_key_id = ASIAOLDOLDOLDOLDOLDO\naws_secret_access_key = x\naws_session_token = y\n\n${longTerm('default', bob)}`,
    );
    h.write(
      'config',
      `[profile work-long-term]\nmfa_serial = ${alice.mfaSerial}\n[default]\nmfa_serial = ${bob.mfaSerial}\n`,
    );
    const work = await renew(['work', '--code', sandbox.code(alice)]);
    expect(work.stderr).toBe('');
    expect(work.stdout).toContain('work: renewed from work-long-term');
    expect(credentials()).not.toContain('ASIAOLDOLDOLDOLDOLDO');

    const mfa = await renew(['mfa', '--code', sandbox.code(bob), '--json']);
    expect(JSON.parse(mfa.stdout)).toMatchObject({profile: 'mfa', source: 'default'});

    const mapped = await renew([
      'default',
      '--target',
      'bob-session',
      '--code',
      sandbox.code(bob),
      '--json',
    ]);
    expect(JSON.parse(mapped.stdout)).toMatchObject({profile: 'bob-session', source: 'default'});
    // The mapping is remembered: renewing the target alone finds default again.
    const again = await renew(['bob-session', '--code', sandbox.code(bob), '--json']);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({profile: 'bob-session', source: 'default'});
    expectNoSecrets(readFileSync(path.join(h.configDir, 'config.json'), 'utf8'));
  });

  it('warns when the credentials file it wrote the session into is readable by others', async () => {
    h.write('credentials', userProfile(alice));
    chmodSync(h.credentialsFile, 0o640);
    const loose = await renew(['default', '--code', sandbox.code(alice)]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toBe(
      `mfa-tui: warning: ${h.credentialsFile} is readable by its group (mode 640): run \`chmod 600 ${h.credentialsFile}\`\n`,
    );
    chmodSync(h.credentialsFile, 0o600);
    const tight = await renew(['default', '--code', sandbox.code(alice)]);
    expect(tight.code).toBe(0);
    expect(tight.stderr).toBe('');
  });

  it('renews twice with two codes; the second write keeps everything the first left', async () => {
    h.write('credentials', userProfile(alice));
    const first = await renew(['default', '--code', sandbox.code(alice)]);
    expect(first.code).toBe(0);
    const afterFirst = credentials();
    // A user edits the file between renewals: their additions must survive.
    writeFileSync(
      h.credentialsFile,
      afterFirst.replace('[mfa]\n', '[mfa]\n# note about mfa\nregion = eu-west-1\n'),
    );
    const edited = credentials();
    const second = await renew(['default', '--code', sandbox.code(alice)]);
    expect(second.code).toBe(0);
    const afterSecond = credentials();
    expect(afterSecond).toContain('# note about mfa\nregion = eu-west-1\n');
    const stable = (t: string) =>
      t
        .split('\n')
        .filter(
          (l) =>
            !/^(aws_access_key_id|aws_secret_access_key|aws_session_token|expiration|x_security_token_expires) = /.test(
              l,
            ) ||
            l.includes(alice.accessKeyId!) ||
            l.includes(alice.secretAccessKey!),
        );
    expect(stable(afterSecond)).toEqual(stable(edited));
    expect(afterSecond).not.toBe(edited);
  });
});

describe('renew refuses, leaving the file byte-identical', () => {
  const refuse = async (
    setup: () => void,
    args: string[],
    expected: {exit?: number; stderr: RegExp},
    env?: NodeJS.ProcessEnv,
  ) => {
    setup();
    const before = existsSync(h.credentialsFile) ? readFileSync(h.credentialsFile) : undefined;
    const r = await renew(args, env);
    expect(r.stderr).toMatch(expected.stderr);
    expect(r.code).toBe(expected.exit ?? 1);
    const after = existsSync(h.credentialsFile) ? readFileSync(h.credentialsFile) : undefined;
    expect(after?.equals(before!) ?? before).toBeTruthy();
    expectNoSecrets(r.stderr);
    expect(r.stdout).toBe('');
    return r;
  };
  const withAlice = () => h.write('credentials', userProfile(alice));

  it('a wrong code', () =>
    refuse(withAlice, ['default', '--code', '000000'], {stderr: /refused the MFA code/}));

  it('a reused code', async () => {
    withAlice();
    const code = sandbox.code(alice);
    expect((await renew(['default', '--code', code])).code).toBe(0);
    await refuse(() => {}, ['default', '--code', code], {stderr: /wrong, or it was already used/});
  });

  it('an unknown serial', () =>
    refuse(
      () =>
        h.write(
          'credentials',
          longTerm('default', alice, 'mfa_serial = arn:aws:iam::123456789012:mfa/nobody\n'),
        ),
      ['default', '--code', '123456'],
      {stderr: /does not know MFA device arn:aws:iam::123456789012:mfa\/nobody/},
    ));

  it('a deleted (inactive) key', () => {
    const inactive = [...sandbox.state.deletedKeys.values()][0]!;
    return refuse(
      () =>
        h.write(
          'credentials',
          `[default]\naws_access_key_id = ${inactive.accessKeyId}\naws_secret_access_key = ${inactive.secretAccessKey}\nmfa_serial = ${alice.mfaSerial}\n`,
        ),
      ['default', '--code', sandbox.code(alice)],
      {stderr: /does not recognise the access key \(key …\w{4}\) of profile default/},
    );
  });

  it('a wrong secret', () =>
    refuse(
      () =>
        h.write(
          'credentials',
          `[default]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${'x'.repeat(40)}\nmfa_serial = ${alice.mfaSerial}\n`,
        ),
      ['default', '--code', sandbox.code(alice)],
      {stderr: /secret access key of profile default does not match/},
    ));

  it('session credentials as the source', () =>
    refuse(
      () =>
        h.write(
          'credentials',
          '[default]\naws_access_key_id = ASIAEXAMPLEEXAMPLE12\naws_secret_access_key = s\naws_session_token = t\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n',
        ),
      ['default', '--code', '123456', '--target', 'x'],
      {stderr: /session credentials/},
    ));

  it('a target that holds long-term keys', () =>
    refuse(
      () => h.write('credentials', `${userProfile(alice)}\n${longTerm('mfa', bob)}`),
      ['default', '--code', '123456'],
      {stderr: /holds long-term keys/},
    ));

  it('a target that is a role profile, remembering nothing', async () => {
    const config = `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n`;
    const sent = sandbox.requests.length;
    await refuse(
      () => {
        withAlice();
        h.write('config', config);
      },
      ['default', '--code', '123456', '--target', 'admin'],
      {stderr: /admin sets role_arn/},
    );
    expect(sandbox.requests.length).toBe(sent);
    expect(readFileSync(h.configFile, 'utf8')).toBe(config);
    const settingsDir = h.env.MFA_TUI_CONFIG_DIR!;
    expect(existsSync(settingsDir) ? readdirSync(settingsDir) : []).toEqual([]);
  });

  it('an out-of-range duration, before any call', async () => {
    const sent = sandbox.requests.length;
    await refuse(withAlice, ['default', '--code', '123456', '--duration', '600'], {
      exit: 2,
      stderr: /900–129600/,
    });
    expect(sandbox.requests.length).toBe(sent);
  });

  it('a duration above the root user’s cap: the root range, bad usage (exit 2), before any call', async () => {
    const sent = sandbox.requests.length;
    const root = sandbox.user('root');
    await refuse(
      () => h.write('credentials', userProfile(root, {name: 'root'})),
      ['root', '--code', '123456', '--duration', '12h'],
      {exit: 2, stderr: /STS allows 900–3600 s \(15m–1h\) for the root user/},
    );
    expect(sandbox.requests.length).toBe(sent);
  });

  it('a duration no device takes: refused before IAM is asked for the device', async () => {
    const sent = sandbox.requests.length;
    await refuse(
      () => h.write('credentials', longTerm('default', alice)),
      ['default', '--code', '123456', '--duration', '40h'],
      {exit: 2, stderr: /STS allows 900–129600 s/},
    );
    expect(sandbox.requests.length).toBe(sent);
  });

  it('flag values no renewal could use, as bad usage (exit 2), before any call', async () => {
    const sent = sandbox.requests.length;
    for (const [args, stderr] of [
      [['--duration', 'abc'], /"abc" is not a duration/],
      [['--duration', '40h'], /900–129600/],
      [['--code', '12345'], /exactly 6 digits/],
      [['--code', '12a456'], /exactly 6 digits/],
      [['--serial', 'alice'], /not an MFA device ARN/],
    ] as const) {
      await refuse(
        withAlice,
        ['default', ...(args[0] === '--code' ? [] : ['--code', '123456']), ...args],
        {
          exit: 2,
          stderr,
        },
      );
    }
    expect(sandbox.requests.length).toBe(sent);
  });

  it('an unreachable endpoint', () =>
    refuse(withAlice, ['default', '--code', '123456', '--endpoint-url', 'http://127.0.0.1:9'], {
      stderr: /STS is unreachable at http:\/\/127\.0\.0\.1:9: connection refused/,
    }));

  it('an endpoint that takes the connection and never answers: a timeout, not a hang', async () => {
    // Before the SDK got a limit this waited until killed (seen in the TUI for minutes).
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await refuse(
        withAlice,
        ['default', '--code', '123456', '--endpoint-url', url],
        {stderr: new RegExp(`STS at ${url.replace(/\./g, '\\.')} accepted the connection`)},
        {...h.env, MFA_TUI_STS_TIMEOUT_MS: '1000'},
      );
    } finally {
      silent.close();
    }
  }, 60_000);

  it('a malformed credentials file', () =>
    refuse(
      () => h.write('credentials', `${userProfile(alice)}[mfa\nthis is not ini\n`),
      ['default', '--code', sandbox.code(alice)],
      {stderr: /credentials:\d+|line \d+/},
    ));

  it('a read-only credentials file', () =>
    refuse(
      () => {
        withAlice();
        chmodSync(h.credentialsFile, 0o400);
      },
      ['default', '--code', sandbox.code(alice)],
      {stderr: /read-only|not writable|unwritable|cannot write/i},
    ));

  it('no code and no terminal: bad usage', () =>
    refuse(withAlice, ['default'], {exit: 2, stderr: /No MFA code/}));
});

describe('check, list, env', () => {
  const session = (name: string, expires: Date) =>
    `[${name}]\naws_access_key_id = ASIA${name.toUpperCase().padEnd(16, 'X')}\naws_secret_access_key = secret-${name}\naws_session_token = token-${name}\nx_security_token_expires = ${expires.toISOString()}\n`;

  it('check exits 0 valid, 3 expiring, 4 expired', async () => {
    const now = Date.now();
    h.write(
      'credentials',
      session('good', new Date(now + 5 * 3600e3)) +
        session('soon', new Date(now + 5 * 60e3)) +
        session('old', new Date(now - 3600e3)),
    );
    expect((await runCli(['check', 'good'], {env: h.env})).code).toBe(0);
    expect((await runCli(['check', 'good', 'soon'], {env: h.env})).code).toBe(3);
    expect((await runCli(['check', 'good', 'soon', '--within', '1m'], {env: h.env})).code).toBe(0);
    expect((await runCli(['check'], {env: h.env})).code).toBe(4);
    expect((await runCli(['check', 'good', '--within', '6h'], {env: h.env})).code).toBe(3);
    const json = await runCli(['check', '--json'], {env: h.env});
    expect(JSON.parse(json.stdout).profiles.map((p: {state: string}) => p.state)).toEqual([
      'valid',
      'expiring',
      'expired',
    ]);
    expect((await runCli(['check', 'ghost'], {env: h.env})).code).toBe(1);
  });

  it('check exits 4 when there is no session at all', async () => {
    h.write('credentials', userProfile(alice));
    const r = await runCli(['check'], {env: h.env});
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/no session profiles to check.*\n.*mfa-tui renew/);
    const json = await runCli(['check', '--json'], {env: h.env});
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({profiles: [], exitCode: 4});
    // A long-term profile stands for its session: none yet.
    expect((await runCli(['check', 'default'], {env: h.env})).code).toBe(4);
  });

  it('list --json gives every field and state', async () => {
    const now = Date.now();
    h.write(
      'credentials',
      userProfile(alice) +
        session('mfa', new Date(now + 3600e3)) +
        session('old', new Date(now - 60e3)) +
        '[half]\naws_access_key_id = AKIAHALFHALFHALFHALF\n',
    );
    h.write(
      'config',
      '[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n',
    );
    const r = await runCli(['list', '--json'], {env: h.env});
    expect(r.code).toBe(0);
    const {profiles} = JSON.parse(r.stdout);
    const by = Object.fromEntries(profiles.map((p: {name: string}) => [p.name, p]));
    expect(Object.keys(by['default']).sort()).toEqual(
      [
        'accessKeyIdLast4',
        'active',
        'expiresAt',
        'keyAgeDays',
        'keyCreatedAt',
        'keyOld',
        'kind',
        'mfaSerial',
        'name',
        'source',
        'state',
        'target',
      ].sort(),
    );
    expect(by.default).toMatchObject({
      // A key mfa-tui has never asked IAM about has no known age.
      keyCreatedAt: null,
      keyAgeDays: null,
      keyOld: null,
      kind: 'long-term',
      state: 'long-term',
      accessKeyIdLast4: alice.accessKeyId!.slice(-4),
      mfaSerial: alice.mfaSerial,
      target: 'mfa',
      active: true,
    });
    expect(by.mfa).toMatchObject({kind: 'session', state: 'valid', source: 'default'});
    expect(by.old.state).toBe('expired');
    expect(by.half.state).toBe('broken');
    // No token in ~/.aws/sso/cache: the SDKs would say it is not logged in.
    expect(by.sso).toMatchObject({kind: 'sso', state: 'not-logged-in'});
    expect(r.stdout).not.toContain(alice.accessKeyId);
    expect(r.stdout).not.toContain('secret-');
  });

  it('env prints each shell’s lines, and --unset clears them all', async () => {
    h.write('credentials', session('mfa', new Date(Date.now() + 3600e3)));
    const sh = await runCli(['env', 'mfa'], {env: h.env});
    expect(sh.stdout).toContain('export AWS_ACCESS_KEY_ID=ASIAMFAXXXXXXXXXXXXX');
    expect(sh.stdout).toContain('export AWS_SESSION_TOKEN=token-mfa');
    expect(sh.stdout).toContain('unset AWS_PROFILE');
    const fish = await runCli(['env', 'mfa', '--shell', 'fish'], {env: h.env});
    expect(fish.stdout).toContain("set -gx AWS_SECRET_ACCESS_KEY 'secret-mfa'");
    const ps = await runCli(['env', 'mfa', '--shell', 'powershell'], {env: h.env});
    expect(ps.stdout).toContain('$Env:AWS_SESSION_TOKEN="token-mfa"');
    const cmd = await runCli(['env', 'mfa', '--shell', 'cmd'], {env: h.env});
    expect(cmd.stdout).toContain('set AWS_ACCESS_KEY_ID=ASIAMFAXXXXXXXXXXXXX');
    const unset = await runCli(['env', '--unset'], {env: h.env});
    for (const v of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_SECURITY_TOKEN',
    ]) {
      expect(unset.stdout).toContain(`unset ${v}`);
    }
    const bad = await runCli(['env', 'mfa', '--shell', 'tcsh'], {env: h.env});
    expect(bad.code).toBe(2);
    h.write('credentials', session('mfa', new Date(Date.now() - 60e3)));
    const expired = await runCli(['env', 'mfa'], {env: h.env});
    expect(expired.code).toBe(1);
    expect(expired.stdout).toBe('');
    expect(expired.stderr).toContain('mfa-tui renew mfa');
  });

  it('credential-process refuses a lapsed session with the reason on stderr', async () => {
    h.write('credentials', session('mfa', new Date(Date.now() - 60e3)));
    const r = await runCli(['credential-process', 'mfa'], {env: h.env});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/expired .* ago/);
  });
});

it('leaves no stray files beside the credentials file but the backup', async () => {
  h.write('credentials', userProfile(alice));
  await renew(['default', '--code', sandbox.code(alice)]);
  const files = readdirSync(h.awsDir).filter((f) => f !== 'credentials' && f !== 'config');
  expect(files.every((f) => /bak/.test(f))).toBe(true);
});
