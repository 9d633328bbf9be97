// Crash-safe replacement of a file: a temporary file beside it, fsync, rename, fsync the folder.
// A kill at any instant leaves the old file or the new one, never a mix or an empty file.
import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {chmod, mkdir, open, readdir, rename, unlink} from 'node:fs/promises';
import path from 'node:path';

const TEMP_SUFFIX = '.mfa-tui.tmp';

/** Whether a process with this pid exists on this machine. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Owner = {mode: number; uid?: number; gid?: number};

/**
 * Writes a private file beside `target`, named so removeAbandonedTemps can find its writer's pid;
 * with `owner`, owned and synced. Returns its path; leaves nothing on a failure.
 */
export async function writeTemp(
  target: string,
  data: string | Uint8Array,
  owner?: Owner,
): Promise<string> {
  const name = `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const tmp = path.join(path.dirname(target), `${name}${TEMP_SUFFIX}`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    // Local file systems refuse a block they lack at write(); network ones may wait for close().
    await handle.writeFile(data);
    if (owner) {
      if (owner.uid !== undefined && owner.gid !== undefined)
        await handle.chown(owner.uid, owner.gid);
      await handle.chmod(owner.mode);
      await handle.sync();
    }
    await handle.close();
    return tmp;
  } catch (e) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

/** Flushes a folder's entries to disk (some file systems cannot; then this does nothing). */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => {});
  await handle?.close().catch(() => {});
}

/** Replaces `target` with `data` atomically, with the given mode and owner; throws Node errors. */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  owner: Owner,
  replace: RenameOptions = {},
): Promise<void> {
  const tmp = await writeTemp(target, data, owner);
  try {
    await renameRetrying(tmp, target, replace);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await syncFolder(path.dirname(target));
}

/**
 * Writes a file of secrets or settings atomically, mode 0600, in a folder created 0700. Only a
 * folder of secrets must take that mode: settings are saved where modes cannot be set (vfat).
 */
export async function writePrivate(
  file: string,
  data: string,
  {secret = true}: {secret?: boolean} = {},
): Promise<void> {
  const folder = path.dirname(file);
  if (!existsSync(folder)) {
    await mkdir(folder, {recursive: true, mode: 0o700});
    // mkdir's mode is cut by the umask: a folder of secrets is made sure of.
    if (secret) await chmod(folder, 0o700);
  }
  await writeFileAtomic(file, data, {mode: 0o600});
}

type RenameOptions = {
  platform?: NodeJS.Platform;
  rename?: (from: string, to: string) => Promise<void>;
  /** The pauses between tries, in ms: one more try than pauses. */
  pausesMs?: readonly number[];
};

/** The error codes with which Windows refuses to replace a file that is open elsewhere. */
const BUSY_CODES: ReadonlySet<string> = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Long enough in all for a virus scan of a small file to end, short for a person waiting. */
export const RENAME_PAUSES_MS: readonly number[] = [50, 100, 200, 300, 400];

/**
 * Renames `from` over `to`. On Windows a file another program (an antivirus, an indexer, an editor)
 * holds open refuses it for a moment: try again, then throw the last error marked busy. Elsewhere
 * those codes mean a permission that waiting does not change.
 */
export async function renameRetrying(
  from: string,
  to: string,
  {
    platform = process.platform,
    rename: move = rename,
    pausesMs = RENAME_PAUSES_MS,
  }: RenameOptions = {},
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await move(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (platform !== 'win32' || !code || !BUSY_CODES.has(code)) throw e;
      // fileBusy (write-errors) words an error marked so.
      if (attempt >= pausesMs.length) throw Object.assign(e as object, {busyTries: attempt + 1});
      await new Promise((resolve) => setTimeout(resolve, pausesMs[attempt]));
    }
  }
}

/**
 * Proves, without changing it, that `target` can be replaced now: a file of `bytes` bytes is made
 * and removed beside it (a full disk or a read-only mount fails), and the file opened for writing.
 */
export async function proveWritable(target: string, bytes: number): Promise<void> {
  const tmp = await writeTemp(target, Buffer.alloc(bytes, 0x20));
  await unlink(tmp).catch(() => {});
  const existing = await open(target, 'r+').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  await existing?.close();
}

/** Deletes temporary files that writers (and lockers) of `target` killed mid-write left behind. */
export async function removeAbandonedTemps(target: string): Promise<void> {
  const folder = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const names = await readdir(folder).catch(() => []);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    // `.<base>.[lock.[takeover.]]<pid>.<random>.mfa-tui.tmp`
    const parts = name.slice(prefix.length, -TEMP_SUFFIX.length).split('.');
    const pid = Number(parts[parts.length - 2]);
    if (Number.isInteger(pid) && pid !== process.pid && !isProcessAlive(pid)) {
      await unlink(path.join(folder, name)).catch(() => {});
    }
  }
}
