// The CLI's wait for the next 30-second code step when stderr is not a terminal. A timer may fire
// a moment before the clock reaches the step (Node's timers have millisecond granularity and fire
// early now and then); the wait must end by the command's clock, not by the timer. Here the
// command's clock runs at 95% of real time, so a single timer of the full length always ends early.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {countdown} from '../../source/commands/code-input.js';
import type {CommandContext} from '../../source/commands/context.js';

function slowClockContext(): {ctx: CommandContext; stderr: () => string} {
  const start = Date.now();
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d: Buffer) => (text += d.toString()));
  const ctx: CommandContext = {
    argv: [],
    env: {},
    stdout: new PassThrough(),
    stderr,
    stdin: new PassThrough(),
    now: () => new Date(start + (Date.now() - start) * 0.95),
  };
  return {ctx, stderr: () => text};
}

describe('countdown without a terminal', () => {
  it('prints one line and ends only once its own clock has reached the step', async () => {
    const {ctx, stderr} = slowClockContext();
    const until = ctx.now().getTime() + 300;
    await countdown(ctx, 'arn:aws:iam::111122223333:mfa/alice', 300);
    expect(ctx.now().getTime()).toBeGreaterThanOrEqual(until);
    expect(stderr()).toBe('mfa-tui: Next code for mfa/alice in 1 s (each code works once)\n');
  });
});
