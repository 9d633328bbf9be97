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

const streamsUsed = {stdout: false, stderr: false};

/**
 * The standard streams, for the entry's own messages and every command's context. Node builds
 * them on first use (stdin alone loads a socket or a TTY reader): only what touches one pays for
 * it, and a written one is flushed before exit.
 */
const out = {
  get stdout() {
    streamsUsed.stdout = true;
    return process.stdout;
  },
  get stderr() {
    streamsUsed.stderr = true;
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
};

/**
 * Ends the process as soon as a command is done and its output is with the OS. Left to itself,
 * Node waits for idle handles (an SDK socket kept alive) and then tears the whole heap down, which
 * after reading thousands of profiles takes longer than the work did. Output still queued (a big
 * write to a pipe) is flushed first.
 */
async function exitNow(code: number): Promise<void> {
  process.exitCode = code;
  const flushed = (used: boolean, stream: NodeJS.WriteStream) =>
    used && stream.writableLength > 0
      ? // The callback of a write runs once everything before it has reached the OS.
        new Promise<void>((resolve) => stream.write('', () => resolve()))
      : undefined;
  await Promise.all([
    flushed(streamsUsed.stdout, process.stdout),
    flushed(streamsUsed.stderr, process.stderr),
  ]);
  process.exit(code);
}

async function main(argv: string[]): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    out.stdout.write(`${version}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    out.stdout.write(`${usage()}\n`);
    return 0;
  }
  // The streams stay getters (see `out`): copied as property descriptors, not read.
  const ctx = (args: string[]): CommandContext =>
    Object.defineProperties(
      {argv: args, env: process.env, now: () => new Date()},
      Object.getOwnPropertyDescriptors(out),
    ) as CommandContext;
  if (first === undefined || first.startsWith('-')) {
    const tui = commands['tui'];
    if (tui) return (await tui.load()).run(ctx(argv));
    out.stdout.write(`${usage()}\n`);
    return 0;
  }
  const command = commands[first];
  if (!command) {
    out.stderr.write(
      `mfa-tui: unknown command "${first}"\nRun \`mfa-tui --help\` to see the commands.\n`,
    );
    return 2;
  }
  return (await command.load()).run(ctx(rest));
}

try {
  await exitNow(await main(process.argv.slice(2)));
} catch (error) {
  // A bug, not a user error: say so plainly; the stack only with --debug (it never holds secrets we put there).
  const debug = process.argv.includes('--debug');
  process.stderr.write(
    `mfa-tui: internal error: ${(error as Error)?.message ?? String(error)}\n${debug ? `${(error as Error)?.stack}\n` : 'Run again with --debug for details, and please report it.\n'}`,
  );
  process.exitCode = 1;
}
