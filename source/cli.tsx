// Entry: parse the command name, run a command (no Ink loaded), or render the TUI.
import {fstatSync, writeSync} from 'node:fs';
import type {CommandContext, ExitCode} from './commands/context.js';
import {commands} from './commands/index.js';
import {interpretWhileReading} from './commands/jit.js';

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

/**
 * A reader that stops reading (`mfa-tui list --json | head`) is not an error of ours: the rest of
 * the output has nowhere to go, so the process ends quietly, as `cat` or `grep` do.
 */
function quitOnClosedReader(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}

/** Whether file descriptor 1 or 2 is a pipe or a file (not a terminal, socket or the like). */
function isPipeOrFile(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isFile();
  } catch {
    return false;
  }
}

/**
 * stdout or stderr when it is a pipe or a file: written straight to the descriptor. Node's own
 * stream for a pipe is a socket, and loading `net` and the stream machinery costs ~8 ms, more than
 * `list` spends on a small file. Each write is complete when write() returns. A descriptor left
 * non-blocking by whoever opened it is waited for, not dropped.
 */
function descriptorWriter(fd: number): NodeJS.WritableStream {
  const wait = new Int32Array(new SharedArrayBuffer(4));
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let at = 0; at < bytes.length;) {
      try {
        at += writeSync(fd, bytes, at);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') Atomics.wait(wait, 0, 0, 2);
        else quitOnClosedReader(error as NodeJS.ErrnoException);
      }
    }
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  return {write, fd, isTTY: false} as unknown as NodeJS.WritableStream;
}

const streams: {stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream} = {};

/** The stream for fd 1 or 2: Node's own on a terminal, a direct writer on a pipe or file. */
function standardStream(name: 'stdout' | 'stderr', fd: number): NodeJS.WritableStream {
  let stream = streams[name];
  if (stream) return stream;
  if (isPipeOrFile(fd)) {
    stream = descriptorWriter(fd);
  } else {
    stream = process[name];
    stream.on('error', quitOnClosedReader);
  }
  streams[name] = stream;
  return stream;
}

/**
 * The standard streams, for the entry's own messages and every command's context. They are
 * built on first use (stdin alone loads a socket or a TTY reader): only what touches one pays for
 * it, and a written one is flushed before exit.
 */
const out = {
  get stdout() {
    return standardStream('stdout', 1);
  },
  get stderr() {
    return standardStream('stderr', 2);
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
  // Only a stream a command used: reading process.stdout would build it just to find it empty.
  const flushed = (stream: NodeJS.WritableStream | undefined) =>
    stream && ((stream as NodeJS.WriteStream).writableLength ?? 0) > 0
      ? // The callback of a write runs once everything before it has reached the OS.
        new Promise<void>((resolve) => stream.write('', () => resolve()))
      : undefined;
  await Promise.all([flushed(streams.stdout), flushed(streams.stderr)]);
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
  if (command.brief) interpretWhileReading(process.env, {brief: true});
  return (await command.load()).run(ctx(rest));
}

/** A bug, not a user error: said plainly; the stack only with --debug (it never holds secrets we put there). */
function internalError(error: unknown): void {
  const debug = process.argv.includes('--debug');
  process.stderr.write(
    `mfa-tui: internal error: ${(error as Error)?.message ?? String(error)}\n${debug ? `${(error as Error)?.stack}\n` : 'Run again with --debug for details, and please report it.\n'}`,
  );
  process.exitCode = 1;
}

// Not a top-level await: the build makes this entry CommonJS, which starts faster than a module.
main(process.argv.slice(2)).then(exitNow).catch(internalError);
