import type {AppError} from '../core/errors.js';
import {formatError} from '../core/errors.js';

/** What a command may touch: its streams and environment, passed in so tests and the TUI can drive it. */
export type CommandContext = {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin: NodeJS.ReadStream | NodeJS.ReadableStream;
  /** Current time; injected so expiry logic never reads the clock itself. */
  now: () => Date;
};

export type ExitCode = number;

/** Exit codes shared by every command (SPEC: 0 success, 1 failure, 2 bad usage). */
export const exit = {ok: 0, failure: 1, usage: 2} as const;

export class UsageError extends Error {}

export function printError(ctx: CommandContext, error: AppError): void {
  ctx.stderr.write(`mfa-tui: ${formatError(error)}\n`);
}
