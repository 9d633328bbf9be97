// Issue #8 in the TUI, end to end: the built CLI in a real pseudo-terminal against the sandbox's
// STS and IAM over HTTP: a device chosen from IAM's list (and saved), role profiles renewed with a
// code or by the MFA session already held, and a batch of profiles sharing one device.
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {awsCallerIdentity, awsCliMissingReason} from '../helpers/aws-cli.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';
import type {StateFile} from '../../source/sandbox/state-file.js';
import {discoveryState, serialOf} from '../helpers/mfa-state.js';
import {startTestSandbox, userProfile, type TestSandbox} from '../helpers/sandbox.js';
import {earlyInStep} from '../helpers/steps.js';
import {keys, spawnTerm, type Term} from '../helpers/term.js';

let sandbox: TestSandbox | undefined;
let home: TestHome | undefined;
let term: Term | undefined;

afterEach(async () => {
  term?.kill();
  term = undefined;
  home?.cleanup();
  home = undefined;
  await sandbox?.close();
  sandbox = undefined;
});

async function setUp(state?: StateFile) {
  sandbox = await startTestSandbox(state ? {state} : {});
  home = makeTestHome();
  return {sb: sandbox, h: home};
}

function open(h: TestHome, sb: TestSandbox, size: {cols?: number; rows?: number} = {}): Term {
  term = spawnTerm([], {
    env: {
      ...h.env,
      AWS_ENDPOINT_URL_STS: sb.endpoint,
      AWS_ENDPOINT_URL_IAM: sb.endpoint,
      AWS_REGION: 'us-east-1',
    },
    cols: size.cols ?? 100,
    rows: size.rows ?? 30,
  });
  return term;
}

/** The screen row of a profile (cursor and marker columns included). */
const row = (t: Term, name: string) =>
  t.lines().find((l) => new RegExp(`^.[* ]${name}\\s`).test(l)) ?? '';

const noCli = awsCliMissingReason();

describe('device discovery in the renew panel', () => {
  it('lists two devices, renews with the second, and saves it as mfa_serial (nothing else changes)', async () => {
    const {sb, h} = await setUp(discoveryState());
    const two = sb.user('two');
    h.write('credentials', userProfile(two, {mfa: false}));
    const config =
      '# my settings\n[default]\nregion   =   us-east-1\noutput = json\n\n[profile other]\nregion = eu-west-1\n';
    h.write('config', config);
    const t = open(h, sb);
    await t.waitFor(() => row(t, 'default').includes('long-term'));
    t.write('r');
    // The whole frame, key hints included: a frame can reach the terminal in more than one piece.
    await t.waitFor(() => /IAM lists 2 devices for user two[^]*Enter choose/.test(t.screen()));
    expect(t.screen()).toContain(`› ${serialOf('two-phone')}`);
    expect(t.screen()).toContain(serialOf('two-yubikey'));
    expect(t.screen()).toContain('Enter choose');
    t.write(keys.down);
    await t.waitFor(`› ${serialOf('two-yubikey')}`);
    t.write('s');
    await t.waitFor('[x] keep it as mfa_serial in [default]');
    t.write(keys.enter);
    await t.waitFor(/Device\s+\S+two-yubikey\s+\(found in IAM\)/);
    expect(t.screen()).toContain('[x] keep it as mfa_serial');
    t.write(sb.code(serialOf('two-yubikey')));
    await t.waitFor('✓ Renewed mfa from default');
    expect(t.screen()).toContain('saved mfa/two-yubikey as mfa_serial in [default]');
    const after = readFileSync(h.configFile, 'utf8');
    const added = after.split('\n').filter((l) => !config.split('\n').includes(l));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(new RegExp(`^mfa_serial *= *${serialOf('two-yubikey')}$`));
    // Exactly one line more, inside [default]: every other byte as it was.
    expect(after.replace(`${added[0]}\n`, '')).toBe(config);
    expect(after.indexOf(added[0]!)).toBeLessThan(after.indexOf('[profile other]'));
    expect(readFileSync(h.credentialsFile, 'utf8')).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
    t.write('q');
    expect(await t.exit()).toBe(0);
  });
});

describe('role profiles in the renew panel', () => {
  const adminArn = 'arn:aws:iam::111122223333:role/Admin';
  async function roleSetUp() {
    const {sb, h} = await setUp();
    // Anything that tried to leave 127.0.0.1 over HTTPS (the CLI's own AssumeRole) fails at once.
    h.env.HTTPS_PROXY = 'http://127.0.0.1:9';
    const alice = sb.user('alice');
    h.write('credentials', userProfile(alice));
    h.write(
      'config',
      `[default]\nregion = us-east-1\n\n[profile admin]\nrole_arn = ${adminArn}\nsource_profile = default\nmfa_serial = ${alice.mfaSerial}\nrole_session_name = alice-admin\nregion = us-east-1\n`,
    );
    return {sb, h, alice};
  }
  const cacheFiles = (h: TestHome) => {
    try {
      return readdirSync(path.join(h.home, '.aws', 'cli', 'cache'));
    } catch {
      return [];
    }
  };
  async function selectAdmin(t: Term) {
    await t.waitFor(() => row(t, 'admin').includes('role'));
    t.write('/admin');
    await t.waitFor('filter "admin": 1 shown');
    t.write(keys.enter);
    await t.waitFor('(Esc clears)');
  }

  it('renews a role with a code into the AWS CLI cache; the row shows the expiry and the AWS CLI runs as the role', async () => {
    const {sb, h, alice} = await roleSetUp();
    const t = open(h, sb);
    await selectAdmin(t);
    t.write('r');
    await t.waitFor('Renew admin (role)');
    expect(t.screen()).toMatch(/Role\s+arn:aws:iam::111122223333:role\/Admin/);
    expect(t.screen()).toContain(`signed by default's keys with a code from ${alice.mfaSerial}`);
    const before = sb.requests.length;
    t.write(sb.code(alice));
    await t.waitFor('✓ Renewed admin (role) from default');
    await t.waitFor(() => /valid (1h|59m)/.test(row(t, 'admin')));
    expect(sb.requests.slice(before).map((x) => [x.action, x.accessKeyIdLast4, x.status])).toEqual([
      ['AssumeRole', alice.accessKeyId!.slice(-4), 200],
    ]);
    expect(cacheFiles(h)).toHaveLength(1);
    t.write('q');
    expect(await t.exit()).toBe(0);

    if (noCli) return;
    const cli = await awsCallerIdentity('admin', sb, h.env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).Arn).toBe(
      'arn:aws:sts::111122223333:assumed-role/Admin/alice-admin',
    );
    // Served from the cache: one call, no AssumeRole of its own, no prompt.
    expect(cli.requests.map((x) => x.action)).toEqual(['GetCallerIdentity']);
  });

  it('renews a role without a new code when the source holds a valid MFA session (1 h chaining cap shown)', async () => {
    const {sb, h, alice} = await roleSetUp();
    const t = open(h, sb);
    await t.waitFor(() => row(t, 'default').includes('long-term'));
    t.write('r');
    await t.waitFor('Renew mfa');
    t.write(sb.code(alice));
    await t.waitFor('✓ Renewed mfa from default');
    const sessionKey = /\[mfa\]\naws_access_key_id = (ASIA\w+)/.exec(
      readFileSync(h.credentialsFile, 'utf8'),
    )![1]!;
    await selectAdmin(t);
    t.write('r');
    await t.waitFor('Renew admin (role)');
    expect(t.screen()).toContain(
      'signed by the MFA session in mfa, no new code (role chaining: 1 h at most)',
    );
    expect(t.screen()).toMatch(/Code\s+not needed \(n: sign with a new code instead\)/);
    expect(t.screen()).toContain('n new code');
    const before = sb.requests.length;
    t.write(keys.enter);
    await t.waitFor('✓ Renewed admin (role) from default');
    await t.waitFor(() => /valid (1h|59m)/.test(row(t, 'admin')));
    expect(sb.requests.slice(before).map((x) => [x.action, x.accessKeyIdLast4, x.status])).toEqual([
      ['AssumeRole', sessionKey.slice(-4), 200],
    ]);
    expect(cacheFiles(h)).toHaveLength(1);
    t.write('q');
    expect(await t.exit()).toBe(0);
  });
});

describe('batch renewal of profiles sharing one device', () => {
  it('asks for one code, counts down to the next code step, takes the second code, reports both', async () => {
    const {sb, h} = await setUp();
    const alice = sb.user('alice');
    h.write(
      'credentials',
      ['default', 'second'].map((p) => userProfile(alice, {name: p})).join('\n'),
    );
    const t = open(h, sb);
    await t.waitFor(() => row(t, 'second').includes('long-term'));
    t.write(' ');
    await t.waitFor('1 marked');
    t.write('j ');
    await t.waitFor('2 marked');
    expect(t.lines().filter((l) => l.startsWith('+')).length).toBe(2);
    const before = sb.requests.length;
    t.write('R');
    await t.waitFor('Renew mfa · 1 of 2');
    // Not in the last seconds of a 30 s step, so the countdown stays up long enough to be read.
    await earlyInStep();
    t.write(sb.code(alice));
    await t.waitFor('Renew second-mfa · 2 of 2 · ✓ mfa');
    // A code step cannot be reused: the panel counts down to the next one (≤ 30 s of real time).
    await t.waitFor(/Next code for mfa\/alice in \d+ s \(each code works once\)/);
    expect(t.screen()).not.toMatch(/Code\s+▁/);
    // Typed while it counts down, digits are not taken.
    t.write('9');
    await t.waitFor(/Code\s+▁ _ _/, 35_000);
    t.write(sb.code(alice));
    await t.waitFor('✓ Renewed 2 of 2: ✓ mfa');
    expect(t.screen()).toContain('✓ second-mfa');
    // Both profiles hold alice's key: its creation date is asked for once, after the first.
    expect(sb.requests.slice(before).map((x) => [x.action, x.status])).toEqual([
      ['GetSessionToken', 200],
      ['ListAccessKeys', 200],
      ['GetSessionToken', 200],
    ]);
    const text = readFileSync(h.credentialsFile, 'utf8');
    expect(text).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
    expect(text).toMatch(/\[second-mfa\]\naws_access_key_id = ASIA/);
    // The key's age, learnt with the first session, shows in the long-term rows.
    await t.waitFor(() => /long-term \d+d/.test(row(t, 'default')));
    expect(row(t, 'second')).toMatch(/long-term \d+d/);
    t.write('q');
    expect(await t.exit()).toBe(0);
  }, 75_000);
});
