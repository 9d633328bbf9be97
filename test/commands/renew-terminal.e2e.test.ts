// `renew` on a real terminal (node-pty): the question to keep a discovered device, and the
// countdown between two typed codes for one device, a code pasted with a space, Ctrl-C at the prompt. The sandbox runs on the real clock, as the
// codes a person types come from a device on the real clock.
import {readFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startSandbox, type RequestLogEntry, type Sandbox} from '../../source/sandbox/server.js';
import {SandboxState} from '../../source/sandbox/state.js';
import {totpCode} from '../../source/sandbox/totp.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';
import {userProfile} from '../helpers/sandbox.js';
import {discoveryState, serialOf} from '../helpers/mfa-state.js';
import {earlyInStep} from '../helpers/steps.js';
import {keys, spawnTerm} from '../helpers/term.js';

let sb: Sandbox;
let h: TestHome;
let requests: RequestLogEntry[];
beforeEach(async () => {
  requests = [];
  sb = await startSandbox({
    state: new SandboxState(discoveryState()),
    clock: {now: () => new Date()},
    onRequest: (entry) => requests.push(entry),
  });
  h = makeTestHome({sandbox: sb, iam: true});
});
afterEach(async () => {
  h.cleanup();
  await sb.close();
});

const user = (name: string) => sb.state.user(name)!;
const longTerm = (profile: string, name: string) =>
  userProfile(user(name), {name: profile, mfa: false});
/** What the user's authenticator shows right now. */
const codeNow = (name: string) => totpCode(user(name).totpSecret!, new Date());

describe('renew on a terminal', () => {
  it('asks to keep a device IAM found, then asks for the code', async () => {
    h.write('credentials', longTerm('default', 'one'));
    const term = spawnTerm(['renew', 'default'], {env: h.env, cols: 160});
    try {
      await term.waitFor(`IAM lists one MFA device for default: ${serialOf('one')}`);
      await term.waitFor('Save it as mfa_serial in [default] of the config file? [y/N]');
      term.write(`y${keys.enter}`);
      await term.waitFor('MFA code for mfa/one (mfa):');
      term.write(`${codeNow('one')}${keys.enter}`);
      await term.waitFor('mfa: renewed from default');
      expect(await term.exit()).toBe(0);
      expect(term.screen()).toContain(`saved it as mfa_serial in [default] of ${h.configFile}`);
      expect(readFileSync(h.configFile, 'utf8')).toBe(
        `[default]\nmfa_serial = ${serialOf('one')}\n`,
      );
    } finally {
      term.kill();
    }
  });

  it('counts down to the next step between two codes of one device', async () => {
    const serial = `mfa_serial = ${serialOf('one')}\n`;
    h.write(
      'credentials',
      `${longTerm('default', 'one')}${serial}\n${longTerm('second', 'one')}${serial}`,
    );
    const term = spawnTerm(['renew', 'default', 'second'], {env: h.env, cols: 160});
    try {
      await term.waitFor('MFA code for mfa/one (mfa):');
      await earlyInStep();
      term.write(`${codeNow('one')}${keys.enter}`);
      await term.waitFor('mfa: renewed from default');
      // Up to one 30 s step, redrawn each second, then the second question.
      await term.waitFor('MFA code for mfa/one (second-mfa):', 40_000);
      expect(term.output()).toMatch(/\rNext code for mfa\/one in \d+ s \(each code works once\)/);
      term.write(`${codeNow('one')}${keys.enter}`);
      await term.waitFor('second-mfa: renewed from second');
      expect(await term.exit()).toBe(0);
    } finally {
      term.kill();
    }
  }, 90_000);

  it('takes a code pasted with a space ("123 456") at the prompt', async () => {
    h.write('credentials', `${longTerm('default', 'one')}mfa_serial = ${serialOf('one')}\n`);
    const term = spawnTerm(['renew', 'default'], {env: h.env, cols: 160});
    try {
      await term.waitFor('MFA code for mfa/one (mfa):');
      await earlyInStep();
      const code = codeNow('one');
      term.write(`${code.slice(0, 3)} ${code.slice(3)}${keys.enter}`);
      await term.waitFor(/mfa: renewed from default|mfa-tui:/);
      expect(await term.exit()).toBe(0);
      expect(term.screen()).toContain('mfa: renewed from default');
    } finally {
      term.kill();
    }
  });

  it('Ctrl-C at the code prompt: exit 130, the message on a line of its own, nothing sent', async () => {
    h.write('credentials', `${longTerm('default', 'one')}mfa_serial = ${serialOf('one')}\n`);
    const original = readFileSync(h.credentialsFile, 'utf8');
    const term = spawnTerm(['renew', 'default'], {env: h.env, cols: 160});
    try {
      await term.waitFor('MFA code for mfa/one (mfa):');
      term.write('12');
      await term.waitFor('MFA code for mfa/one (mfa): 12');
      term.write(keys.ctrlC);
      await term.waitFor('mfa-tui: Interrupted');
      expect(await term.exit()).toBe(130);
      const lines = term.lines();
      const prompt = lines.findIndex((l) => l.startsWith('MFA code for mfa/one (mfa): 12'));
      expect(lines[prompt]).toMatch(/^MFA code for mfa\/one \(mfa\): 12(\^C)?$/);
      expect(lines[prompt + 1]).toBe('mfa-tui: Interrupted at the code prompt: no code was sent.');
      expect(requests).toEqual([]);
      expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original);
    } finally {
      term.kill();
    }
  });
});
