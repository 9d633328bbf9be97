// Reading mfa-tui's own cache files (the listing, list's text, V8's code). A cache is only ever a
// speed-up: whatever sits at its path that is not a regular file of a sane size (a pipe, which
// would block the read for ever; a link to a device) reads as no cache.
import {closeSync, constants, fstatSync, openSync, readFileSync, readSync} from 'node:fs';

/** More than any cache of ours holds (5000 profiles make ~2 MB). */
const largest = 256 * 1024 * 1024;

/** Opens `file` if it is a regular file of at most `largest` bytes; undefined otherwise. */
function openRegular(file: string): number | undefined {
  let fd: number;
  try {
    // Non-blocking: opening a pipe for reading otherwise waits for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (st.isFile() && st.size <= largest) return fd;
  } catch {
    // Treated as no cache.
  }
  closeSync(fd);
  return undefined;
}

/** The whole of a cache file; undefined when there is none (see openRegular). */
export function readCacheFile(file: string): Buffer | undefined {
  const fd = openRegular(file);
  if (fd === undefined) return undefined;
  try {
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The first line of a cache file (UTF-8), read a piece at a time so a big file is not read whole;
 * undefined when there is none, or no line break in its first `limit` bytes.
 */
export function readCacheFirstLine(file: string, limit: number): string | undefined {
  const fd = openRegular(file);
  if (fd === undefined) return undefined;
  try {
    const pieces: Buffer[] = [];
    for (let size = 0; size < limit;) {
      const piece = Buffer.allocUnsafe(64 * 1024);
      const got = readSync(fd, piece, 0, piece.length, null);
      if (got === 0) return undefined;
      const end = piece.subarray(0, got).indexOf(10);
      pieces.push(piece.subarray(0, end >= 0 ? end : got));
      size += got;
      if (end >= 0) return Buffer.concat(pieces).toString('utf8');
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
