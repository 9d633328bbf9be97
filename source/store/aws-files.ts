// Reading ~/.aws/credentials and ~/.aws/config from disk: bytes, text, and which version was read.
import {isAscii, isUtf8} from 'node:buffer';
import fs, {type Stats} from 'node:fs';
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

/**
 * Which version of a file was read ('' for a missing file). A file replaced by rename gets a new
 * inode; one written in place new times (the change time too, which no program can set back).
 */
const stampOf = (st: Stats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** A version of a file as read: its stamp, its text and the clock (ms) just before the read. */
export type ReadVersion = {stamp: string; text: string; readAt: number};

/**
 * Kernels stamp files with a coarse clock (1–10 ms, a second on some): two writes in one tick can
 * carry the same stamp, so a file changed within this much of a read is compared by its bytes.
 */
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
      // A symbolic link that leads nowhere.
      return {...none, danglingLink: fs.readlinkSync(file)};
    } catch {
      return none;
    }
  }
  try {
    const st = fs.fstatSync(fd);
    const {mode, uid, gid} = st;
    return {
      bytes: fs.readFileSync(fd),
      exists: true,
      mode: mode & 0o7777,
      uid,
      gid,
      stamp: stampOf(st),
    };
  } finally {
    fs.closeSync(fd);
  }
}

/** One AWS file's text as read from disk: a missing file reads as empty with `exists: false`. */
export type AwsText = {
  path: string;
  text: string;
  exists: boolean;
  /** The permission bits; undefined for a missing file, and on Windows. */
  mode?: number;
  /** The version read (see stampOf): changedSince tells whether the file changed since. */
  stamp: string;
  /** Where the symbolic link at the path points, when it leads nowhere (then `exists` is false). */
  danglingLink?: string;
};

/**
 * Reads and decodes one AWS file, refusing one that is not UTF-8 (naming the line). Windows' files
 * have ACLs and report 0666 when writable: their mode judges nothing and is left out.
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
