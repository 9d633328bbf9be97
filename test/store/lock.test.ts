// The lock beside a file, on real files: stale locks are known by more than their pid, a dangling
// link is no lock, every wait ends at its deadline, and nothing is left behind on a full disk.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {hostname, tmpdir} from 'node:os';
import path from 'node:path';
import {acquireLock} from '../../source/store/lock.js';
import {processStartTicks} from '../helpers/proc.js';

let dir: string;
let target: string;
let child: ChildProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfa-tui-lock-'));
  target = path.join(dir, 'credentials');
});
afterEach(() => {
  child?.kill();
  child = undefined;
  rmSync(dir, {recursive: true, force: true});
});

const bootId = () =>
  existsSync('/proc/sys/kernel/random/boot_id')
    ? spawnSync('cat', ['/proc/sys/kernel/random/boot_id']).stdout.toString().trim()
    : '';
const lockText = (pid: number, extra: string[] = [], since = Date.now()) =>
  [pid, hostname(), since, ...extra, ''].join('\n');

/** A live process that is not this one, with its start time. */
async function liveProcess(): Promise<{pid: number; start: string}> {
  child = spawn('sleep', ['30'], {stdio: 'ignore'});
  await new Promise((r) => child!.once('spawn', r));
  return {pid: child.pid!, start: processStartTicks(child.pid!)!};
}

const onLinux = existsSync('/proc/self/stat') ? false : 'needs /proc';

describe('acquireLock', () => {
  it.skipIf(onLinux)(
    'takes over a lock whose live pid started after the lock was written',
    async () => {
      const {pid, start} = await liveProcess();
      // The same boot, the same pid, another start time: the pid was given to a new process.
      writeFileSync(`${target}.lock`, lockText(pid, [bootId(), String(Number(start) - 50)]));
      // Taken as stale, or it would wait out its deadline and fail as locked.
      const lock = await acquireLock(target, {timeoutMs: 2000});
      expect(lock.ok).toBe(true);
      if (lock.ok) await lock.value.release();
    },
  );

  it.skipIf(onLinux)(
    'takes over a lock from another boot whose pid is alive again (PID 1 in a container)',
    async () => {
      writeFileSync(`${target}.lock`, lockText(1, ['00000000-0000-0000-0000-000000000000', '1']));
      const lock = await acquireLock(target, {timeoutMs: 2000});
      expect(lock.ok).toBe(true);
      if (lock.ok) await lock.value.release();
    },
  );

  it.skipIf(onLinux)(
    'takes over an old-format lock (pid, host, time) whose pid started after it',
    async () => {
      const {pid} = await liveProcess();
      writeFileSync(`${target}.lock`, lockText(pid, [], Date.now() - 60_000));
      const lock = await acquireLock(target, {timeoutMs: 2000});
      expect(lock.ok).toBe(true);
      if (lock.ok) await lock.value.release();
    },
  );

  it.skipIf(onLinux)(
    'waits for a lock its live writer holds, and gives up at the deadline',
    async () => {
      const {pid, start} = await liveProcess();
      writeFileSync(`${target}.lock`, lockText(pid, [bootId(), start]));
      const lock = await acquireLock(target, {timeoutMs: 300});
      expect(lock.ok ? 'taken' : lock.error.code).toBe('file-locked');
      expect(existsSync(`${target}.lock`)).toBe(true);
    },
  );

  it('treats a dangling symbolic link at the lock as abandoned, without spinning', async () => {
    symlinkSync(path.join(dir, 'nowhere'), `${target}.lock`);
    // A spinning wait never returns (the test's own timeout fails it); a bounded one that did not
    // take the link for abandoned would fail as locked.
    const lock = await acquireLock(target, {timeoutMs: 1000});
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.value.release();
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });

  it('never waits past its deadline, whatever stands at the lock', async () => {
    // A folder at the lock's path can be neither read as a lock nor removed.
    mkdirSync(`${target}.lock`);
    const lock = await acquireLock(target, {timeoutMs: 300});
    expect(lock.ok).toBe(false);
  });
});

const root = process.geteuid?.() === 0;
describe.skipIf(!root || onLinux)('acquireLock on a full disk (tmpfs, root)', () => {
  let mnt: string;
  beforeEach(() => {
    mnt = path.join(dir, 'mnt');
    mkdirSync(mnt);
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    if (r.status !== 0) throw new Error(`mount: ${r.stderr}`);
  });
  afterEach(() => {
    spawnSync('umount', [mnt]);
  });

  it('fails and leaves no temporary file behind', async () => {
    // Fill the disk to the last block.
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(mnt, 'fill')}`, 'bs=4k']);
    const lock = await acquireLock(path.join(mnt, 'credentials'), {timeoutMs: 300});
    expect(lock.ok).toBe(false);
    expect(readdirSync(mnt)).toEqual(['fill']);
  });
});
