// An advisory lock beside a file: `<file>.lock`, created atomically with its owner inside
// (pid, host, time), so a lock left by a killed process can be recognised and taken over.
import {promises as fsp} from 'node:fs';
import {hostname} from 'node:os';
import {fail, ok, type Result} from '../core/errors.js';
import {isProcessAlive, tempPathFor} from './safe-write.js';

export type LockOptions = {
  /** How long to wait for another writer before giving up (default 10 s). */
  timeoutMs?: number;
  /** Age after which a lock from another host counts as abandoned (default 60 s). */
  staleMs?: number;
};

export type Lock = {path: string; release(): Promise<void>};

type LockInfo = {body: string; pid: number; host: string; since: number; ageMs: number};

// A lock whose content cannot be read yet is given this long before it counts as abandoned.
const UNREADABLE_GRACE_MS = 2_000;
const TAKEOVER_STALE_MS = 5_000;

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

function body(): string {
  return `${process.pid}\n${hostname()}\n${Date.now()}\n`;
}

/**
 * Creates `path` holding `content` only if it does not exist. The content is written to a private
 * file first and hard-linked into place, so the lock never exists empty; on file systems without
 * hard links it falls back to an exclusive create.
 */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const tmp = tempPathFor(path);
  const handle = await fsp.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  try {
    await fsp.link(tmp, path);
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    if (errno(e) !== 'EPERM' && errno(e) !== 'ENOTSUP' && errno(e) !== 'EOPNOTSUPP') throw e;
  } finally {
    await fsp.unlink(tmp).catch(() => {});
  }
  try {
    const direct = await fsp.open(path, 'wx', 0o600);
    try {
      await direct.writeFile(content);
    } finally {
      await direct.close();
    }
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    throw e;
  }
}

async function readInfo(path: string): Promise<LockInfo | undefined> {
  try {
    const [text, st] = await Promise.all([fsp.readFile(path, 'utf8'), fsp.stat(path)]);
    const [pid, host, since] = text.split('\n');
    return {
      body: text,
      pid: Number(pid),
      host: host ?? '',
      since: Number(since),
      ageMs: Date.now() - st.mtimeMs,
    };
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}

function isStale(info: LockInfo, staleMs: number): boolean {
  if (!Number.isInteger(info.pid) || info.pid <= 0 || !info.host) {
    return info.ageMs > UNREADABLE_GRACE_MS;
  }
  if (info.host === hostname()) return !isProcessAlive(info.pid);
  return info.ageMs > staleMs;
}

/**
 * Removes an abandoned lock. Takers serialise on `<lock>.takeover` and re-read the lock under it,
 * so a lock that was replaced by a live one meanwhile is never removed.
 */
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
    const now = await fsp.readFile(lockPath, 'utf8').catch(() => undefined);
    if (now === observed) await fsp.unlink(lockPath).catch(() => {});
  } finally {
    await fsp.unlink(guard).catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Takes the lock for `target`, waiting up to the timeout for another writer to finish. */
export async function acquireLock(
  target: string,
  options: LockOptions = {},
): Promise<Result<Lock>> {
  const lockPath = `${target}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const mine = body();
  let delay = 2;
  for (;;) {
    try {
      if (await createExclusive(lockPath, mine)) {
        return ok({
          path: lockPath,
          release: async () => {
            const now = await fsp.readFile(lockPath, 'utf8').catch(() => undefined);
            if (now === mine) await fsp.unlink(lockPath).catch(() => {});
          },
        });
      }
      const info = await readInfo(lockPath);
      if (!info) continue;
      if (isStale(info, staleMs)) {
        await removeStale(lockPath, info.body);
        continue;
      }
      if (Date.now() >= deadline) {
        const since = Number.isFinite(info.since) ? new Date(info.since).toISOString() : 'unknown';
        return fail(
          'file-locked',
          `${target} is being written by another program (process ${info.pid} on ${info.host || 'unknown host'}, since ${since}).`,
          `Wait for it to finish and try again; if nothing else is writing the file, delete ${lockPath}.`,
        );
      }
    } catch (e) {
      return fail(
        'folder-unwritable',
        `Cannot create the lock file ${lockPath} (${errno(e) ?? String(e)}).`,
        'Make the folder writable for your user, then try again.',
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}
