// A remedy in the renew panel's words: its Duration field stands for --duration; what only the
// command line can do (another target, taking one over) is given as the command to run.
import type {AppError, Remedy, Result} from '../core/errors.js';

const shell = (flags: string) => `\`mfa-tui renew SOURCE ${flags}\``;

function remedyText(r: Remedy): string {
  switch (r.flag) {
    case '--duration': {
      const example = r.example ? ` (for example ${r.example})` : '';
      const root = r.rootMax ? ` (${r.rootMax} at most for the root user)` : '';
      return `Type a duration between ${r.min} and ${r.max} s${example}${root}${r.or ? `, or ${r.or}` : ''}.`;
    }
    case '--target': {
      const force = r.force ? `, or take it over (${shell('--force')})` : '';
      return `From a shell, renew into another target (${shell(`--target ${r.suggested ?? 'NAME'}`)})${force}${r.or ? `, or ${r.or}` : ''}.`;
    }
    case '--target-name':
      return `${r.before ? `${r.before} ` : ''}Renew into a target every client reads (from a shell: ${shell('--target NAME')}, a name of letters, digits, - _ .), or fix the file by hand.`;
  }
}

/** The error with its next step in the panel's words (unchanged when it names no flag). */
export function inThePanel(error: AppError): AppError;
/** A result whose error, if any, says its next step in the panel's words. */
export function inThePanel<T>(result: Result<T>): Result<T>;
export function inThePanel<T>(x: AppError | Result<T>): AppError | Result<T> {
  if ('ok' in x) return x.ok ? x : {ok: false, error: inThePanel(x.error)};
  return x.remedy ? {...x, fix: remedyText(x.remedy)} : x;
}
