// Entry: parse the command name, run a command (no Ink loaded), or render the TUI.
import {enableCompileCache} from 'node:module';
import type {CommandContext, ExitCode} from './commands/context.js';
import {commands} from './commands/index.js';

// Node keeps the code it compiles for the next start (commands load after this line).
enableCompileCache();

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
    ...Object.entries(commands)
      .filter(([, c]) => !c.hidden)
      .map(([name, c]) => `  ${name.padEnd(20)}${c.summary}`),
    '',
    'Common options, before or after the command: --profile P (where a command takes a profile),',
    '  --endpoint-url URL, --region R, --no-color, --debug, --help, --version',
    'Run `mfa-tui COMMAND --help` or `mfa-tui help COMMAND` for a command’s own options.',
  ].join('\n');

/**
 * A reader that stops reading (`mfa-tui list --json | head`) is not an error of ours: the rest of
 * the output has nowhere to go, so the process ends quietly, as `cat` or `grep` do.
 */
function quitOnClosedReader(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}

const used = new Set<NodeJS.WriteStream>();

/** process.stdout or stderr, built on first use (a command that writes nothing never builds it). */
function standardStream(name: 'stdout' | 'stderr'): NodeJS.WriteStream {
  const stream = process[name];
  if (!used.has(stream)) {
    used.add(stream);
    stream.on('error', quitOnClosedReader);
  }
  return stream;
}

/** The standard streams as getters: stdin alone loads a socket or a TTY reader. */
const out = {
  get stdout() {
    return standardStream('stdout');
  },
  get stderr() {
    return standardStream('stderr');
  },
  get stdin() {
    return process.stdin;
  },
};

/**
 * Ends the process once a command is done and its output is with the OS, rather than waiting for
 * idle handles (an SDK connection kept alive, a TUI's stdin) to let go.
 */
async function exitNow(code: number): Promise<void> {
  process.exitCode = code;
  // The callback of a write runs once everything before it has reached the OS.
  const flushed = (stream: NodeJS.WriteStream) =>
    stream.writableLength > 0
      ? new Promise<void>((resolve) => stream.write('', () => resolve()))
      : undefined;
  await Promise.all([...used].map(flushed));
  process.exit(code);
}

/** Common flags that take a value: a word after one of them is that value, not the command. */
const valueFlags = new Set(['--endpoint-url', '--region', '--profile']);

/**
 * Where the command name is in argv (common flags may come before it, as with `aws`), or -1.
 * Words after `--` are never a command nor a flag.
 */
function commandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return -1;
    if (valueFlags.has(word)) i++;
    else if (!word.startsWith('-')) return i;
  }
  return -1;
}

/** Whether a flag appears among the words before `--`. */
function hasFlag(argv: string[], ...names: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((w) => names.includes(w));
}

function unknownCommand(name: string): ExitCode {
  out.stderr.write(
    `mfa-tui: unknown command "${name}"\nRun \`mfa-tui --help\` to see the commands.\n`,
  );
  return 2;
}

async function main(argv: string[]): Promise<ExitCode> {
  const at = commandIndex(argv);
  let name = at === -1 ? undefined : argv[at]!;
  // Every other word goes to the command: flags before the name work as after it.
  let args = at === -1 ? argv : [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (name === 'help') {
    // `mfa-tui help CMD` is `mfa-tui CMD --help`.
    name = args.find((w) => !w.startsWith('-'));
    args = ['--help'];
  }
  // NO_COLOR and --no-color beat FORCE_COLOR, for our colours and for any library that reads it.
  if (hasFlag(argv, '--no-color') || process.env.NO_COLOR) delete process.env.FORCE_COLOR;
  if (hasFlag(argv, '--version') || argv[0] === '-v') {
    out.stdout.write(`${version}\n`);
    return 0;
  }
  const help = hasFlag(args, '--help', '-h');
  if (name === undefined && help) {
    out.stdout.write(`${usage()}\n`);
    return 0;
  }
  // The streams stay getters (see `out`): copied as property descriptors, not read.
  const ctx = (args: string[], command?: string): CommandContext =>
    Object.defineProperties(
      {argv: args, command, env: process.env, now: () => new Date()},
      Object.getOwnPropertyDescriptors(out),
    ) as CommandContext;
  if (name === undefined) {
    const tui = commands['tui'];
    if (tui) return (await tui.load()).run(ctx(args));
    out.stdout.write(`${usage()}\n`);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) return unknownCommand(name);
  // --help anywhere shows the command's usage, whatever else is on the line.
  return (await command.load()).run(ctx(help ? ['--help'] : args, name));
}

/** A bug, not a user error: said plainly; the stack only with --debug (it never holds secrets we put there). */
function internalError(error: unknown): void {
  const debug = process.argv.includes('--debug');
  process.stderr.write(
    `mfa-tui: internal error: ${(error as Error)?.message ?? String(error)}\n${debug ? `${(error as Error)?.stack}\n` : 'Run again with --debug for details, and please report it.\n'}`,
  );
  process.exitCode = 1;
}

main(process.argv.slice(2)).then(exitNow).catch(internalError);
