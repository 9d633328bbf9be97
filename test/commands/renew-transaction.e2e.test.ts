// A renewal is a transaction: the lock is taken and the write proved before STS sees the code, and
// a session STS issued that could not be written is not lost. The built CLI, the sandbox STS,
// real locks, and real mounts (root: a 64 KiB tmpfs fills up, a remount makes it read-only).
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import {earlyInStep} from '../helpers/steps.js';
import {processStartTicks} from '../helpers/proc.js';
import {startRelay, type Relay} from '../helpers/relay.js';
import type {SandboxUser} from '../../source/sandbox/state.js';

const sandbox = useTestSandbox();
const h = useTestHome({sandbox});
let alice: SandboxUser;
let child: ChildProcess | undefined;
beforeAll(() => {
  alice = sandbox.user('alice');
});
afterEach(() => {
  child?.kill();
  child = undefined;
});

const original = () => userProfile(alice);
const renew = (args: string[], env = h.env) => runCli(['renew', ...args], {env, timeoutMs: 40_000});
const sessionRequests = () => sandbox.requests.filter((r) => r.action === 'GetSessionToken').length;
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const lockText = (pid: number, boot: string, start: string) =>
  `${pid}\n${hostname()}\n${Date.now()}\n${boot}\n${start}\n`;
const onLinux = existsSync('/proc/self/stat');

/** Every secret the sandbox handed out: none may reach stderr. */
function expectNoSecrets(text: string) {
  expect(text).not.toContain(alice.secretAccessKey);
  for (const s of sandbox.state.sessions.values()) {
    expect(text).not.toContain(s.secretAccessKey);
    expect(text).not.toContain(s.sessionToken);
  }
}

describe('renew: the lock', () => {
  it.skipIf(!onLinux)(
    'takes over a lock whose pid is alive again (PID 1, another start)',
    async () => {
      h.write('credentials', original());
      writeFileSync(`${h.credentialsFile}.lock`, lockText(1, bootId(), '999999999'));
      // Taken as stale, or renew would wait out the lock's deadline and fail as locked.
      const r = await renew(['default', '--code', sandbox.code(alice)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(existsSync(`${h.credentialsFile}.lock`)).toBe(false);
    },
  );

  it('takes a dangling symbolic link at the lock for abandoned, and never spins', async () => {
    h.write('credentials', original());
    symlinkSync(path.join(h.awsDir, 'gone'), `${h.credentialsFile}.lock`);
    const r = await renew(['default', '--code', sandbox.code(alice)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(h.credentialsFile, 'utf8')).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
  });

  it.skipIf(!onLinux)(
    'refuses a lock a live process holds before the code is sent, and the code works after',
    async () => {
      await earlyInStep();
      h.write('credentials', original());
      child = spawn('sleep', ['60'], {stdio: 'ignore'});
      await new Promise((r) => child!.once('spawn', r));
      const lock = `${h.credentialsFile}.lock`;
      writeFileSync(lock, lockText(child.pid!, bootId(), processStartTicks(child.pid!)!));
      const code = sandbox.code(alice);
      const before = sessionRequests();
      const r = await renew(['default', '--code', code]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('No code was sent.');
      expect(r.stderr).toContain(`process ${child.pid}`);
      expect(sessionRequests()).toBe(before);
      expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original());
      child.kill();
      const again = await renew(['default', '--code', code]);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
    },
    40_000,
  );
});

const root = process.geteuid?.() === 0;
describe.skipIf(!root)('renew on a disk that fills or turns read-only (tmpfs, root)', () => {
  let mnt: string;
  let relay: Relay | undefined;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    mnt = path.join(h.home, 'mnt');
    mkdirSync(mnt);
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mnt]);
    if (m.status !== 0) throw new Error(`mount: ${m.stderr}`);
    env = {...h.env, AWS_SHARED_CREDENTIALS_FILE: path.join(mnt, 'credentials')};
    writeFileSync(path.join(mnt, 'credentials'), original(), {mode: 0o600});
  });
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
    spawnSync('chattr', ['-i', path.join(mnt, 'credentials')]);
    spawnSync('umount', [mnt]);
  });
  const fill = () => spawnSync('dd', ['if=/dev/zero', `of=${path.join(mnt, 'fill')}`, 'bs=1k']);
  const leftovers = () => readdirSync(mnt).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'));

  it('refuses a full disk before the code is sent, naming the disk, and leaves nothing behind', async () => {
    await earlyInStep();
    fill();
    const code = sandbox.code(alice);
    const before = sessionRequests();
    const r = await renew(['default', '--code', code], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no space is left on the disk that holds ${mnt}`);
    expect(r.stderr).toContain('No code was sent.');
    expect(sessionRequests()).toBe(before);
    expect(leftovers()).toEqual([]);
    expect(readFileSync(path.join(mnt, 'credentials'), 'utf8')).toBe(original());
  });

  it('refuses an immutable credentials file before the code is sent', async () => {
    const c = spawnSync('chattr', ['+i', path.join(mnt, 'credentials')]);
    if (c.status !== 0) return; // chattr unsupported here: nothing to prove
    const before = sessionRequests();
    const r = await renew(['default', '--code', sandbox.code(alice)], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No code was sent.');
    expect(sessionRequests()).toBe(before);
    expect(leftovers()).toEqual([]);
  });

  const readOnly = () => spawnSync('mount', ['-o', 'remount,ro', mnt]);
  for (const [what, spoil] of [
    ['fills up', fill],
    ['turns read-only', readOnly],
  ] as const) {
    it(`keeps the session when the disk ${what} after STS answered: says the code was used, prints the env lines`, async () => {
      relay = await startRelay(sandbox.endpoint, async () => {
        spoil();
      });
      const r = await renew(['default', '--code', sandbox.code(alice)], {
        ...env,
        AWS_ENDPOINT_URL_STS: relay.endpoint,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('STS accepted the code (it is used now)');
      expect(r.stderr).toContain('the session is not lost');
      expectNoSecrets(r.stderr);
      const keyId = /^export AWS_ACCESS_KEY_ID=(ASIA[A-Z0-9]+)$/m.exec(r.stdout)?.[1];
      const issued = [...sandbox.state.sessions.values()].find((s) => s.accessKeyId === keyId);
      expect(issued).toBeDefined();
      expect(r.stdout).toContain(`export AWS_SECRET_ACCESS_KEY=${issued!.secretAccessKey}\n`);
      expect(r.stdout).toContain(`export AWS_SESSION_TOKEN=${issued!.sessionToken}\n`);
      expect(r.stdout).toMatch(/^unset AWS_PROFILE$/m);
      expect(readFileSync(path.join(mnt, 'credentials'), 'utf8')).toBe(original());
      if (spoil === fill) {
        expect(leftovers()).toEqual([]);
        return;
      }
      // A read-only folder keeps even the lock; its process is gone, so the next renewal takes it.
      expect(leftovers()).toEqual(['credentials.lock']);
      spawnSync('mount', ['-o', 'remount,rw', mnt]);
      const again = await renew(['default', '--code', sandbox.code(alice)], env);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(leftovers()).toEqual([]);
    });
  }
});
