import type {CommandContext, ExitCode} from './context.js';

export async function run(ctx: CommandContext): Promise<ExitCode> {
  ctx.stderr.write('mfa-tui: list is not built yet\n');
  return 1;
}
