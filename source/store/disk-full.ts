// A write that failed for want of space, said as that: which disk (by a folder on it), not "make
// the folder writable".
import path from 'node:path';
import {fail, type AppError} from '../core/errors.js';

/** The refusal for a full disk or a used-up quota while writing `file`; undefined for any other error. */
export function diskFull(file: string, e: unknown): {ok: false; error: AppError} | undefined {
  const c = (e as NodeJS.ErrnoException | undefined)?.code;
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
