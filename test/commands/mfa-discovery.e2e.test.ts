// MFA device discovery end to end: the built CLI asks the sandbox's IAM ListMFADevices when no
// device is configured; none, one (used, and kept on request) or several (listed) devices.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {discoveryState, serialOf} from '../helpers/mfa-state.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';

const sb = useTestSandbox({state: discoveryState()});
const h = useTestHome({sandbox: sb, iam: true});

const keysOf = (name: string, user: string) => {
  const u = sb.user(user);
  return userProfile(u, {name, mfa: false});
};
const settings = () =>
  JSON.parse(readFileSync(path.join(h.configDir, 'config.json'), 'utf8')) as {
    serials: Record<string, string>;
  };

describe('renew without a configured MFA device', () => {
  it('one device: IAM finds it, the renewal uses it, settings remember it, the config file is left alone', async () => {
    h.write('credentials', keysOf('default', 'one'));
    const config = '# mine\n[default]\nregion = us-east-1\n';
    h.write('config', config);
    const before = sb.requests.length;
    const r = await runCli(['renew', 'default', '--code', sb.code('one'), '--json'], {env: h.env});
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({profile: 'mfa', source: 'default'});
    expect(r.stderr).toContain(`used MFA device ${serialOf('one')} of default (IAM user one)`);
    expect(sb.requests.slice(before).map((x) => [x.action, x.status])).toEqual([
      ['ListMFADevices', 200],
      ['GetSessionToken', 200],
      // The key's creation date, asked once with the new session (its age in `list`).
      ['ListAccessKeys', 200],
    ]);
    expect(readFileSync(h.configFile, 'utf8')).toBe(config);
    expect(settings().serials).toEqual({default: serialOf('one')});
    // Next time the remembered device is used without asking IAM.
    const again = sb.requests.length;
    const second = await runCli(['renew', 'default', '--code', sb.code('one')], {env: h.env});
    expect(second.code).toBe(0);
    expect(sb.requests.slice(again).map((x) => x.action)).toEqual(['GetSessionToken']);
  });

  it('--save-serial writes mfa_serial into the config profile, keeping every other byte', async () => {
    h.write('credentials', keysOf('work', 'one'));
    const config =
      '# my config\r\n[default]\r\nregion = eu-west-1\r\n\r\n[profile work]\r\nregion   =   eu-central-1\r\ns3 =\r\n  max_concurrent_requests = 4\r\n[profile other]\r\noutput = json\r\n';
    h.write('config', config);
    const r = await runCli(
      [
        'renew',
        'work',
        '--code',
        sb.code('one'),
        '--save-serial',
        '--iam-endpoint-url',
        sb.endpoint,
      ],
      {env: {...h.env, AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9'}},
    );
    expect(r.stderr).toContain(`saved it as mfa_serial in [profile work] of ${h.configFile}`);
    expect(r.code).toBe(0);
    // One new line after the section's last key, in the section's spacing and line endings.
    const after = readFileSync(h.configFile, 'utf8');
    const added = new RegExp(`^mfa_serial *= *${serialOf('one')}\r$`);
    const lines = after.split('\n');
    const at = lines.findIndex((l) => added.test(l));
    expect(lines[at - 1]).toBe('  max_concurrent_requests = 4\r');
    expect([...lines.slice(0, at), ...lines.slice(at + 1)].join('\n')).toBe(config);
    // The saved device is now configured: no IAM call, and the list shows it.
    const list = await runCli(['list', '--json'], {env: h.env});
    const work = JSON.parse(list.stdout).profiles.find((p: {name: string}) => p.name === 'work');
    expect(work.mfaSerial).toBe(serialOf('one'));
  });

  it('no device: says so, asks STS nothing, writes nothing', async () => {
    h.write('credentials', keysOf('default', 'none'));
    const before = sb.requests.length;
    const r = await runCli(['renew', 'default', '--code', '123456'], {env: h.env});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No MFA device is assigned to the IAM user of profile default');
    expect(sb.requests.slice(before).map((x) => x.action)).toEqual(['ListMFADevices']);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(keysOf('default', 'none'));
  });

  it('several devices: exit 1 listing each serial, nothing sent to STS, nothing written', async () => {
    h.write('credentials', keysOf('default', 'two'));
    const before = sb.requests.length;
    const r = await runCli(['renew', 'default', '--code', '123456'], {env: h.env});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('has 2 MFA devices');
    expect(r.stderr).toContain(`  ${serialOf('two-phone')}\n`);
    expect(r.stderr).toContain(`  ${serialOf('two-yubikey')}\n`);
    expect(r.stderr).toContain('--serial');
    expect(sb.requests.slice(before).map((x) => x.action)).toEqual(['ListMFADevices']);
    // Choosing one works, and --save-serial keeps the chosen one.
    const chosen = await runCli(
      [
        'renew',
        'default',
        '--serial',
        serialOf('two-yubikey'),
        '--save-serial',
        '--code',
        sb.code(serialOf('two-yubikey')),
      ],
      {env: h.env},
    );
    expect(chosen.code).toBe(0);
    expect(readFileSync(h.configFile, 'utf8')).toBe(
      `[default]\nmfa_serial = ${serialOf('two-yubikey')}\n`,
    );
  });

  it('an unreachable IAM names IAM and its endpoint', async () => {
    h.write('credentials', keysOf('default', 'one'));
    const before = sb.requests.length;
    const r = await runCli(['renew', 'default', '--code', '123456'], {
      env: {...h.env, AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9'},
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('IAM is unreachable at http://127.0.0.1:9: connection refused');
    expect(sb.requests.length).toBe(before);
  });
});
