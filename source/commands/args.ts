import {parseArgs, type ParseArgsConfig} from 'node:util';
import type {CommandContext} from './context.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const commonOptions = {
  'endpoint-url': {type: 'string'},
  region: {type: 'string'},
  'no-color': {type: 'boolean'},
  debug: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'},
} as const satisfies Options;

export type Parsed<O extends Options> = {
  values: {
    [K in keyof O]?: O[K] extends {type: 'boolean'}
      ? boolean
      : O[K] extends {multiple: true}
        ? string[]
        : string;
  };
  positionals: string[];
};

/**
 * Parses a command's flags. Bad usage prints the reason and the usage to stderr and yields undefined
 * (the caller exits 2); --help prints the usage to stdout and yields 'help' (exit 0).
 */
export function parseCommandArgs<O extends Options>(
  ctx: CommandContext,
  options: O,
  usage: string,
  positionals: {min: number; max: number},
): Parsed<O & typeof commonOptions> | 'help' | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: ctx.argv,
      options: {...commonOptions, ...options},
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    ctx.stderr.write(
      `mfa-tui: ${(error as Error).message.replace(/\. To specify.*$/s, '.')}\n${usage}\n`,
    );
    return undefined;
  }
  if ((parsed.values as Record<string, unknown>).help) {
    ctx.stdout.write(`${usage}\n`);
    return 'help';
  }
  const n = parsed.positionals.length;
  if (n < positionals.min || n > positionals.max) {
    const why =
      n < positionals.min
        ? 'missing argument'
        : `unexpected argument "${parsed.positionals[positionals.max]}"`;
    ctx.stderr.write(`mfa-tui: ${why}\n${usage}\n`);
    return undefined;
  }
  return parsed as unknown as Parsed<O & typeof commonOptions>;
}
