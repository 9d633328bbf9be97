// Code sources end to end: `mfa_process` in the config profile (aws-vault's key) and --code-from.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';

const sb = useTestSandbox();
const h = useTestHome({sandbox: sb});

const alice = () => sb.user('alice');
const credentials = () => userProfile(alice());
/** A stand-in for `ykman oath accounts code --single NAME`: prints what the test wrote into its file. */
function codeScript(code: string, exitStatus = 0): string {
  const file = path.join(h.home, 'code.txt');
  writeFileSync(file, code);
  return `printf 'aws: %s\\n' "$(cat '${file}')"; exit ${exitStatus}`;
}

describe('mfa_process', () => {
  it('takes the code from the command in the config profile when no --code or --code-from is given', async () => {
    h.write('credentials', credentials());
    h.write('config', `[default]\nmfa_process = ${codeScript(sb.code(alice()))}\n`);
    const r = await runCli(['renew', 'default', '--json'], {env: h.env});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({profile: 'mfa', source: 'default'});
    expect(readFileSync(h.credentialsFile, 'utf8')).toMatch(/\[mfa\]\naws_access_key_id = ASIA/);
  });

  it('fails with the command’s status, and nothing is sent or written', async () => {
    h.write('credentials', credentials());
    h.write('config', `[default]\nmfa_process = ${codeScript('123456', 3)}\n`);
    const before = sb.requests.length;
    const r = await runCli(['renew', 'default'], {env: h.env});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The code command exited with status 3.');
    expect(r.stderr).toContain('mfa_process');
    expect(sb.requests.length).toBe(before);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(credentials());
  });

  it('fails when the command prints no 6-digit code', async () => {
    h.write('credentials', credentials());
    h.write('config', `[default]\nmfa_process = ${codeScript('no code here')}\n`);
    const r = await runCli(['renew', 'default'], {env: h.env});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The code command printed no 6-digit code.');
    expect(r.stderr).toContain('ykman oath accounts code --single NAME');
  });

  it('a wrong code from mfa_process is STS’s refusal, not a crash', async () => {
    h.write('credentials', credentials());
    h.write('config', `[default]\nmfa_process = ${codeScript('000000')}\n`);
    const r = await runCli(['renew', 'default'], {env: h.env});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused the MFA code');
  });

  it('--code-from wins over mfa_process, and --code over both', async () => {
    h.write('credentials', credentials());
    h.write('config', `[default]\nmfa_process = exit 7\n`);
    const fromFlag = await runCli(
      ['renew', 'default', '--code-from', codeScript(sb.code(alice()))],
      {
        env: h.env,
      },
    );
    expect(fromFlag.stderr).toBe('');
    expect(fromFlag.code).toBe(0);
    const code = await runCli(['renew', 'default', '--code', sb.code(alice())], {env: h.env});
    expect(code.stderr).toBe('');
    expect(code.code).toBe(0);
  });
});
