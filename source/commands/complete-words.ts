// `mfa-tui __complete profiles`: the words the completion scripts ask for on each Tab. It reads
// only the section names of the two files (no settings, no SDK, no UI).
import {profileNames} from '../app/profile-names.js';
import {exit, type CommandContext, type ExitCode} from './context.js';

export async function run(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.argv[0] !== 'profiles') return exit.usage;
  const names = await profileNames(ctx.env);
  if (names.length) ctx.stdout.write(`${names.join('\n')}\n`);
  return exit.ok;
}
