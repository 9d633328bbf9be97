// A failed write said as what happened: a full disk names its disk (not "make the folder
// writable"), a file another program holds open says so, any other error gives its reason.
import path from 'node:path';
import {fail, type AppError, type ErrorCode} from '../core/errors.js';
import {errno} from './aws-files.js';

type Refusal = {ok: false; error: AppError};

/** The refusal for a full disk or a used-up quota while writing `file`; undefined for any other error. */
export function diskFull(file: string, e: unknown): Refusal | undefined {
  const c = errno(e ?? {});
  if (c !== 'ENOSPC' && c !== 'EDQUOT') return undefined;
  const folder = path.dirname(path.resolve(file));
  const what =
    c === 'ENOSPC' ? 'no space is left on the disk' : 'the disk quota is used up on the disk';
  return fail(
    'disk-full',
    `Cannot write ${file}: ${what} that holds ${folder}.`,
    `Free some space there (df -h ${folder}), then try again.`,
  );
}

/** The refusal for a file held open through renameRetrying's tries; undefined for another error. */
export function fileBusy(code: ErrorCode, file: string, e: unknown): Refusal | undefined {
  const tries = (e as {busyTries?: number} | undefined)?.busyTries;
  if (tries === undefined) return undefined;
  return fail(
    code,
    `Cannot replace ${file}: another program holds it open (${errno(e) ?? 'busy'}, ${tries} tries); it was not changed.`,
    'Close the program that has it open (an editor, or wait for an antivirus scan to end), then try again.',
  );
}

// ENOSPC and EDQUOT are diskFull's.
const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
};

/** A failed write in words: a full disk names the folder whose disk it is, any other the reason. */
export function ioError(code: ErrorCode, file: string, e: unknown, fix: string): Refusal {
  const c = errno(e);
  return (
    diskFull(file, e) ??
    fileBusy(code, file, e) ??
    fail(code, `Cannot write ${file}: ${(c && reasons[c]) ?? c ?? String(e)}.`, fix)
  );
}
