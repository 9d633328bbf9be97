// The TUI end to end: the built CLI in a real pseudo-terminal, against the sandbox STS.
import {appendFileSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {totpStepAt} from '../../source/core/code-steps.js';
import {totpCodeAt} from '../../source/sandbox/totp.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {useTestSandbox} from '../helpers/sandbox.js';
import {keys, spawnTerm, type Term} from '../helpers/term.js';

const sandbox = useTestSandbox();
const home = useTestHome();
let term: Term | undefined;

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeEach(() => {
  const alice = sandbox.user('alice');
  home.write(
    'credentials',
    [
      '# long-term keys for alice',
      '[default]',
      `aws_access_key_id = ${alice.accessKeyId}`,
      `aws_secret_access_key = ${alice.secretAccessKey}`,
      `mfa_serial = ${alice.mfaSerial}`,
      '',
      '[mfa]',
      'aws_access_key_id = ASIAEXAMPLEOLDSESS01',
      'aws_secret_access_key = oldsecretoldsecretoldsecretoldsecret0001',
      'aws_session_token = oldtoken',
      `x_security_token_expires = ${hourAgo()}`,
      '',
    ].join('\n'),
  );
  home.write(
    'config',
    '[default]\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/admin\nsource_profile = mfa\n',
  );
});

afterEach(() => {
  term?.kill();
  term = undefined;
});

function open(env: NodeJS.ProcessEnv = {}, size: {cols?: number; rows?: number} = {}): Term {
  term = spawnTerm([], {
    env: {...home.env, AWS_ENDPOINT_URL_STS: sandbox.endpoint, AWS_REGION: 'us-east-1', ...env},
    ...size,
  });
  return term;
}

/** The screen row of a profile (cursor and marker columns included). */
const row = (t: Term, name: string) =>
  t.lines().find((l) => new RegExp(`^.[* ]${name}\\s`).test(l)) ?? '';

/** A code the device will refuse now: none of the steps the sandbox accepts around its clock. */
function wrongCode(): string {
  const device = sandbox.state.devices.get(sandbox.user('alice').mfaSerial!)!;
  const step = totpStepAt(sandbox.clock.now());
  const valid = new Set([-1, 0, 1].map((d) => totpCodeAt(device.key, step + d)));
  return ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
}

describe('mfa-tui in a terminal', () => {
  it('shows every profile with its kind, key, device, link, expiry and the AWS CLI marker', async () => {
    const t = open();
    await t.waitFor('expired 1h');
    await t.waitFor('AWS CLI uses * default');
    expect(row(t, 'default')).toMatch(
      /^.\*default\s+long-term keys\s+\S{4}\s+mfa\/alice\s+→ mfa\s+long-term/,
    );
    expect(row(t, 'mfa')).toMatch(/MFA session\s+SS01\s+← default\s+expired 1h 00m ago/);
    expect(row(t, 'admin')).toMatch(/role\s+← mfa/);
    expect(t.screen()).toContain('AWS CLI uses * default');
    expect(t.lines()[22]).toContain('q quit');
    t.write('q');
    expect(await t.exit()).toBe(0);
  });

  it('renews a long-term profile with a valid code: success, expiry updated, file written', async () => {
    const before = readFileSync(home.credentialsFile, 'utf8');
    const t = open();
    await t.waitFor('expired 1h');
    t.write('r');
    await t.waitFor('Renew mfa');
    expect(t.screen()).toMatch(/Source\s+default/);
    expect(t.screen()).toMatch(/Device\s+arn:aws:iam::111122223333:mfa\/alice/);
    expect(t.screen()).toMatch(/Duration\s+12h/);
    t.write(sandbox.code('alice') + keys.enter);
    await t.waitFor('✓ Renewed mfa from default');
    await t.waitFor(() => /valid 1[12]h/.test(row(t, 'mfa')));
    expect(row(t, 'mfa').startsWith('›')).toBe(true);
    const after = readFileSync(home.credentialsFile, 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('# long-term keys for alice');
    expect(after).not.toContain('oldtoken');
    expect(after).toMatch(/\[mfa\][^[]*aws_session_token = \S+/);
    t.write('q');
    expect(await t.exit()).toBe(0);
  });

  it('shows the mapped error for a wrong code and leaves the file byte-identical', async () => {
    const before = readFileSync(home.credentialsFile);
    const t = open();
    await t.waitFor('expired 1h');
    t.write('r');
    await t.waitFor('Code');
    const code = wrongCode();
    t.write(code.slice(0, 5));
    t.write(keys.enter);
    await t.waitFor('An MFA code has 6 digits');
    t.write(code.slice(5));
    await t.waitFor('STS refused the MFA code');
    expect(t.screen()).toContain('→ ');
    expect(t.screen()).toContain('Renew mfa');
    expect(readFileSync(home.credentialsFile).equals(before)).toBe(true);
    expect(row(t, 'mfa')).toContain('expired 1h');
    t.write(keys.escape);
    await t.waitFor((s) => !s.includes('Code'));
    t.write('q');
    expect(await t.exit()).toBe(0);
    expect(readFileSync(home.credentialsFile).equals(before)).toBe(true);
  });

  it('shows the clients disagreeing when AWS_ACCESS_KEY_ID and AWS_PROFILE are both set, with the fix', async () => {
    const t = open({
      AWS_PROFILE: 'mfa',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEENVKEY009',
      AWS_SECRET_ACCESS_KEY: 'envsecretenvsecretenvsecretenvsecret0009',
    });
    await t.waitFor('conflict');
    t.write('p');
    const screen = await t.waitFor('Conflicts (');
    const line = (client: string) => t.lines().find((l) => l.includes(` ${client} `)) ?? '';
    expect(line('aws-cli-v2')).toMatch(/aws-cli-v2\s+env\s+…Y009/);
    expect(line('aws-cli-v1/boto3')).toMatch(/\s+env\s+/);
    expect(line('go-sdk-v2')).toMatch(/\s+env\s+/);
    expect(line('js-sdk-v3')).toMatch(/js-sdk-v3\s+shared-credentials-file\s+mfa/);
    // Wrapped at 80 columns: read the conflict as one text.
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toContain('The clients disagree');
    expect(flat).toContain('ignore AWS_PROFILE=mfa');
    expect(flat).toContain(
      'fix: To use profile mfa everywhere, run `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN`',
    );
    t.write('q');
    expect(await t.exit()).toBe(0);
  });

  it('verifies the identity with GetCallerIdentity after a renewal', async () => {
    const t = open();
    await t.waitFor('expired 1h');
    t.write('r');
    await t.waitFor('Code');
    t.write(sandbox.code('alice'));
    await t.waitFor('✓ Renewed mfa');
    t.write('p');
    await t.waitFor('Precedence · current environment');
    t.write('v');
    const screen = await t.waitFor('✓ Verified');
    expect(screen).toContain('arn:aws:iam::111122223333:user/alice');
    expect(screen).toContain('account 111122223333');
    t.write('q');
    expect(await t.exit()).toBe(0);
  });

  it('re-reads the files when they change on disk', async () => {
    const t = open();
    await t.waitFor('expired 1h');
    appendFileSync(
      home.credentialsFile,
      '\n[added-later]\naws_access_key_id = AKIAEXAMPLEADDED0001\naws_secret_access_key = x\n',
    );
    await t.waitFor('added-later');
    // Tools that replace the file (write a temporary file, rename it over) are seen too.
    const temp = `${home.credentialsFile}.tmp-other-tool`;
    writeFileSync(
      temp,
      `${readFileSync(home.credentialsFile, 'utf8')}\n[renamed-in]\naws_access_key_id = AKIAEXAMPLEADDED0002\naws_secret_access_key = x\n`,
    );
    renameSync(temp, home.credentialsFile);
    await t.waitFor('renamed-in');
    t.write('q');
    expect(await t.exit()).toBe(0);
  });

  it('quits with Ctrl-C and gives the terminal back', async () => {
    const t = open();
    await t.waitFor('expired 1h');
    t.write(keys.ctrlC);
    expect(await t.exit()).toBe(0);
    const out = t.output();
    expect(out).toContain('\u001B[?1049h');
    expect(out.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(out.lastIndexOf('\u001B[?1049h'));
    expect(out).toContain('\u001B[?25h');
  });

  it('writes no colour codes under NO_COLOR, and colours without it', async () => {
    const colourCodes = (out: string) =>
      [...out.matchAll(/\u001B\[([0-9;]*)m/g)]
        .flatMap((m) => m[1].split(';').map(Number))
        .filter(
          (n) =>
            (n >= 30 && n <= 38) ||
            (n >= 40 && n <= 48) ||
            (n >= 90 && n <= 97) ||
            (n >= 100 && n <= 107),
        );
    let t = open({NO_COLOR: '1'});
    await t.waitFor('expired 1h');
    t.write('p');
    await t.waitFor('Precedence');
    t.write('q');
    await t.exit();
    expect(colourCodes(t.output())).toEqual([]);
    t.kill();

    t = open({NO_COLOR: undefined, FORCE_COLOR: '1'});
    await t.waitFor('expired 1h');
    t.write('q');
    await t.exit();
    expect(colourCodes(t.output()).length).toBeGreaterThan(0);
  });

  it('fits 80×24 and redraws on resize', async () => {
    const t = open({}, {cols: 120, rows: 40});
    await t.waitFor('expired 1h');
    expect(t.lines()[38]).toContain('q quit');
    t.resize(80, 24);
    await t.waitFor(() => t.lines()[22].includes('q quit') && t.lines()[0].startsWith('mfa-tui'));
    await t.waitFor(() => t.lines().filter((l) => l.startsWith('mfa-tui')).length === 1);
    expect(row(t, 'default')).toContain('long-term');
    for (const l of t.lines()) expect(l.length).toBeLessThanOrEqual(80);
    t.resize(100, 30);
    await t.waitFor(() => t.lines()[28].includes('q quit'));
    t.write('q');
    expect(await t.exit()).toBe(0);
  });

  it('keeps the renew panel whole on a short terminal, and says so when it cannot fit', async () => {
    const t = open({}, {cols: 80, rows: 18});
    await t.waitFor('expired 1h');
    t.write('r');
    await t.waitFor('Renew mfa');
    t.write('12');
    // The list gives way to the panel: the title, the code typed and the key bar all on screen.
    await t.waitFor(() => /Code\s+1 2/.test(t.screen()));
    expect(t.lines()[0]).toMatch(/^mfa-tui/);
    expect(t.lines()[16]).toContain('Esc cancel');
    expect(t.lines().filter((l) => l.includes('Renew mfa'))).toHaveLength(1);
    t.resize(80, 15);
    await t.waitFor('The renew panel needs 17 lines (this terminal: 15)');
    expect(t.lines()[0]).toMatch(/^mfa-tui/);
    // Its keys still work: Esc closes it, and nothing typed is echoed by the terminal.
    t.write(keys.escape);
    await t.waitFor(() => row(t, 'default').length > 0);
    expect(t.screen()).not.toContain('Renew mfa');
    t.write('q');
    expect(await t.exit()).toBe(0);
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`gives the terminal back on ${signal} as q does: cursor shown, alternate screen left`, async () => {
      const t = open();
      await t.waitFor('expired 1h');
      t.signal(signal);
      const exitCode = await t.exit();
      const output = t.output();
      const left = output.lastIndexOf('\u001B[?1049l');
      expect(left).toBeGreaterThan(output.lastIndexOf('\u001B[?1049h'));
      // Nothing is drawn after the alternate screen is left: at most the cursor shown again.
      expect(output.slice(left)).toMatch(/^(\u001B\[\?1049l|\u001B\[\?25h)+$/);
      expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(output.lastIndexOf('\u001B[?25l'));
      expect(exitCode).toBe(code);
    });
  }

  it('prints the list output when stdout is not a terminal', async () => {
    const result = await runCli([], {env: {...home.env, AWS_ENDPOINT_URL_STS: sandbox.endpoint}});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/PROFILE\s+KIND/);
    expect(result.stdout).toContain('default');
    expect(result.stdout).not.toContain('\u001B[?1049h');
  });
});
