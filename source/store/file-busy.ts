// A file that another program holds open, said as that: on Windows an antivirus, an indexer or an
// editor can keep a file from being replaced, and waiting for it ran out.
import {fail, type AppError, type ErrorCode} from '../core/errors.js';

/** The error codes with which Windows refuses to replace a file that is open elsewhere. */
export const BUSY_CODES: ReadonlySet<string> = new Set(['EPERM', 'EBUSY', 'EACCES']);

type Busy = NodeJS.ErrnoException & {busyTries: number};

/** Marks a rename's error as the last of `tries` refused while the file was held open. */
export function markBusy(e: unknown, tries: number): unknown {
  return Object.assign(e as object, {busyTries: tries});
}

/** The refusal for a file still held open after the rename's tries; undefined for any other error. */
export function fileBusy(
  code: ErrorCode,
  file: string,
  e: unknown,
): {ok: false; error: AppError} | undefined {
  const tries = (e as Partial<Busy> | undefined)?.busyTries;
  if (tries === undefined) return undefined;
  return fail(
    code,
    `Cannot replace ${file}: another program holds it open (${(e as Busy).code ?? 'busy'}, ${tries} tries); it was not changed.`,
    'Close the program that has it open (an editor, or wait for an antivirus scan to end), then try again.',
  );
}
