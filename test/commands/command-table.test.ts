// The command table's flags feed the completion scripts: each must be one its command accepts.
import {describe, expect, it} from 'vitest';
import {commandFlags, commands, flagsOf} from '../../source/commands/index.js';
import {testContext} from '../helpers/context.js';

/** Runs a command in-process with `--FLAG [value] --help`: 0 when it knows the flag, 2 when not. */
async function accepts(name: string, flag: string): Promise<number> {
  const argv = flag.endsWith('=') ? [`--${flag.slice(0, -1)}`, 'x'] : [`--${flag}`];
  const ctx = testContext({}, {argv: [...argv, '--help'], command: name, now: () => new Date(0)});
  return (await commands[name]!.load()).run(ctx);
}

describe('the command table', () => {
  for (const [name, flags] of Object.entries(commandFlags)) {
    it(`lists only flags that ${name} accepts`, async () => {
      for (const flag of flags.split(' ')) expect(await accepts(name, flag), flag).toBe(0);
    });
  }

  it('would notice a flag a command does not accept', async () => {
    expect(await accepts('list', 'bogus')).toBe(2);
  });

  it('knows its own commands only: an Object.prototype name has no flags', () => {
    expect(flagsOf('whoami')).toEqual(['profile=', 'json']);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(flagsOf(name), name).toEqual([]);
    }
  });
});
