// A real pseudo-terminal for TUI tests: node-pty runs the built CLI, @xterm/headless interprets
// its output into a screen we can read as text, exactly as a user's terminal would.
import {createRequire} from 'node:module';
import {existsSync} from 'node:fs';
import type {IPty} from 'node-pty';
import type {Terminal as XTerm} from '@xterm/headless';
import {cliPath} from './cli.js';

const require = createRequire(import.meta.url);
const pty = require('node-pty') as typeof import('node-pty');
const {Terminal} = require('@xterm/headless') as typeof import('@xterm/headless');

/** Keys as a terminal sends them. */
export const keys = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  ctrlC: '\u0003',
} as const;

export type TermOptions = {
  env: NodeJS.ProcessEnv;
  cols?: number;
  rows?: number;
  cwd?: string;
  /** The script to run instead of dist/cli.js. */
  script?: string;
};

export type Term = {
  /** Sends raw input (text or a `keys` value). */
  write(data: string): void;
  /** The visible screen, one string per row, trailing spaces trimmed. */
  lines(): string[];
  /** The visible screen as one string. */
  screen(): string;
  /** Everything the program wrote, escape codes included. */
  output(): string;
  /**
   * Resolves with the screen once it contains `what` (and, for a function, once it returns true).
   * The timeout only guards against a hang; it fails the test with the screen in the message.
   */
  waitFor(
    what: string | RegExp | ((screen: string) => boolean),
    timeoutMs?: number,
  ): Promise<string>;
  resize(cols: number, rows: number): void;
  /** Resolves with the exit code when the program ends. */
  exit(timeoutMs?: number): Promise<number>;
  kill(): void;
  /** Sends the program a signal, as `kill -TERM PID` would. */
  signal(name: NodeJS.Signals): void;
};

/** Starts `node dist/cli.js ARGS` in a pty of the given size. */
export function spawnTerm(args: string[], options: TermOptions): Term {
  const script = options.script ?? cliPath;
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const xterm: XTerm = new Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
  const env: NodeJS.ProcessEnv = {...options.env, TERM: 'xterm-256color'};
  // Ink draws nothing until exit when it believes it runs in CI.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  delete env.BUILD_NUMBER;
  delete env.RUN_ID;
  const child: IPty = pty.spawn(process.execPath, [script, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd ?? process.cwd(),
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
  });
  let raw = '';
  let pending = 0;
  child.onData((data) => {
    raw += data;
    pending += 1;
    xterm.write(data, () => {
      pending -= 1;
    });
  });
  let exitCode: number | undefined;
  let exitedAt: number | undefined;
  const exited = new Promise<number>((resolve) => {
    child.onExit(({exitCode: code}) => {
      exitCode = code;
      exitedAt = Date.now();
      resolve(code);
    });
  });

  const lines = () => {
    const buffer = xterm.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < xterm.rows; y++) {
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return out;
  };
  const screen = () => lines().join('\n');

  return {
    write: (data) => child.write(data),
    lines,
    screen,
    output: () => raw,
    waitFor(what, timeoutMs = 15_000) {
      const test =
        typeof what === 'string'
          ? (s: string) => s.includes(what)
          : what instanceof RegExp
            ? (s: string) => what.test(s)
            : what;
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
          const s = screen();
          if (pending === 0 && test(s)) return resolve(s);
          // node-pty can report the exit before the last output: give that output a moment to land.
          if (exitedAt !== undefined && Date.now() - exitedAt > 200 && pending === 0 && !test(s)) {
            return reject(
              new Error(
                `the program exited (${exitCode}) before the screen showed ${String(what)}:\n${s}`,
              ),
            );
          }
          if (Date.now() - started > timeoutMs) {
            return reject(new Error(`the screen never showed ${String(what)}; it shows:\n${s}`));
          }
          setTimeout(poll, 20);
        };
        poll();
      });
    },
    resize(c, r) {
      child.resize(c, r);
      xterm.resize(c, r);
    },
    exit(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the program did not exit; the screen shows:\n${screen()}`)),
          timeoutMs,
        );
        void exited.then((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
    },
    signal: (name) => child.kill(name),
    kill() {
      if (exitCode === undefined) child.kill();
      xterm.dispose();
    },
  };
}
