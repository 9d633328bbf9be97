import type {AppError, Result} from '../core/errors.js';
import {formatError} from './fix-text.js';

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

export class UsageError extends Error {}

export function printError(ctx: CommandContext, error: AppError): void {
  ctx.stderr.write(`mfa-tui: ${formatError(error)}\n`);
}

/** A result's value, or undefined once its error is printed: for a command that stops on failure. */
export function valueOrReport<T>(ctx: CommandContext, result: Result<T>): T | undefined {
  if (result.ok) return result.value;
  printError(ctx, result.error);
  return undefined;
}
