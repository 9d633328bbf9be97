// The renew panel's issue #8 modes rendered by Ink: IAM's device list, the role mode, and the
// requests the panel sends through the ports.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {frameWhere, frameWith, mount, typeKeys} from './ink-helpers.js';
import {fakePorts} from './fixtures.js';
import {keyBarText} from './keys.js';

afterEach(() => cleanup());

const serial = (name: string) => `arn:aws:iam::123456789012:mfa/${name}`;

describe('renew panel: device found in IAM', () => {
  it('asks IAM, lists the devices, sends the chosen one with the save choice', async () => {
    const ports = fakePorts({
      credentials:
        '[work]\naws_access_key_id = AKIAEXAMPLEWORKKEY05\naws_secret_access_key = secretsecretsecretsecretsecretsecret0005\n',
      config: '',
    });
    const r = mount(ports);
    await frameWith(r, 'work');
    await typeKeys(r, 'r');
    await frameWith(r, 'Asking IAM (ListMFADevices)');
    expect(ports.discoverCalls).toEqual(['work']);
    ports.answerDiscover({
      ok: true,
      value: {
        source: 'work',
        devices: [
          {serial: serial('phone'), userName: 'two'},
          {serial: serial('yubikey'), userName: 'two'},
        ],
      },
    });
    let frame = await frameWith(r, 'IAM lists 2 devices for user two');
    expect(frame).toContain(`› ${serial('phone')}`);
    expect(frame.split('\n').at(-1)).toBe(keyBarText('renew-device', 100));
    await typeKeys(r, '\u001B[B', 's', '\r');
    frame = await frameWith(r, '(found in IAM)');
    expect(frame).toMatch(/Device\s+arn:aws:iam::123456789012:mfa\/yubikey/);
    expect(frame).toContain('[x] keep it as mfa_serial in [profile work]');
    expect(frame.split('\n').at(-1)).toBe(keyBarText('renew-code-found', 100));
    await typeKeys(r, '123456');
    await frameWhere(r, () => ports.renewCalls.length > 0);
    expect(ports.renewCalls[0]).toEqual({
      profile: 'work',
      code: '123456',
      serial: serial('yubikey'),
      saveSerial: true,
    });
  });
});

describe('renew panel: role', () => {
  it('renews a role signed by the MFA session without a code, and n asks for one', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await frameWith(r, 'ops-long-term');
    // [admin] is the first row.
    await typeKeys(r, 'r');
    let frame = await frameWith(r, 'Renew admin (role)');
    expect(frame).toMatch(/Role\s+arn:aws:iam::444455556666:role\/admin/);
    expect(frame).toContain('signed by the MFA session in mfa, no new code');
    expect(frame).toMatch(/Code\s+not needed \(n: sign with a new code instead\)/);
    expect(frame.split('\n').at(-1)).toBe(keyBarText('renew-role', 100));
    await typeKeys(r, 'n');
    frame = await frameWith(r, "signed by default's keys with a code");
    expect(frame).toMatch(/Code\s+▁ _ _/);
    await typeKeys(r, '\u001B');
    await frameWhere(r, (f) => !f.includes('Renew admin'));
    await typeKeys(r, 'r', '\r');
    await frameWhere(r, () => ports.renewCalls.length > 0);
    expect(ports.renewCalls[0]).toEqual({profile: 'admin'});
    await frameWith(r, 'Asking STS to assume the role (AssumeRole)');
  });
});

describe('batch renewal: a code sent spends its step', () => {
  const shared = (n: string) => `[${n}]
aws_access_key_id = AKIAEXAMPLE${n.toUpperCase().padEnd(9, 'X')}
aws_secret_access_key = secretsecretsecretsecretsecretsecret0009
mfa_serial = arn:aws:iam::111122223333:mfa/alice
`;

  it('STS took the code but nothing was written; Esc skips: the next profile waits for a later code', async () => {
    const ports = fakePorts({credentials: `${shared('aaa')}\n${shared('bbb')}`, config: ''});
    const r = mount(ports);
    await frameWith(r, 'bbb');
    await typeKeys(r, ' ', 'j', ' ', 'R');
    await frameWith(r, 'aaa-mfa');
    await typeKeys(r, '111111');
    await frameWhere(r, () => ports.renewCalls.length > 0);
    ports.answerRenew({
      ok: false,
      error: {
        code: 'session-unwritten',
        message: 'STS accepted the code (it is used now).',
        fix: '',
      },
    });
    await frameWith(r, 'STS accepted the code');
    await typeKeys(r, '\u001B');
    await frameWith(r, 'Next code for mfa/alice in 30 s');
  });
});

describe('batch renewal: R at the time the rows show', () => {
  it('takes a session that has come within the warning since the files were read', async () => {
    const shared = (n: string) => `[${n}]
aws_access_key_id = AKIAEXAMPLE${n.toUpperCase().padEnd(9, 'X')}
aws_secret_access_key = secretsecretsecretsecretsecretsecret0009
mfa_serial = arn:aws:iam::111122223333:mfa/alice
`;
    const session = `[bbb-mfa]
aws_access_key_id = ASIAEXAMPLEBBBXXXXXX
aws_secret_access_key = secretsecretsecretsecretsecretsecret0009
aws_session_token = token
expiration = 2026-03-01T12:20:00Z
`;
    const ports = fakePorts({
      credentials: [shared('aaa'), shared('bbb'), session].join('\n'),
      config: '',
    });
    // Read at 12:00 (20 minutes left); six minutes later the row says 14 minutes.
    ports.now = () => new Date('2026-03-01T12:06:00Z');
    const r = mount(ports);
    await frameWith(r, 'expires in 14m');
    await typeKeys(r, 'R');
    const frame = await frameWith(r, 'aaa-mfa');
    expect(frame).toMatch(/1 of 2/);
  });
});
