// The controlling terminal (/dev/tty) as a place to ask: a client that runs credential_process
// captures its stdin and stdout, so a question there would never reach the user.
import type {CommandContext} from './context.js';

export type Terminal = {
  /** The context to ask in: its stdin and stderr are the terminal, its stdout is stderr's. */
  ctx: CommandContext;
  write(text: string): void;
  /** Gives the terminal back as it was (a timed-out question leaves it in raw mode). */
  close(): void;
};

/** The controlling terminal, or undefined when the process has none. */
export async function openTerminal(ctx: CommandContext): Promise<Terminal | undefined> {
  if (process.platform === 'win32') return undefined;
  const [{openSync}, tty] = await Promise.all([import('node:fs'), import('node:tty')]);
  let inFd: number;
  let outFd: number;
  try {
    inFd = openSync('/dev/tty', 'r');
    outFd = openSync('/dev/tty', 'w');
  } catch {
    return undefined;
  }
  const input = new tty.ReadStream(inFd);
  const output = new tty.WriteStream(outFd);
  const asking = Object.defineProperties(
    {argv: ctx.argv, command: ctx.command, env: ctx.env, now: ctx.now},
    {
      stdin: {value: input},
      stderr: {value: output},
      stdout: {value: output},
    },
  ) as CommandContext;
  // Killed while asking (the client gave up): the terminal is given back before the process goes.
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  const restore = () => {
    process.off('SIGTERM', onSignal).off('SIGHUP', onSignal);
    try {
      if (input.isRaw) input.setRawMode(false);
    } catch {
      // The terminal is gone already: nothing to give back.
    }
  };
  process.once('SIGTERM', onSignal).once('SIGHUP', onSignal);
  return {
    ctx: asking,
    write: (text) => output.write(text),
    close() {
      restore();
      input.destroy();
      output.destroy();
    },
  };
}
