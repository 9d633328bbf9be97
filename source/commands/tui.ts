// `mfa-tui` with no command: the full-screen UI on a terminal, the `list` output otherwise. The UI
// and its edge (tui-app.ts) load only now.
import {command} from './args.js';
import type {CommandContext, ExitCode} from './context.js';
import {commands} from './index.js';

const usage = `Usage: mfa-tui [--endpoint-url URL] [--region R] [--no-color]

Opens the full-screen UI: every profile with its expiry, renewal with an MFA code (Enter or r),
which identity each AWS client would use (p), all keys (?). When stdout is not a terminal, prints
the \`list\` output instead.`;

const open = command('tui', usage, {max: 0}, async (ctx, {values: v}) =>
  (await import('./tui-app.js')).openTui(ctx, {endpointUrl: v['endpoint-url'], region: v.region}),
);

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const interactive =
    (ctx.stdout as NodeJS.WriteStream).isTTY === true &&
    (ctx.stdin as NodeJS.ReadStream).isTTY === true;
  if (interactive) return open(ctx);
  // Through the command table: no command imports another.
  return (await commands.list!.load()).run(ctx);
}
