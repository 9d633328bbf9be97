import {parseArgs, type ParseArgsConfig} from 'node:util';
import {exit, type CommandContext, type ExitCode} from './context.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const commonOptions = {
  'endpoint-url': {type: 'string'},
  region: {type: 'string'},
  'no-color': {type: 'boolean'},
  debug: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'},
} as const satisfies Options;

/** The flag of every command that acts on one profile (`--profile P`, as the AWS CLI spells it). */
export const profileOption = {profile: {type: 'string'}} as const satisfies Options;

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
 * A usage error as the AWS CLI and most Node CLIs show it: what is wrong, then where the usage is.
 * Returns the exit code (2) for the caller to return.
 */
export function usageError(ctx: CommandContext, why: string): ExitCode {
  const help = ctx.command ? `mfa-tui ${ctx.command} --help` : 'mfa-tui --help';
  ctx.stderr.write(`mfa-tui: ${why}\nRun \`${help}\` for usage.\n`);
  return exit.usage;
}

/**
 * Parses a command's flags. Bad usage prints the reason and a pointer to --help on stderr and
 * yields undefined (the caller exits 2); --help prints the usage to stdout and yields 'help' (exit 0).
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
    usageError(ctx, (error as Error).message.replace(/\. To specify.*$/s, '.'));
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
    usageError(ctx, why);
    return undefined;
  }
  return parsed as unknown as Parsed<O & typeof commonOptions>;
}

/** The profile the AWS CLI would use with no --profile: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then default. */
export function awsCliProfile(env: NodeJS.ProcessEnv): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/**
 * The profiles a command acts on: its positionals and --profile; with neither, the one the AWS
 * CLI would use. `fallback: false` leaves the list empty instead (a command whose default is all).
 */
export function profilesOf(
  ctx: CommandContext,
  args: {values: {profile?: string}; positionals: string[]},
  fallback = true,
): string[] {
  const given = [...args.positionals];
  const flag = args.values.profile;
  if (flag !== undefined && !given.includes(flag)) given.push(flag);
  if (given.length === 0 && fallback) given.push(awsCliProfile(ctx.env));
  return given;
}
