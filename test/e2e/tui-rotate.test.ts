// The rotate key in a real pseudo-terminal against the sandbox IAM and STS: K, y, and the row's
// key replaced in the file, the old key gone from IAM, the age of the new key on the row.
import {readFileSync} from 'node:fs';
import {afterEach, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import {spawnTerm, type Term} from '../helpers/term.js';

const sb = useTestSandbox({each: true});
const h = useTestHome({
  sandbox: sb,
  iam: true,
  env: {AWS_REGION: 'us-east-1', MFA_TUI_KEY_SETTLE_SECONDS: '1'},
});
let term: Term | undefined;
afterEach(() => {
  term?.kill();
  term = undefined;
});

it('rotates the selected long-term key after y, and says where both keys stand', async () => {
  const bob = sb.user('bob');
  h.write('credentials', userProfile(bob, {name: 'bob'}));
  // The TUI asks no code to rotate: the MFA session is made first, as a user would with Enter.
  const renewed = await runCli(['renew', 'bob', '--code', sb.code('bob')], {env: h.env});
  expect(renewed.stderr).toBe('');
  const t = (term = spawnTerm([], {env: h.env}));
  await t.waitFor(/bob\s+long-term keys/);
  t.write('K');
  await t.waitFor('y/N');
  expect(sb.keysOf('bob')).toEqual([{id: bob.accessKeyId, status: 'Active'}]);
  t.write('y');
  const screen = await t.waitFor('Rotated:', 30_000);
  const [fresh] = sb.keysOf('bob');
  expect(fresh).toMatchObject({status: 'Active'});
  expect(fresh!.id).not.toBe(bob.accessKeyId);
  expect(screen).toContain(`old key …${bob.accessKeyId!.slice(-4)} deleted`);
  expect(readFileSync(h.credentialsFile, 'utf8')).toContain(`aws_access_key_id = ${fresh!.id}`);
  // The files are read again: the row shows the new key and its age, learnt from IAM.
  await t.waitFor(new RegExp(`${fresh!.id.slice(-4)}.*long-term 0d`));
  t.write('q');
  expect(await t.exit()).toBe(0);
});
