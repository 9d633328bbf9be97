// Mounts the TUI on a terminal: alternate screen in, Ink render, and the terminal restored however it ends.
import {constants} from 'node:os';
import {render} from 'ink';
import {App} from './app.js';
import type {Result} from '../core/errors.js';
import type {ProfileSnapshot, TuiPorts} from './ports.js';
import {colorEnabled} from './theme.js';

const endSignals = ['SIGTERM', 'SIGHUP'] as const;

/** Runs the TUI until the user quits; resolves with the exit code. `initial`: the first read of the files. */
export async function runTui(options: {
  ports: TuiPorts;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  argv?: string[];
  initial?: Result<ProfileSnapshot>;
}): Promise<number> {
  const {stdout, stdin, stderr} = options;
  let restored = false;
  const restore = () => {
    if (!restored) stdout.write('\u001B[?1049l');
    restored = true;
  };
  stdout.write('\u001B[?1049h\u001B[H');
  // A kill or a crash still gives the shell its screen back (Ink shows the cursor again itself).
  process.once('exit', restore);
  // Whatever the old frame left where the new one does not reach is wiped before Ink redraws.
  const onResize = () => stdout.write('\u001B[2J\u001B[H');
  stdout.on('resize', onResize);
  const theme = {color: colorEnabled(options.env, options.argv ?? [])};
  const instance = render(<App ports={options.ports} theme={theme} initial={options.initial} />, {
    stdout,
    stdin,
    stderr,
    exitOnCtrlC: false,
    patchConsole: true,
    // Ink draws at most this often; a key that lands within a frame of the last drawing waits
    // for the next one. 60 (not Ink's 30) halves that wait; keys come slower than this anyway.
    maxFps: 60,
  });
  // A kill (SIGTERM) or a closed terminal (SIGHUP) ends the TUI as q does, with the shell's
  // 128 + signal: Ink alone would put the cursor back and re-raise the signal, and the process
  // would die on the alternate screen.
  let signalled: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    signalled ??= 128 + constants.signals[signal];
    instance.unmount();
  };
  for (const signal of endSignals) process.on(signal, onSignal);
  try {
    await instance.waitUntilExit();
    return signalled ?? 0;
  } catch (error) {
    restore();
    stderr.write(`mfa-tui: ${(error as Error).message}\n`);
    return 1;
  } finally {
    stdout.off('resize', onResize);
    for (const signal of endSignals) process.off(signal, onSignal);
    restore();
    process.off('exit', restore);
  }
}
