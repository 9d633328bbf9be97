// The renew panel's issue #8 modes rendered by Ink: IAM's device list, the role mode, and the
// requests the panel sends through the ports.
import {render, cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import {keyBarText} from '../../source/ui/keymap.js';
import {fakePorts, type FakePorts} from './fixtures.js';

afterEach(() => cleanup());

type Rendered = ReturnType<typeof render>;

async function frameWhere(r: Rendered, check: (frame: string) => boolean): Promise<string> {
  const started = Date.now();
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (check(frame)) return frame;
    if (Date.now() - started > 5000) throw new Error(`frame never matched:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const frameWith = (r: Rendered, text: string) => frameWhere(r, (f) => f.includes(text));

async function settle() {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
}

async function typeKeys(r: Rendered, ...inputs: string[]) {
  for (const input of inputs) {
    await settle();
    r.stdin.write(input);
  }
  await settle();
}

const mount = (ports: FakePorts) => render(<App ports={ports} theme={{color: false}} />);
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
