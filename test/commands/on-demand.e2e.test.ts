// credential-process --renew end to end: the real AWS CLI runs mfa-tui from the config file, the
// sandbox STS counts the codes sent, and a real pty is the terminal the prompt appears on.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {awsCliMissingReason, awsCliPath} from '../helpers/aws-cli.js';
import {cliPath, repoRoot, runCommand} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import {keys, spawnTerm} from '../helpers/term.js';
import type {SandboxUser} from '../../source/sandbox/state.js';

const noCli = awsCliMissingReason();
const sb = useTestSandbox();
const h = useTestHome({sandbox: sb});
let alice: SandboxUser;
beforeAll(() => {
  alice = sb.user('alice');
});
beforeEach(() => {
  // No desktop either, unless a test gives one: no dialog may open on the machine running the tests.
  delete h.env.DISPLAY;
  delete h.env.WAYLAND_DISPLAY;
});

const tokenRequests = () => sb.requests.filter((r) => r.action === 'GetSessionToken').length;
const mfaTui = `${process.execPath} ${cliPath}`;

/** Alice's long-term keys in [default] and a session in [mfa] that lapsed an hour ago. */
function expiredFiles(configExtra = ''): string {
  const lapsed = new Date(Date.now() - 3600_000).toISOString();
  const credentials =
    `${userProfile(alice)}\n` +
    `[mfa]\naws_access_key_id = ASIAOLDOLDOLDOLDOLD1\naws_secret_access_key = ${'o'.repeat(40)}\naws_session_token = old\nexpiration = ${lapsed}\n`;
  h.write('credentials', credentials);
  h.write(
    'config',
    `[default]\n${configExtra}\n[profile work]\ncredential_process = ${mfaTui} credential-process mfa --renew\nregion = us-east-1\n`,
  );
  return credentials;
}

/** A stand-in for a YubiKey's `ykman oath accounts code`: prints the code the test wrote. */
function codeCommand(code: string): string {
  const file = path.join(h.home, 'code.txt');
  writeFileSync(file, code);
  return `cat '${file}'`;
}

const awsArgs = () => [
  'sts',
  'get-caller-identity',
  '--profile',
  'work',
  '--endpoint-url',
  sb.endpoint,
  '--output',
  'json',
];

/** The AWS CLI in a session of its own: no controlling terminal, so no prompt is possible. */
const awsWithoutTerminal = () =>
  runCommand('setsid', ['-w', awsCliPath, ...awsArgs()], {
    env: {...h.env, AWS_PAGER: ''},
    timeoutMs: 60_000,
  });

/** `mfa-tui credential-process mfa --renew` in a session of its own: no terminal to prompt on. */
const renewWithoutTerminal = (env: NodeJS.ProcessEnv = h.env, extra: string[] = []) =>
  runCommand(
    'setsid',
    ['-w', process.execPath, cliPath, 'credential-process', 'mfa', '--renew', ...extra],
    {env},
  );

/** A Linux desktop (DISPLAY set) whose PATH starts with the folder `bin`. */
const desktop = (bin: string) => ({
  ...h.env,
  DISPLAY: ':99',
  PATH: `${bin}${path.delimiter}${h.env.PATH}`,
});

describe.skipIf(noCli)('credential-process --renew', () => {
  it('three AWS CLI processes at once with mfa_process and no terminal: one code sent, all succeed', async () => {
    expiredFiles(`mfa_process = ${codeCommand(sb.code(alice))}\n`);
    const before = tokenRequests();
    const runs = await Promise.all([1, 2, 3].map(() => awsWithoutTerminal()));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).Arn).toBe(alice.arn);
    }
    expect(tokenRequests() - before).toBe(1);
    expect(readFileSync(h.credentialsFile, 'utf8')).not.toContain('ASIAOLDOLDOLDOLDOLD1');
  }, 90_000);

  it('three JS SDK processes at once with mfa_process and no terminal: one code sent, all succeed', async () => {
    expiredFiles(`mfa_process = ${codeCommand(sb.code(alice))}\n`);
    const script = path.join(repoRoot, 'test', 'fixtures', 'sdk-caller-identity.mjs');
    const before = tokenRequests();
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        runCommand('setsid', ['-w', process.execPath, script, 'work', sb.endpoint], {
          env: h.env,
          timeoutMs: 60_000,
        }),
      ),
    );
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).Arn).toBe(alice.arn);
    }
    expect(tokenRequests() - before).toBe(1);
  }, 90_000);

  it('no terminal and no code source: exit 1, the command that renews it on stderr, the file untouched', async () => {
    const original = expiredFiles();
    const before = sb.requests.length;
    const r = await renewWithoutTerminal();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('mfa-tui renew mfa');
    expect(sb.requests.length).toBe(before);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original);
  });

  it('STS unreachable: exit 1 with the reason on stderr, nothing on stdout, the file untouched', async () => {
    const original = expiredFiles(`mfa_process = ${codeCommand(sb.code(alice))}\n`);
    const r = await renewWithoutTerminal({...h.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9'});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('127.0.0.1:9');
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original);
  });

  it('a renewal by mfa_process prints the JSON alone on stdout', async () => {
    expiredFiles(`mfa_process = ${codeCommand(sb.code(alice))}\n`);
    const r = await renewWithoutTerminal();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      Version: 1,
      AccessKeyId: expect.stringMatching(/^ASIA/),
    });
  });

  it('no terminal: --prompt CMD is asked, with the question in MFA_TUI_PROMPT', async () => {
    expiredFiles();
    const asked = path.join(h.home, 'asked.txt');
    const prompt = `printf %s "$MFA_TUI_PROMPT" > '${asked}'; ${codeCommand(sb.code(alice))}`;
    const r = await renewWithoutTerminal(h.env, ['--prompt', prompt]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(readFileSync(asked, 'utf8')).toContain('Renewing [mfa] from [default]');
  });

  it('no terminal on a Linux desktop: zenity asks for the code', async () => {
    expiredFiles();
    const bin = path.join(h.home, 'bin');
    mkdirSync(bin);
    const args = path.join(h.home, 'zenity-args.txt');
    writeFileSync(
      path.join(bin, 'zenity'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${args}'\n${codeCommand(sb.code(alice))}\n`,
      {mode: 0o755},
    );
    const r = await renewWithoutTerminal(desktop(bin));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(readFileSync(args, 'utf8')).toContain('MFA device');
  });

  it('no terminal on a Linux desktop: a zenity dialog answered "123 456" gives the code, as a prompt would', async () => {
    expiredFiles();
    const bin = path.join(h.home, 'bin');
    mkdirSync(bin);
    // What a person types into the dialog: the code as the authenticator shows it, in two groups.
    writeFileSync(
      path.join(bin, 'zenity'),
      `#!/bin/sh\ncode=$(${codeCommand(sb.code(alice))})\necho "\${code%???} \${code#???}"\n`,
      {mode: 0o755},
    );
    const r = await renewWithoutTerminal(desktop(bin));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).AccessKeyId).toMatch(/^ASIA/);
  });

  it('no terminal on a Linux desktop whose zenity on PATH is a folder and kdialog not executable: no dialog is run', async () => {
    const original = expiredFiles();
    const bin = path.join(h.home, 'bin');
    mkdirSync(path.join(bin, 'zenity'), {recursive: true});
    writeFileSync(path.join(bin, 'kdialog'), '#!/bin/sh\necho 123456\n', {mode: 0o644});
    const r = await renewWithoutTerminal(desktop(bin));
    expect(r.code).toBe(1);
    // As execvp finds programs: the renewal says it has nobody to ask, not that a dialog failed.
    expect(r.stderr).toContain('mfa-tui renew mfa');
    expect(r.stderr).not.toContain('code command');
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original);
  });

  it('a session within the margin that cannot be renewed is handed out as it is, with the reason', async () => {
    const soon = new Date(Date.now() + 120_000).toISOString();
    h.write(
      'credentials',
      `${userProfile(alice)}\n[mfa]\naws_access_key_id = ASIASOONSOONSOONSOON\naws_secret_access_key = ${'s'.repeat(40)}\naws_session_token = soon\nexpiration = ${soon}\n`,
    );
    const r = await renewWithoutTerminal();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).AccessKeyId).toBe('ASIASOONSOONSOONSOON');
    expect(r.stderr).toContain('mfa-tui renew mfa');
  });

  it('a valid session beyond the margin is printed without a renewal', async () => {
    expiredFiles(`mfa_process = ${codeCommand(sb.code(alice))}\n`);
    const first = await runCommand('setsid', ['-w', awsCliPath, ...awsArgs()], {
      env: {...h.env, AWS_PAGER: ''},
    });
    expect(first.code).toBe(0);
    const before = tokenRequests();
    const written = readFileSync(h.credentialsFile, 'utf8');
    const again = await awsWithoutTerminal();
    expect(again.code).toBe(0);
    expect(tokenRequests()).toBe(before);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(written);
  }, 60_000);
});

describe('list --json', () => {
  it('says which credential_process profiles renew on demand', async () => {
    h.write(
      'config',
      '[profile work]\ncredential_process = mfa-tui credential-process mfa --renew\n\n[profile plain]\ncredential_process = mfa-tui credential-process mfa\n',
    );
    const r = await runCommand(process.execPath, [cliPath, 'list', '--json'], {env: h.env});
    expect(r.code).toBe(0);
    const by = Object.fromEntries(
      (JSON.parse(r.stdout) as {profiles: {name: string}[]}).profiles.map((p) => [p.name, p]),
    );
    expect(by.work).toMatchObject({kind: 'process', renewsOnDemand: true});
    expect(by.plain).toMatchObject({kind: 'process', renewsOnDemand: false});
  });
});

/** A script that starts `count` copies of a command at once and prints each one's exit status. */
function fanOut(count: number, command: string[]): string {
  const script = path.join(h.home, 'fan-out.mjs');
  writeFileSync(
    script,
    `import {spawn} from 'node:child_process';
const runs = Array.from({length: ${count}}, (_, i) => new Promise((resolve) => {
  const child = spawn(${JSON.stringify(command[0])}, ${JSON.stringify(command.slice(1))}, {stdio: ['ignore', 'pipe', 'pipe']});
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.on('close', (code) => resolve('run ' + i + ': exit ' + code + (out.includes('AccessKeyId') || out.includes('Arn') ? ' with keys' : '')));
}));
console.log((await Promise.all(runs)).join('\\n'));
`,
  );
  return script;
}

describe('credential-process --renew on a terminal', () => {
  const clients = {
    'mfa-tui': () => [process.execPath, cliPath, 'credential-process', 'mfa', '--renew'],
    'AWS CLI': () => [awsCliPath, ...awsArgs()],
  };
  it.each(Object.keys(clients) as (keyof typeof clients)[])(
    'three %s processes at once: one prompt on the terminal, the code typed once, all succeed',
    async (client) => {
      if (client === 'AWS CLI' && noCli) return;
      expiredFiles();
      const before = tokenRequests();
      const script = fanOut(3, clients[client]());
      const term = spawnTerm([], {env: {...h.env, AWS_PAGER: ''}, script, cols: 160});
      try {
        await term.waitFor('MFA code for');
        // The prompt says which profile, which device and why.
        expect(term.screen()).toContain('Renewing [mfa] from [default]');
        expect(term.screen()).toMatch(/expired/);
        term.write(`${sb.code(alice)}${keys.enter}`);
        await term.waitFor('run 2:');
        expect(await term.exit()).toBe(0);
        const screen = term.screen();
        for (const i of [0, 1, 2]) expect(screen).toContain(`run ${i}: exit 0 with keys`);
        expect(screen.split('MFA code for').length - 1).toBe(1);
        expect(tokenRequests() - before).toBe(1);
      } finally {
        term.kill();
      }
    },
    60_000,
  );

  it('three processes at once and nobody answers: one prompt, all exit 1, nothing sent', async () => {
    const original = expiredFiles();
    const before = sb.requests.length;
    const command = [process.execPath, cliPath, 'credential-process', 'mfa', '--renew'];
    const script = fanOut(3, [...command, '--prompt-timeout', '2s']);
    const term = spawnTerm([], {env: h.env, script, cols: 160});
    try {
      await term.waitFor('MFA code for');
      await term.waitFor('run 2:', 20_000);
      const screen = term.screen();
      for (const i of [0, 1, 2]) expect(screen).toContain(`run ${i}: exit 1`);
      expect(screen.split('MFA code for').length - 1).toBe(1);
      expect(sb.requests.length).toBe(before);
      expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original);
    } finally {
      term.kill();
    }
  }, 30_000);

  it('the prompt times out: exit 1, nothing sent nor written', async () => {
    const original = expiredFiles();
    const before = sb.requests.length;
    const term = spawnTerm(['credential-process', 'mfa', '--renew', '--prompt-timeout', '1s'], {
      env: h.env,
      cols: 160,
    });
    try {
      await term.waitFor('MFA code for');
      expect(await term.exit()).toBe(1);
      expect(term.screen()).toContain('No MFA code was typed within 1 s');
      expect(sb.requests.length).toBe(before);
      expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original);
    } finally {
      term.kill();
    }
  }, 30_000);

  it('a wrong code is asked again', async () => {
    expiredFiles();
    const term = spawnTerm(['credential-process', 'mfa', '--renew'], {env: h.env, cols: 160});
    try {
      await term.waitFor('MFA code for');
      term.write(`000000${keys.enter}`);
      await term.waitFor('STS refused that code');
      term.write(`${sb.code(alice)}${keys.enter}`);
      expect(await term.exit()).toBe(0);
      expect(term.output()).toContain('"AccessKeyId":"ASIA');
    } finally {
      term.kill();
    }
  }, 30_000);
});
