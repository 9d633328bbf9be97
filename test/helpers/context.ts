import {PassThrough} from 'node:stream';
import type {CommandContext} from '../../source/commands/context.js';

/** A command context for calling a command or the TUI's ports in-process: silent streams, no terminal. */
export const testContext = (
  env: NodeJS.ProcessEnv,
  overrides: Partial<CommandContext> = {},
): CommandContext => ({
  argv: [],
  env,
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  stdin: new PassThrough(),
  now: () => new Date(),
  ...overrides,
});
