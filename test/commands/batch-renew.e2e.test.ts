// Several profiles sharing one MFA device in one run: the second code must come from a later
// 30-second step, so the CLI counts down on stderr and runs the code command again. The sandbox
// runs on the real clock here, as a device would, so this test waits up to one step (≤ 30 s),
// plus up to 10 s to start early in a step.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startSandbox, type RequestLogEntry, type Sandbox} from '../../source/sandbox/server.js';
import {SandboxState} from '../../source/sandbox/state.js';
import {runCli} from '../helpers/cli.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';
import {userProfile} from '../helpers/sandbox.js';
import {earlyInStep} from '../helpers/steps.js';

let sb: Sandbox;
const requests: RequestLogEntry[] = [];
let h: TestHome;
// A sandbox per test: each remembers the steps its devices have spent.
beforeEach(async () => {
  sb = await startSandbox({
    state: new SandboxState(),
    clock: {now: () => new Date()},
    onRequest: (e) => requests.push(e),
  });
  h = makeTestHome({sandbox: sb});
});
afterEach(async () => {
  h.cleanup();
  await sb.close();
});

const alice = () => sb.state.user('alice')!;
const twoProfiles = () =>
  ['default', 'second'].map((p) => userProfile(alice(), {name: p})).join('\n');

/** An authenticator on the real clock (RFC 6238), counting how often it was asked. */
function authenticator(): {command: string; runs: () => number} {
  const script = path.join(h.home, 'totp.mjs');
  const runs = path.join(h.home, 'runs.txt');
  writeFileSync(runs, '');
  writeFileSync(
    script,
    `import {createHmac} from 'node:crypto';
import {appendFileSync} from 'node:fs';
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
let bits = 0, value = 0; const bytes = [];
for (const ch of process.env.TOTP_SECRET) { value = ((value << 5) | alphabet.indexOf(ch)) & 0xffff; bits += 5; if (bits >= 8) { bytes.push((value >>> (bits - 8)) & 0xff); bits -= 8; } }
const counter = Buffer.alloc(8); counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
const o = mac[mac.length - 1] & 15;
appendFileSync(${JSON.stringify(runs)}, 'x');
console.log(String((mac.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0'));
`,
  );
  h.env.TOTP_SECRET = alice().totpSecret!;
  return {
    command: `"${process.execPath}" "${script}"`,
    runs: () => readFileSync(runs, 'utf8').length,
  };
}

describe('renew A B with one device', () => {
  it('renews both with two codes from successive steps, counting down on stderr in between', async () => {
    h.write('credentials', twoProfiles());
    const auth = authenticator();
    await earlyInStep();
    const before = requests.length;
    const r = await runCli(['renew', 'default', 'second', '--code-from', auth.command, '--json'], {
      env: h.env,
      timeoutMs: 80_000,
    });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toMatchObject([
      {profile: 'mfa', source: 'default'},
      {profile: 'second-mfa', source: 'second'},
    ]);
    expect(r.stderr).toMatch(
      /^mfa-tui: Next code for mfa\/alice in \d+ s \(each code works once\)$/m,
    );
    expect(auth.runs()).toBe(2);
    expect(requests.slice(before).map((x) => [x.action, x.status])).toEqual([
      ['GetSessionToken', 200],
      ['GetSessionToken', 200],
    ]);
    const text = readFileSync(h.credentialsFile, 'utf8');
    expect(text).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
    expect(text).toMatch(/\[second-mfa\]\naws_access_key_id = ASIA/);
  }, 90_000);

  it('refuses one --code for several profiles: a code works once', async () => {
    h.write('credentials', twoProfiles());
    const r = await runCli(['renew', 'default', 'second', '--code', '123456'], {env: h.env});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--code gives one code, and a code works once');
  });

  it('goes on after a failure and exits 1, naming the profile that was not renewed', async () => {
    h.write('credentials', twoProfiles());
    const auth = authenticator();
    const r = await runCli(['renew', 'ghost', 'default', '--code-from', auth.command, '--json'], {
      env: h.env,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mfa-tui: ghost: not renewed');
    expect(JSON.parse(r.stdout)).toMatchObject({profile: 'mfa', source: 'default'});
  });
});
