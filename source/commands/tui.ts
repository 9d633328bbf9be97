// `mfa-tui` with no command: the full-screen UI on a terminal, the `list` output otherwise. The UI
// and its edge (tui-app.ts) load only now.
import {parseCommandArgs} from './args.js';
import {exit, type CommandContext, type ExitCode} from './context.js';
import type {TuiOptions} from './tui-app.js';

const usage = `Usage: mfa-tui [--endpoint-url URL] [--region R] [--no-color]

Opens the full-screen UI: every profile with its expiry, renewal with an MFA code (Enter or r),
which identity each AWS client would use (p), all keys (?). When stdout is not a terminal, prints
the \`list\` output instead.`;

/** Opens the TUI on the context's terminal; `mfa-tui demo` passes its banner here. */
export async function openTui(ctx: CommandContext, options: TuiOptions = {}): Promise<ExitCode> {
  const app = await import('./tui-app.js');
  return app.openTui(ctx, options);
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const interactive =
    (ctx.stdout as NodeJS.WriteStream).isTTY === true &&
    (ctx.stdin as NodeJS.ReadStream).isTTY === true;
  if (!interactive) {
    const list = await import('./list.js');
    return list.run(ctx);
  }
  const args = parseCommandArgs(ctx, {}, usage, {min: 0, max: 0});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  return openTui(ctx, {endpointUrl: args.values['endpoint-url'], region: args.values.region});
}
