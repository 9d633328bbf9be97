// Where an MFA code comes from: --code, --code-from CMD, or a prompt on the terminal. Never logged.
import {countdownText} from '../core/code-steps.js';
import {deviceText} from '../core/profile-text.js';
import {codeInOutput} from '../core/mfa.js';
import {fail, ok, type Result} from '../core/errors.js';
import {codesInTurn} from '../app/batch.js';
import type {CodeNeed} from '../app/renew-types.js';
import type {CommandContext} from './context.js';

/** Runs CMD through the shell (like aws-vault's mfa_process) and takes the code it printed (codeInOutput). */
export function codeFromCommand(
  command: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<Result<string>> {
  return new Promise((resolve) => {
    const {spawn} = process.getBuiltinModule('node:child_process');
    const [shell, flag] = process.platform === 'win32' ? ['cmd', '/c'] : ['sh', '-c'];
    const child = spawn(shell, [flag, command], {env, stdio: ['inherit', 'pipe', 'inherit']});
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const done = (result: Result<string>) => {
      clearTimeout(timer);
      resolve(result);
    };
    const failed = (why: string, fix: string) => done(fail('code-command-failed', why, fix));
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', (error) => {
      failed(`Cannot run the code command: ${error.message}.`, 'Check --code-from or mfa_process.');
    });
    child.on('close', (status, signal) => {
      const code = codeInOutput(out);
      if (status === 0 && code !== undefined) return done(ok(code));
      if (status === 0) {
        return failed(
          'The code command printed no 6-digit code.',
          'It must print the current code, e.g. `ykman oath accounts code --single NAME`.',
        );
      }
      const how = signal
        ? `was killed (${signal}${signal === 'SIGKILL' ? ', timed out' : ''})`
        : `exited with status ${status}`;
      failed(
        `The code command ${how}.`,
        'Run it by hand to see why, then fix --code-from or mfa_process.',
      );
    });
  });
}

const interrupted = Symbol('interrupted');
type Terminal = Pick<CommandContext, 'stdin' | 'stderr'>;

/**
 * One question on the terminal, on stderr (stdout is the command's output): the line typed,
 * undefined when input ended, or `interrupted` by Ctrl-C (what follows starts a new line).
 */
async function ask(
  ctx: Terminal,
  question: string,
): Promise<string | undefined | typeof interrupted> {
  const {createInterface} = await import('node:readline/promises');
  const rl = createInterface({input: ctx.stdin, output: ctx.stderr, terminal: true});
  const controller = new AbortController();
  rl.on('SIGINT', () => {
    // Cancelling the question ends the line (readline's clearLine), after the ^C a shell would echo.
    ctx.stderr.write('^C');
    controller.abort();
  });
  try {
    return await rl.question(question, {signal: controller.signal});
  } catch {
    return controller.signal.aborted ? interrupted : undefined;
  } finally {
    rl.close();
  }
}

export function canPrompt(ctx: CommandContext): boolean {
  return (ctx.stdin as NodeJS.ReadStream).isTTY === true;
}

/** The code typed on the terminal (checked where it is used, codeOf, as every source's is). */
export async function typedCode(ctx: Terminal, need: CodeNeed): Promise<Result<string>> {
  const answer = await ask(ctx, `MFA code for ${deviceText(need.serial)} (${need.target}): `);
  if (answer === interrupted) {
    return fail('code-interrupted', 'Interrupted at the code prompt: no code was sent.', '');
  }
  if (answer === undefined) {
    return fail('code-missing', 'No MFA code was entered.', 'Run again and type the 6-digit code.');
  }
  return ok(answer);
}

/** Asks a yes/no question on the terminal; anything but y or yes is no. */
export async function confirm(ctx: CommandContext, question: string): Promise<boolean> {
  const answer = await ask(ctx, `${question} [y/N] `);
  return typeof answer === 'string' && /^\s*y(es)?\s*$/i.test(answer);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits `ms` with a countdown on stderr: redrawn each second on a terminal, one line otherwise. */
export async function countdown(ctx: CommandContext, serial: string, ms: number): Promise<void> {
  const until = ctx.now().getTime() + ms;
  const tty = (ctx.stderr as NodeJS.WriteStream).isTTY === true;
  if (!tty) ctx.stderr.write(`mfa-tui: ${countdownText(serial, ms)}\n`);
  // A timer may fire a hair early, and a fast code command would then hand the spent step's code:
  // wait until the clock itself says the step has begun (without a terminal, a few times at most,
  // so a clock that does not move cannot hold the command forever).
  for (let left = ms, tries = 0; left > 0 && (tty || tries < 5); tries++) {
    if (tty) ctx.stderr.write(`\r${countdownText(serial, left)}\x1b[K`);
    await sleep(tty ? Math.min(left, left % 1000 || 1000) : left);
    left = until - ctx.now().getTime();
  }
  if (tty) ctx.stderr.write('\r\x1b[K');
}

/** The command that prints the code, in every command's order: none with --code, else --code-from, else mfa_process. */
export function codeCommand(
  flags: {code?: string; codeFrom?: string},
  need: CodeNeed,
): string | undefined {
  return flags.code === undefined ? (flags.codeFrom ?? need.mfaProcess) : undefined;
}

/**
 * The command's code source for a run of renewals: --code, --code-from, mfa_process or a prompt,
 * each code from a later 30 s step than the last one this run spent on the same device.
 */
export function commandCodes(
  ctx: CommandContext,
  flags: {code?: string; codeFrom?: string},
): (need: CodeNeed) => Promise<Result<string>> {
  return codesInTurn({
    now: ctx.now,
    wait: (serial, ms) => countdown(ctx, serial, ms),
    async obtain(need) {
      const from = codeCommand(flags, need);
      if (flags.code !== undefined) return ok(flags.code);
      if (from !== undefined) return codeFromCommand(from, ctx.env);
      if (canPrompt(ctx)) return typedCode(ctx, need);
      return fail(
        'code-missing',
        'No MFA code: stdin is not a terminal, so mfa-tui cannot ask for one.',
        'Pass --code 123456, or --code-from "CMD" to take it from a command.',
      );
    },
    how: (need) =>
      flags.code !== undefined
        ? 'fixed'
        : codeCommand(flags, need) === undefined
          ? 'typed'
          : 'command',
    justUsed: () => ctx.stderr.write('mfa-tui: that code was just used; wait for the next one.\n'),
  });
}
