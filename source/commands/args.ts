import {parseDuration} from '../core/durations.js';
import {awsCliProfile} from '../core/precedence/profile-choice.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';
import {flagsOf, type commandFlags} from './index.js';

// node:util through getBuiltinModule, not an import: its ES module face reads every export, which
// loads worker_threads, the diff colours and more that no command needs.
const {parseArgs} = process.getBuiltinModule('node:util');

/** Flags every command accepts, spelt as in the command table. */
export const commonFlags = 'endpoint-url= region= no-color debug help';

type Words<S extends string> = S extends `${infer W} ${infer Rest}` ? W | Words<Rest> : S;
/** Parsed flag values: `name=` gives a string, `name` a boolean. */
type Values<S extends string> = {
  [W in Words<S> as W extends `${infer N}=` ? N : W]?: W extends `${string}=` ? string : boolean;
};
type Flags = typeof commandFlags;
type FlagsOf<N extends string> = N extends keyof Flags ? Flags[N] : '';
type Args<N extends string> = {
  values: Values<`${FlagsOf<N>} ${typeof commonFlags}`>;
  positionals: string[];
};

/** A usage error as the AWS CLI shows it: what is wrong, then where the usage is (exit 2). */
export function usageError(ctx: CommandContext, why: string): ExitCode {
  const help = ctx.command ? `mfa-tui ${ctx.command} --help` : 'mfa-tui --help';
  ctx.stderr.write(`mfa-tui: ${why}\nRun \`${help}\` for usage.\n`);
  return exit.usage;
}

/** A command's run: flags parsed, then `body`; --help prints its usage (0), bad usage why (2). */
export function command<N extends string>(
  name: N,
  usage: string,
  positionals: {min?: number; max: number},
  body: (ctx: CommandContext, args: Args<N>) => Promise<ExitCode>,
): (ctx: CommandContext) => Promise<ExitCode> {
  const words = [...flagsOf(name), ...commonFlags.split(' ')];
  const options = Object.fromEntries(
    words.map((w) => [w.replace(/=$/, ''), {type: w.endsWith('=') ? 'string' : 'boolean'}]),
  ) as Record<string, {type: 'string' | 'boolean'; short?: string}>;
  options.help!.short = 'h';
  return async (ctx) => {
    let parsed;
    try {
      parsed = parseArgs({args: ctx.argv, options, allowPositionals: true, strict: true});
    } catch (error) {
      return usageError(ctx, (error as Error).message.replace(/\. To specify.*$/s, '.'));
    }
    if (parsed.values.help) {
      ctx.stdout.write(`${usage}\n`);
      return exit.ok;
    }
    const n = parsed.positionals.length;
    if (n < (positionals.min ?? 0)) return usageError(ctx, 'missing argument');
    if (n > positionals.max) {
      return usageError(ctx, `unexpected argument "${parsed.positionals[positionals.max]}"`);
    }
    return body(ctx, parsed as Args<N>);
  };
}

/**
 * The profiles a command acts on: its positionals and --profile; with neither, the one the AWS CLI
 * would use, or none with `fallback: false` (a command whose default is all).
 */
export function profilesOf(
  ctx: CommandContext,
  args: {values: {profile?: string}; positionals: string[]},
  fallback = true,
): string[] {
  const given = [...args.positionals];
  const flag = args.values.profile;
  if (flag !== undefined && !given.includes(flag)) given.push(flag);
  if (given.length === 0 && fallback) given.push(awsCliProfile(ctx.env).name);
  return given;
}

/** The one profile of a command that takes one, or undefined once the usage error is printed. */
export function oneProfile(ctx: CommandContext, args: Parameters<typeof profilesOf>[1]) {
  const profiles = profilesOf(ctx, args);
  if (profiles.length === 1) return profiles[0]!;
  usageError(ctx, 'give one profile, as PROFILE or --profile P');
  return undefined;
}

/** A duration flag (seconds or 1h30m) in seconds, or undefined once its error is printed (exit 2). */
export function durationFlag(ctx: CommandContext, text: string): number | undefined {
  const parsed = parseDuration(text);
  if (parsed.ok) return parsed.value;
  printError(ctx, parsed.error, exit.usage);
  return undefined;
}

/** The debug log of --debug: one line each on stderr. */
export function debugLog(ctx: CommandContext, on: boolean | undefined) {
  return on ? (line: string) => void ctx.stderr.write(`debug: ${line}\n`) : undefined;
}
