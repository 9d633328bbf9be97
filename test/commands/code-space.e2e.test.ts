// A code given as authenticators show it, in two groups: `--code "123 456"` renews like `--code 123456`.
import {readFileSync} from 'node:fs';
import {expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';

const sb = useTestSandbox();
const h = useTestHome({sandbox: sb});

it('renews with --code "123 456": the space dropped before the check and before STS', async () => {
  const alice = sb.user('alice');
  h.write('credentials', userProfile(alice));
  const code = sb.code(alice);
  const r = await runCli(['renew', 'default', '--code', `${code.slice(0, 3)} ${code.slice(3)}`], {
    env: h.env,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(sb.requests.map((x) => [x.action, x.status])).toEqual([['GetSessionToken', 200]]);
  expect(readFileSync(h.credentialsFile, 'utf8')).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
});

it('still refuses a code that is not 6 digits once its spaces are dropped (exit 2, nothing sent)', async () => {
  h.write('credentials', '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
  const before = sb.requests.length;
  const r = await runCli(['renew', 'default', '--code', '123 4567'], {env: h.env});
  expect(r.code).toBe(2);
  expect(sb.requests.length).toBe(before);
});
