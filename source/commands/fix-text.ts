// A remedy in the command line's words: the flag to pass.
import type {AppError, Remedy} from '../core/errors.js';

function remedyText(r: Remedy): string {
  switch (r.flag) {
    case '--duration': {
      const example = r.example ? ` (for example --duration ${r.example})` : '';
      const root = r.rootMax ? ` (${r.rootMax} at most for the root user)` : '';
      return `Pass --duration between ${r.min} and ${r.max}${example}${root}${r.or ? `, or ${r.or}` : ''}.`;
    }
    case '--target': {
      const example = r.suggested ? `, for example --target ${r.suggested}` : '';
      const force = r.force ? ', or --force to take it over' : '';
      return `Pass another --target${example}${force}${r.or ? `, or ${r.or}` : ''}.`;
    }
    case '--target-name':
      return `${r.before ? `${r.before} ` : ''}Renew into a target every client reads (--target NAME: letters, digits, - _ .), or fix the file by hand.`;
  }
}

/** The next step as the command line says it. */
export function cliFix(error: AppError): string {
  return error.remedy ? remedyText(error.remedy) : error.fix;
}

/** The two lines every command prints for an error: cause, then next step. */
export function formatError(error: AppError): string {
  const fix = cliFix(error);
  return fix ? `${error.message}\n${fix}` : error.message;
}
