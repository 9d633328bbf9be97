// Reading ~/.aws/credentials and ~/.aws/config from disk: bytes, text, and which version was read.
import {isAscii, isUtf8} from 'node:buffer';
import fs, {type Stats} from 'node:fs';
import {fail, ok, type Result} from '../core/errors.js';

/** The code of a Node.js system error (ENOENT, EACCES, …). */
export const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** The text of a file's bytes, or an error naming the first line that is not UTF-8. */
export function decode(bytes: Uint8Array, file: string): Result<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Nearly every AWS file is ASCII, whose Latin-1 reading is the same text and a plain copy.
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

/** Which version of a file was read: a rename gives a new inode, a write new times (ctime too). */
const stampOf = (st: Stats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** A version of a file as read: its stamp, its text and the clock (ms) just before the read. */
export type ReadVersion = {stamp: string; text: string; readAt: number};

/** Kernels stamp files with a coarse clock: a file changed this near a read is compared by text. */
const racyStampMs = 2000;

/** Whether `file` differs from the version read: by its stamp, or its text if the stamp is recent. */
export function changedSince(file: string, version: ReadVersion): boolean {
  let st: Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return version.stamp !== '';
  }
  if (stampOf(st) !== version.stamp) return true;
  if (st.ctimeMs < version.readAt - racyStampMs) return false;
  try {
    const text = decode(fs.readFileSync(file), file);
    return !text.ok || text.value !== version.text;
  } catch {
    return true;
  }
}

/** Reads a file's bytes and what a write must keep of it (mode, owner), without the thread pool. */
export function readCurrent(file: string): Current & {stamp: string; danglingLink?: string} {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if (errno(e) !== 'ENOENT' && errno(e) !== 'ENOTDIR') throw e;
    const none = {bytes: new Uint8Array(), exists: false, mode: 0o600, uid: -1, gid: -1, stamp: ''};
    try {
      return {...none, danglingLink: fs.readlinkSync(file)}; // a link that leads nowhere
    } catch {
      return none;
    }
  }
  try {
    const st = fs.fstatSync(fd);
    const {uid, gid} = st;
    const stamp = stampOf(st);
    return {bytes: fs.readFileSync(fd), exists: true, mode: st.mode & 0o7777, uid, gid, stamp};
  } finally {
    fs.closeSync(fd);
  }
}

/** One AWS file's text as read; `stamp` tells changedSince which version it was. */
export type AwsText = {
  path: string;
  text: string;
  exists: boolean;
  mode?: number;
  stamp: string;
  danglingLink?: string;
};

/**
 * Reads and decodes one AWS file (a missing one is empty), refusing one that is not UTF-8. Its mode
 * is left out on Windows, whose files have ACLs and report 0666 when writable.
 */
export async function readAwsText(
  file: string,
  platform = process.platform,
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
  const {exists, mode, stamp, danglingLink} = current;
  const bits = exists && platform !== 'win32' ? mode & 0o777 : undefined;
  return ok({path: file, text: text.value, exists, mode: bits, stamp, danglingLink});
}
