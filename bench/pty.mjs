// A program in a pseudo-terminal for the benchmarks: node-pty runs it, @xterm/headless turns its
// output into the screen a user would see, and every check runs when output lands (no polling), so
// a time is the moment the bytes that completed the screen arrived.
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const pty = require('node-pty');
const {Terminal} = require('@xterm/headless');

/** Keys as a terminal sends them. */
export const keys = {down: '\u001B[B', up: '\u001B[A', ctrlC: '\u0003'};

/**
 * Starts `command args` in a cols×rows pty. `until(test)` resolves with the arrival time
 * (performance.now()) of the output after which the screen satisfies `test(lines)`.
 */
export function startPty(command, args, {env, cols = 120, rows = 40, cwd = process.cwd()}) {
  const term = new Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
  const clean = {...env, TERM: 'xterm-256color'};
  // Ink draws nothing until exit when it believes it runs in CI.
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID']) delete clean[k];
  const started = performance.now();
  const child = pty.spawn(command, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd,
    env: Object.fromEntries(Object.entries(clean).filter(([, v]) => v !== undefined)),
  });
  let waiter;
  let exitInfo;
  const exited = new Promise((resolve) => {
    child.onExit((e) => {
      exitInfo = {...e, at: performance.now()};
      resolve(exitInfo);
      if (waiter)
        waiter.reject(new Error(`exited (${e.exitCode}) before the screen matched:\n${screen()}`));
    });
  });
  const lines = () => {
    const buffer = term.buffer.active;
    const out = [];
    for (let y = 0; y < term.rows; y++) {
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return out;
  };
  const screen = () => lines().join('\n');
  child.onData((data) => {
    const at = performance.now();
    term.write(data, () => {
      if (waiter && waiter.test(lines())) {
        const w = waiter;
        waiter = undefined;
        clearTimeout(w.timer);
        w.resolve(at);
      }
    });
  });
  return {
    pid: child.pid,
    started,
    write: (data) => child.write(data),
    lines,
    screen,
    exited,
    until(test, timeoutMs = 30_000) {
      if (waiter) throw new Error('one wait at a time');
      return new Promise((resolve, reject) => {
        if (exitInfo) return reject(new Error(`already exited:\n${screen()}`));
        const timer = setTimeout(() => {
          waiter = undefined;
          reject(new Error(`timed out; the screen shows:\n${screen()}`));
        }, timeoutMs);
        waiter = {test, resolve, reject, timer};
      });
    },
    kill() {
      try {
        child.kill();
      } catch {
        // already gone
      }
    },
    dispose() {
      term.dispose();
    },
  };
}
