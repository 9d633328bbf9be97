// Reading ~/.aws/credentials and ~/.aws/config from disk: bytes, text, and which version was read.
// Writing them is aws-edit.ts; the model of both is aws-state.ts.
import {isAscii, isUtf8} from 'node:buffer';
import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  statSync,
  type Stats,
} from 'node:fs';
import {fail, ok, type Result} from '../core/errors.js';

/** The code of a Node.js system error (ENOENT, EACCES, …). */
export const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** The text of a file's bytes, or an error naming the first line that is not UTF-8. */
export function decode(bytes: Uint8Array, file: string): Result<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Nearly every AWS file is ASCII, whose Latin-1 reading is the same text as its UTF-8 one and
  // a plain copy (no decoding): measurably quicker on a file of thousands of profiles.
  if (isAscii(bytes)) return ok(buffer.toString('latin1'));
  if (!isUtf8(bytes)) {
    // No byte of a multi-byte character is a newline: the file is valid exactly when each line is.
    let line = 1;
    for (let at = 0, end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, at), line++) {
      if (!isUtf8(bytes.subarray(at, end))) break;
      at = end + 1;
    }
    return fail(
      'file-not-utf8',
      `${file}:${line}: this line is not valid UTF-8 text.`,
      'Save the file as UTF-8, as every AWS tool expects; mfa-tui will not rewrite it.',
    );
  }
  return ok(buffer.toString('utf8'));
}

/** A file's bytes and what a write must keep of it. */
export type Current = {bytes: Uint8Array; exists: boolean; mode: number; uid: number; gid: number};

/** Where a symbolic link at `file` points when nothing is there (a dangling link), else undefined. */
function danglingTarget(file: string): string | undefined {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Which version of a file was read: device, inode, size, modification and change times ('' for a
 * missing file). A file replaced by rename gets a new inode; one written in place new times (the
 * change time too, which no program can set back as `cp -p` or `touch -d` do the mtime).
 */
export const stampOf = (st: Stats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** A version of a file as read: its stamp, its text and the clock (ms) just before the read. */
export type ReadVersion = {stamp: string; text: string; readAt: number};

/**
 * Kernels stamp files with a coarse clock: a tick of 1–10 ms (file systems without Linux 6.13's
 * fine-grained stamps), a whole second on some. Two writes in one tick can carry the same stamp,
 * so a file whose change time lies within this much of a read is compared by its bytes. It assumes
 * the file system's clock is ours within that margin (a network share's may not be).
 */
export const racyStampMs = 2000;

/**
 * Whether `file` differs from the version read: by its stamp, or by its text when the stamp is
 * too recent to tell.
 */
export function changedSince(file: string, version: ReadVersion): boolean {
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return version.stamp !== '';
  }
  if (stampOf(st) !== version.stamp) return true;
  if (st.ctimeMs < version.readAt - racyStampMs) return false;
  try {
    const text = decode(readFileSync(file), file);
    return !text.ok || text.value !== version.text;
  } catch {
    return true;
  }
}

/** Reads a file's bytes and what a write must keep of it (mode, owner), without the thread pool. */
export function readCurrent(file: string): Current & {stamp: string; danglingLink?: string} {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') {
      const none = {bytes: new Uint8Array(), exists: false, mode: 0o600, uid: -1, gid: -1};
      const link = danglingTarget(file);
      return {...none, stamp: '', ...(link !== undefined ? {danglingLink: link} : {})};
    }
    throw e;
  }
  try {
    const st = fstatSync(fd);
    const bytes = readFileSync(fd);
    return {
      bytes,
      exists: true,
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
      stamp: stampOf(st),
    };
  } finally {
    closeSync(fd);
  }
}

/** One AWS file's text as read from disk: a missing file reads as empty with `exists: false`. */
export type AwsText = {
  path: string;
  text: string;
  exists: boolean;
  /** The permission bits; undefined for a missing file, and on Windows. */
  mode: number | undefined;
  /** The version read (see stampOf): changedSince tells whether the file changed since. */
  stamp: string;
  /** Where the symbolic link at the path points, when it leads nowhere (then `exists` is false). */
  danglingLink?: string;
};

/**
 * Reads and decodes one AWS file, refusing one that is not UTF-8 (naming the line). Its mode is
 * left out on Windows, whose files have ACLs and report 0666 when writable: nothing can judge it.
 */
export async function readAwsText(
  file: string,
  platform: NodeJS.Platform = process.platform,
): Promise<Result<AwsText>> {
  let current: ReturnType<typeof readCurrent>;
  try {
    current = readCurrent(file);
  } catch (e) {
    return fail(
      'file-unreadable',
      `Cannot read ${file}: ${errno(e) === 'EACCES' ? 'permission denied' : (errno(e) ?? String(e))}.`,
      `Check that ${file} is a file your user can read.`,
    );
  }
  const text = decode(current.bytes, file);
  if (!text.ok) return text;
  return ok({
    path: file,
    text: text.value,
    exists: current.exists,
    mode: current.exists && platform !== 'win32' ? current.mode & 0o777 : undefined,
    stamp: current.stamp,
    ...(current.danglingLink !== undefined ? {danglingLink: current.danglingLink} : {}),
  });
}
