// Entry: parse the command name, run a command (no Ink loaded), or render the TUI.
import type {CommandContext, ExitCode} from './commands/context.js';
import {commands} from './commands/index.js';

declare const MFA_TUI_VERSION: string;
const version = typeof MFA_TUI_VERSION === 'string' ? MFA_TUI_VERSION : '0.0.0-dev';

const usage = () =>
  [
    'mfa-tui — MFA-backed AWS credentials, painless and safe',
    '',
    'Usage: mfa-tui [command] [options]',
    '',
    'Without a command, opens the full-screen UI (or prints `list` when stdout is not a terminal).',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(20)}${c.summary}`),
    '',
    'Common options: --endpoint-url URL, --region R, --no-color, --debug, --help, --version',
    'Run `mfa-tui COMMAND --help` for a command’s own options.',
  ].join('\n');

// The SDK warns on every Node 20 run about its own future support; mfa-tui's users can do nothing about it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(argv: string[]): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const ctx = (args: string[]): CommandContext => ({
    argv: args,
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    now: () => new Date(),
  });
  if (first === undefined || first.startsWith('-')) {
    const tui = commands['tui'];
    if (tui) return (await tui.load()).run(ctx(argv));
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const command = commands[first];
  if (!command) {
    process.stderr.write(
      `mfa-tui: unknown command "${first}"\nRun \`mfa-tui --help\` to see the commands.\n`,
    );
    return 2;
  }
  return (await command.load()).run(ctx(rest));
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A bug, not a user error: say so plainly; the stack only with --debug (it never holds secrets we put there).
  const debug = process.argv.includes('--debug');
  process.stderr.write(
    `mfa-tui: internal error: ${(error as Error)?.message ?? String(error)}\n${debug ? `${(error as Error)?.stack}\n` : 'Run again with --debug for details, and please report it.\n'}`,
  );
  process.exitCode = 1;
}
