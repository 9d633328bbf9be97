// `renew` takes its profile as PROFILE, --profile P, or the AWS CLI's own (AWS_PROFILE, then
// default), against the sandbox STS.
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {runCli} from '../helpers/cli.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';
import {startTestSandbox, type TestSandbox} from '../helpers/sandbox.js';
import type {SandboxUser} from '../../source/sandbox/state.js';

let sandbox: TestSandbox;
let alice: SandboxUser;
let h: TestHome;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  alice = sandbox.user('alice');
});
afterAll(() => sandbox.close());
beforeEach(() => {
  h = makeTestHome();
  h.env.AWS_ENDPOINT_URL_STS = sandbox.endpoint;
  const keys = `aws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\nmfa_serial = ${alice.mfaSerial}\n`;
  h.write('credentials', `[default]\n${keys}\n[work]\n${keys}`);
});
afterEach(() => h.cleanup());

/** The profile one renewal wrote, from `renew --json` (args: the words before and after `renew`). */
async function renewed(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  before: string[] = [],
): Promise<string> {
  const r = await runCli([...before, 'renew', ...args, '--json', '--code', sandbox.code(alice)], {
    env: {...h.env, ...env},
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as {profile: string}).profile;
}

describe('renew’s profile', () => {
  it('takes --profile P, before or after the command, as PROFILE', async () => {
    expect(await renewed(['--profile', 'work'])).toBe('work-mfa');
    expect(await renewed([], {}, ['--profile', 'work'])).toBe('work-mfa');
  });

  it('renews AWS_PROFILE, then default, when no profile is given', async () => {
    expect(await renewed([], {AWS_PROFILE: 'work'})).toBe('work-mfa');
    expect(await renewed([])).toBe('mfa');
    expect(readFileSync(h.credentialsFile, 'utf8')).toContain('[work-mfa]');
  });

  it('refuses two different profiles given both ways (exit 2)', async () => {
    const r = await runCli(['renew', 'work', '--profile', 'default', '--code', '123456'], {
      env: h.env,
    });
    expect(r.code).toBe(2);
  });
});
