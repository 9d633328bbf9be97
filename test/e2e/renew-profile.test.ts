// `renew` takes its profile as PROFILE, --profile P, or the AWS CLI's own (AWS_PROFILE, then
// default), against the sandbox STS.
import {beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import type {SandboxUser} from '../../source/sandbox/state.js';

const sandbox = useTestSandbox();
const h = useTestHome({sandbox});
let alice: SandboxUser;
beforeAll(() => {
  alice = sandbox.user('alice');
});
beforeEach(() => {
  h.write('credentials', `${userProfile(alice)}\n${userProfile(alice, {name: 'work'})}`);
});

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
