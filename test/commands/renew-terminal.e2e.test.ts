// `renew` on a real terminal (node-pty): the question to keep a discovered device, and the
// countdown between two typed codes for one device. The sandbox runs on the real clock, as the
// codes a person types come from a device on the real clock.
import {readFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {systemClock} from '../../source/sandbox/clock.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/server.js';
import {SandboxState} from '../../source/sandbox/state.js';
import {totpCode} from '../../source/sandbox/totp.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';
import {discoveryState, serialOf} from '../helpers/mfa-state.js';
import {earlyInStep} from '../helpers/steps.js';
import {keys, spawnTerm} from '../helpers/term.js';

let sb: Sandbox;
let h: TestHome;
beforeEach(async () => {
  sb = await startSandbox({state: new SandboxState(discoveryState()), clock: systemClock});
  h = makeTestHome();
  h.env.AWS_ENDPOINT_URL_STS = sb.endpoint;
  h.env.AWS_ENDPOINT_URL_IAM = sb.endpoint;
});
afterEach(async () => {
  h.cleanup();
  await sb.close();
});

const user = (name: string) => sb.state.user(name)!;
const longTerm = (profile: string, name: string) =>
  `[${profile}]\naws_access_key_id = ${user(name).accessKeyId}\naws_secret_access_key = ${user(name).secretAccessKey}\n`;
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
});
