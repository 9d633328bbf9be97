// Where an MFA code comes from: --code, --code-from CMD, or a prompt on the terminal. Never logged.
import {countdownText} from '../core/code-steps.js';
import {deviceText} from '../core/profile-text.js';
import {checkCode} from '../core/mfa.js';
import {fail, ok, type Result} from '../core/errors.js';
import {codesInTurn} from '../app/batch.js';
import type {CodeNeed} from '../app/renew-types.js';
import type {CommandContext} from './context.js';

/** Runs CMD through the shell (like aws-vault's mfa_process) and takes the first 6-digit group of its output. */
export function codeFromCommand(
  command: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<Result<string>> {
  return new Promise((resolve) => {
    const {spawn} = process.getBuiltinModule('node:child_process');
    const child = spawn(
      process.platform === 'win32' ? 'cmd' : 'sh',
      process.platform === 'win32' ? ['/c', command] : ['-c', command],
      {
        env,
        stdio: ['inherit', 'pipe', 'inherit'],
      },
    );
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(
        fail(
          'code-command-failed',
          `Cannot run the code command: ${error.message}.`,
          'Check --code-from or mfa_process.',
        ),
      );
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (status !== 0) {
        resolve(
          fail(
            'code-command-failed',
            `The code command ${signal ? `was killed (${signal}${signal === 'SIGKILL' ? ', timed out' : ''})` : `exited with status ${status}`}.`,
            'Run it by hand to see why, then fix --code-from or mfa_process.',
          ),
        );
        return;
      }
      const match = /(?<!\d)(\d{6})(?!\d)/.exec(out);
      if (!match) {
        resolve(
          fail(
            'code-command-failed',
            'The code command printed no 6-digit code.',
            'It must print the current code, e.g. `ykman oath accounts code --single NAME`.',
          ),
        );
        return;
      }
      resolve(ok(match[1]!));
    });
  });
}

/** What a question on the terminal got: the line typed, nothing (input ended), or Ctrl-C. */
type Answer = {kind: 'line'; text: string} | {kind: 'ended'} | {kind: 'interrupted'};

/**
 * One question on the terminal, asked on stderr so stdout stays the command's output. After Ctrl-C
 * whatever is said next starts on a line of its own.
 */
async function ask(ctx: CommandContext, question: string): Promise<Answer> {
  const {createInterface} = await import('node:readline/promises');
  const rl = createInterface({
    input: ctx.stdin as NodeJS.ReadableStream,
    output: ctx.stderr as NodeJS.WritableStream,
    terminal: true,
  });
  const controller = new AbortController();
  let interrupted = false;
  rl.on('SIGINT', () => {
    interrupted = true;
    // Cancelling the question ends the line (readline's clearLine), after the ^C a shell would echo.
    ctx.stderr.write('^C');
    controller.abort();
  });
  try {
    return {kind: 'line', text: await rl.question(question, {signal: controller.signal})};
  } catch {
    return interrupted ? {kind: 'interrupted'} : {kind: 'ended'};
  } finally {
    rl.close();
  }
}

/** Asks for the code on the terminal. */
async function promptCode(ctx: CommandContext, label: string): Promise<Result<string>> {
  const answer = await ask(ctx, `MFA code for ${label}: `);
  if (answer.kind === 'interrupted') {
    return fail('code-interrupted', 'Interrupted at the code prompt: no code was sent.', '');
  }
  if (answer.kind === 'ended') {
    return fail('code-missing', 'No MFA code was entered.', 'Run again and type the 6-digit code.');
  }
  return checkCode(answer.text);
}

/** Gets the code for a renewal from the first source that applies. */
export async function obtainCode(
  ctx: CommandContext,
  options: {code?: string; codeFrom?: string; label: string},
): Promise<Result<string>> {
  if (options.code !== undefined) return checkCode(options.code);
  if (options.codeFrom !== undefined) {
    const got = await codeFromCommand(options.codeFrom, ctx.env);
    return got.ok ? checkCode(got.value) : got;
  }
  if ((ctx.stdin as NodeJS.ReadStream).isTTY) return promptCode(ctx, options.label);
  return fail(
    'code-missing',
    'No MFA code: stdin is not a terminal, so mfa-tui cannot ask for one.',
    'Pass --code 123456, or --code-from "CMD" to take it from a command.',
  );
}

/** Whether the command may ask questions: stdin is a terminal. */
export function canPrompt(ctx: CommandContext): boolean {
  return (ctx.stdin as NodeJS.ReadStream).isTTY === true;
}

/** Asks a yes/no question on the terminal; anything but y or yes is no. */
export async function confirm(ctx: CommandContext, question: string): Promise<boolean> {
  const answer = await ask(ctx, `${question} [y/N] `);
  return answer.kind === 'line' && /^\s*y(es)?\s*$/i.test(answer.text);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits `ms` with a countdown on stderr: redrawn each second on a terminal, one line otherwise. */
export async function countdown(ctx: CommandContext, serial: string, ms: number): Promise<void> {
  const until = ctx.now().getTime() + ms;
  const tty = (ctx.stderr as NodeJS.WriteStream).isTTY === true;
  if (!tty) {
    ctx.stderr.write(`mfa-tui: ${countdownText(serial, ms)}\n`);
    // A timer may fire a hair early, and a fast code command would then hand the spent step's
    // code: wait until the clock itself says the step has begun (a few times at most, so a clock
    // that does not move cannot hold the command forever).
    let left = ms;
    for (let tries = 0; left > 0 && tries < 5; tries++) {
      await sleep(left);
      left = until - ctx.now().getTime();
    }
    return;
  }
  for (;;) {
    const left = until - ctx.now().getTime();
    if (left <= 0) break;
    ctx.stderr.write(`\r${countdownText(serial, left)}\x1b[K`);
    await sleep(Math.min(left, left % 1000 || 1000));
  }
  ctx.stderr.write('\r\x1b[K');
}

/**
 * The command's code source for a run of renewals: --code, --code-from, mfa_process or a prompt,
 * each code from a later 30 s step than the last one this run spent on the same device.
 */
export function commandCodes(
  ctx: CommandContext,
  flags: {code?: string; codeFrom?: string},
): (need: CodeNeed) => Promise<Result<string>> {
  const codeFrom = (need: CodeNeed) =>
    flags.codeFrom ?? (flags.code === undefined ? need.mfaProcess : undefined);
  return codesInTurn({
    now: ctx.now,
    wait: (serial, ms) => countdown(ctx, serial, ms),
    obtain: (need) =>
      obtainCode(ctx, {
        code: flags.code,
        codeFrom: codeFrom(need),
        label: `${deviceText(need.serial)} (${need.target})`,
      }),
    how: (need) =>
      flags.code !== undefined ? 'fixed' : codeFrom(need) === undefined ? 'typed' : 'command',
    justUsed: () => ctx.stderr.write('mfa-tui: that code was just used; wait for the next one.\n'),
  });
}
