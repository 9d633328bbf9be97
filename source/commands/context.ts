import type {AppError, Remedy} from '../core/errors.js';

/** What a command may touch: its streams and environment, passed in so tests and the TUI can drive it. */
export type CommandContext = {
  argv: string[];
  /** The command's name as typed (for the pointer to `mfa-tui CMD --help`); none for the TUI. */
  command?: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  /** Current time; injected so expiry logic never reads the clock itself. */
  now: () => Date;
};

export type ExitCode = number;

/** Exit codes shared by every command: 0 success, 1 failure, 2 bad usage, 130 Ctrl-C (as a shell's). */
export const exit = {ok: 0, failure: 1, usage: 2, interrupted: 130} as const;

/** A failed renewal's or rotation's exit: no code or a session length out of range is bad usage. */
export function failureExit(error: AppError): ExitCode {
  if (error.code === 'code-missing' || error.code === 'duration-out-of-range') return exit.usage;
  return error.code === 'code-interrupted' ? exit.interrupted : exit.failure;
}

/** A remedy in the command line's words: the flag to pass. */
function remedyText(r: Remedy): string {
  const or = 'or' in r && r.or ? `, or ${r.or}` : '';
  switch (r.flag) {
    case '--duration': {
      const example = r.example ? ` (for example --duration ${r.example})` : '';
      const root = r.rootMax ? ` (${r.rootMax} at most for the root user)` : '';
      return `Pass --duration between ${r.min} and ${r.max}${example}${root}${or}.`;
    }
    case '--target': {
      const example = r.suggested ? `, for example --target ${r.suggested}` : '';
      return `Pass another --target${example}${r.force ? ', or --force to take it over' : ''}${or}.`;
    }
    case '--target-name':
      return `${r.before ? `${r.before} ` : ''}Renew into a target every client reads (--target NAME: letters, digits, - _ .), or fix the file by hand.`;
  }
}

/** Prints an error's two lines, cause then next step; returns `code` for the caller to return. */
export function printError(
  ctx: CommandContext,
  error: AppError,
  code: ExitCode = exit.failure,
): ExitCode {
  const fix = error.remedy ? remedyText(error.remedy) : error.fix;
  ctx.stderr.write(`mfa-tui: ${error.message}\n${fix ? `${fix}\n` : ''}`);
  return code;
}

export const warn = (ctx: CommandContext, text: string) =>
  void ctx.stderr.write(`mfa-tui: warning: ${text}\n`);
