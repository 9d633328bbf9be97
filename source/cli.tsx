// Entry: parse the command name, run a command (no Ink loaded), or render the TUI.
// Namespace import: on a Node without enableCompileCache a named one fails before the check below.
import * as nodeModule from 'node:module';
import type {CommandContext, ExitCode} from './commands/context.js';
import {commands} from './commands/index.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `mfa-tui needs Node.js 22.12 or newer; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(1);
}

// Node keeps the code it compiles for the next start (commands load after this line).
nodeModule.enableCompileCache();

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
    '',
  ].join('\n');

const used = new Set<NodeJS.WriteStream>();

/** process.stdout or stderr, built on first use; a reader that stops (`| head`) ends us quietly. */
function stream(name: 'stdout' | 'stderr'): NodeJS.WriteStream {
  const s = process[name];
  if (!used.has(s)) {
    used.add(s);
    s.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return s;
}

/** The context of a command; its streams are getters, and stdin alone loads a socket or a TTY reader. */
const contextOf = (argv: string[], command?: string): CommandContext => ({
  argv,
  command,
  env: process.env,
  now: () => new Date(),
  get stdout() {
    return stream('stdout');
  },
  get stderr() {
    return stream('stderr');
  },
  get stdin() {
    return process.stdin;
  },
});

/** Ends the process once the output is with the OS, not when idle handles (SDK sockets) let go. */
async function exitNow(code: number): Promise<void> {
  process.exitCode = code;
  // The callback of a write runs once everything before it has reached the OS.
  const flushed = (s: NodeJS.WriteStream) =>
    s.writableLength > 0 ? new Promise<void>((resolve) => s.write('', () => resolve())) : undefined;
  await Promise.all([...used].map(flushed));
  process.exit(code);
}

/** Common flags that take a value: a word after one of them is that value, not the command. */
const valueFlags = new Set(['--endpoint-url', '--region', '--profile']);

/** Where the command name is in argv (common flags may come before it, as with `aws`), or -1. */
function commandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    // Words after `--` are never a command nor a flag.
    if (word === '--') return -1;
    if (valueFlags.has(word)) i++;
    else if (!word.startsWith('-')) return i;
  }
  return -1;
}

function hasFlag(argv: string[], ...names: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((w) => names.includes(w));
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
  const help = hasFlag(args, '--help', '-h');
  const wantsVersion = hasFlag(argv, '--version') || argv[0] === '-v';
  if (wantsVersion || (name === undefined && help)) {
    stream('stdout').write(wantsVersion ? `${version}\n` : usage());
    return 0;
  }
  if (name !== undefined && !Object.hasOwn(commands, name)) {
    stream('stderr').write(
      `mfa-tui: unknown command "${name}"\nRun \`mfa-tui --help\` to see the commands.\n`,
    );
    return 2;
  }
  // --help anywhere shows the command's usage, whatever else is on the line.
  return (await commands[name ?? 'tui']!.load()).run(contextOf(help ? ['--help'] : args, name));
}

/** A bug, not a user error: said plainly; the stack only with --debug (it never holds secrets we put there). */
function internalError(error: unknown): void {
  const {message, stack} = error instanceof Error ? error : {message: String(error), stack: ''};
  const more = process.argv.includes('--debug')
    ? `${stack}\n`
    : 'Run again with --debug for details, and please report it.\n';
  process.stderr.write(`mfa-tui: internal error: ${message}\n${more}`);
  process.exitCode = 1;
}

main(process.argv.slice(2)).then(exitNow).catch(internalError);
