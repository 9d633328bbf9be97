// An advisory lock beside a file, `<file>.lock`, created atomically with its owner inside (pid,
// host, time, boot id, start time): a dead owner's lock is taken over, even if its pid was reused.
import {promises as fsp, readFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {fail, ok, type Result} from '../core/errors.js';
import {errno} from './aws-files.js';
import {diskFull} from './write-errors.js';
import {isProcessAlive, writeTemp} from './safe-write.js';

/** A lock as read: its owner, its boot, and its process's start (clock ticks since that boot). */
type LockInfo = {
  body: string;
  pid: number;
  host: string;
  since: number;
  ageMs: number;
  bootId?: string;
  startTicks?: string;
};

// A lock whose content cannot be read yet is given this long before it counts as abandoned.
const UNREADABLE_GRACE_MS = 2_000;
const TAKEOVER_STALE_MS = 5_000;
const OTHER_HOST_STALE_MS = 60_000;
// Linux's USER_HZ: /proc's start times count in these ticks on every architecture it runs on.
const TICKS_PER_SECOND = 100;

const readProc = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** This boot's id (Linux), so a lock from before a reboot is known whatever its pid. */
const bootId = () => readProc('/proc/sys/kernel/random/boot_id');

/** A process's start time in ticks since boot (field 22 of /proc/PID/stat), where readable. */
function processStartTicks(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count from its closing one.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
}

/** When the machine booted (ms since the epoch), where /proc/uptime says. */
function bootTime(): number | undefined {
  const uptime = Number(readProc('/proc/uptime')?.split(' ')[0]);
  return Number.isFinite(uptime) ? Date.now() - uptime * 1000 : undefined;
}

const body = () => {
  const owner = [process.pid, hostname(), Date.now(), bootId(), processStartTicks(process.pid)];
  return `${owner.map((field) => field ?? '').join('\n')}\n`;
};

/** Creates `path` with `content` unless it exists: linked from a private file, so never empty. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const tmp = await writeTemp(path, content);
  try {
    await fsp.link(tmp, path);
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    if (errno(e) !== 'EPERM' && errno(e) !== 'ENOTSUP' && errno(e) !== 'EOPNOTSUPP') throw e;
  } finally {
    await fsp.unlink(tmp).catch(() => {});
  }
  // No hard links here: created exclusively.
  try {
    await fsp.writeFile(path, content, {flag: 'wx', mode: 0o600});
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    throw e;
  }
}

// What stands at the lock's path when it is not a lock mfa-tui wrote (a symbolic link, dangling or
// not): abandoned at once, whatever it points to.
const NOT_A_LOCK = 'not a lock';

async function readInfo(path: string): Promise<LockInfo | undefined> {
  try {
    const st = await fsp.lstat(path);
    if (!st.isFile()) {
      const link = st.isSymbolicLink() ? await fsp.readlink(path) : '';
      return {body: `${NOT_A_LOCK}\n${link}`, pid: NaN, host: '', since: NaN, ageMs: Infinity};
    }
    const text = await fsp.readFile(path, 'utf8');
    const [pid, host, since, bootId, startTicks] = text.split('\n');
    return {
      body: text,
      pid: Number(pid),
      host: host ?? '',
      since: Number(since),
      ageMs: Date.now() - st.mtimeMs,
      bootId: bootId || undefined,
      startTicks: startTicks || undefined,
    };
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** Whether the process that wrote a lock on this machine is gone, its pid free or someone else's. */
function ownerGone(info: LockInfo): boolean {
  if (!isProcessAlive(info.pid)) return true;
  const boot = bootId();
  if (info.bootId && boot) return info.bootId !== boot || isReused(info);
  // A lock written before this boot (its writer said no boot id): no process of now wrote it.
  const booted = bootTime();
  return (booted !== undefined && info.since < booted - 1000) || isReused(info);
}

/** The pid now belongs to a process that started after the lock's (or another start) was taken. */
function isReused(info: LockInfo): boolean {
  const now = processStartTicks(info.pid);
  if (now === undefined) return false;
  if (info.startTicks) return info.startTicks !== now;
  const booted = bootTime();
  if (booted === undefined || !Number.isFinite(info.since)) return false;
  const started = booted + (Number(now) * 1000) / TICKS_PER_SECOND;
  // The uptime and the tick count are coarse: a second either way is the same instant.
  return started > info.since + 1000;
}

function isStale(info: LockInfo, staleMs: number): boolean {
  if (info.body.startsWith(NOT_A_LOCK)) return true;
  if (!Number.isInteger(info.pid) || info.pid <= 0 || !info.host) {
    return info.ageMs > UNREADABLE_GRACE_MS;
  }
  if (info.host === hostname()) return ownerGone(info);
  return info.ageMs > staleMs;
}

/** Removes an abandoned lock, re-read under `<lock>.takeover`: one replaced meanwhile stays. */
async function removeStale(lockPath: string, observed: string): Promise<void> {
  const guard = `${lockPath}.takeover`;
  if (!(await createExclusive(guard, body()))) {
    const g = await readInfo(guard);
    if (g && (isStale(g, TAKEOVER_STALE_MS) || g.ageMs > TAKEOVER_STALE_MS)) {
      await fsp.unlink(guard).catch(() => {});
    }
    return;
  }
  try {
    const now = await readInfo(lockPath).catch(() => undefined);
    if (now?.body === observed) await fsp.unlink(lockPath).catch(() => {});
  } finally {
    await fsp.unlink(guard).catch(() => {});
  }
}

/** The refusal after the deadline, naming the lock's owner when it could be read. */
function locked(target: string, lockPath: string, info: LockInfo | undefined): Result<never> {
  const since =
    info && Number.isFinite(info.since) ? new Date(info.since).toISOString() : 'unknown';
  const owner = info && Number.isFinite(info.pid) ? `process ${info.pid}` : 'unknown process';
  return fail(
    'file-locked',
    `${target} is being written by another program (${owner} on ${info?.host || 'unknown host'}, since ${since}).`,
    `Wait for it to finish and try again; if nothing else is writing the file, delete ${lockPath}.`,
  );
}

/** Takes the lock for `target`, waiting up to `timeoutMs` (default 10 s) for another writer. */
export async function acquireLock(
  target: string,
  {timeoutMs = 10_000}: {timeoutMs?: number} = {},
): Promise<Result<{release(): Promise<void>}>> {
  const lockPath = `${target}.lock`;
  const deadline = Date.now() + timeoutMs;
  const mine = body();
  let delay = 2;
  for (;;) {
    try {
      if (await createExclusive(lockPath, mine)) {
        return ok({
          release: async () => {
            const now = await fsp.readFile(lockPath, 'utf8').catch(() => undefined);
            if (now === mine) await fsp.unlink(lockPath).catch(() => {});
          },
        });
      }
      const info = await readInfo(lockPath);
      if (info && isStale(info, OTHER_HOST_STALE_MS)) await removeStale(lockPath, info.body);
      // Every way round the loop meets the deadline and the pause below: none can spin.
      if (Date.now() >= deadline) return locked(target, lockPath, info);
    } catch (e) {
      return (
        diskFull(lockPath, e) ??
        fail(
          'folder-unwritable',
          `Cannot create the lock file ${lockPath} (${errno(e) ?? String(e)}).`,
          'Make the folder writable for your user, then try again.',
        )
      );
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}
