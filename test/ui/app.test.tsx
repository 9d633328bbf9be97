import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {frameWhere, frameWith, mount, typeKeys, type Rendered} from './ink-helpers.js';
import {helpSections, keymap} from '../../source/ui/keymap.js';
import {fakePorts, fixedNow, sampleConfig, wrongCode, type FakePorts} from './fixtures.js';
import type {ProfileSnapshot} from '../../source/ui/ports.js';
import {keyBarText} from './keys.js';

afterEach(() => cleanup());

const rowOf = (frame: string, name: string) =>
  frame.split('\n').find((l) => new RegExp(`^.[* ]${name}\\s`).test(l)) ?? '';

describe('profiles screen', () => {
  it('shows every column, the AWS CLI marker and the key bar', async () => {
    const r = mount(fakePorts({env: {AWS_PROFILE: 'mfa'}}));
    await frameWith(r, 'ops-long-term');
    // The marker follows once the precedence engine has run, after the rows are drawn.
    const frame = await frameWith(r, 'AWS CLI uses * mfa (AWS_PROFILE)');
    expect(frame).toContain('PROFILE');
    expect(frame).toContain('MFA DEVICE');
    expect(rowOf(frame, 'default')).toMatch(
      /long-term keys\s+LT01\s+mfa\/alice\s+→ mfa\s+long-term/,
    );
    expect(rowOf(frame, 'mfa')).toMatch(/^ \*mfa\s+MFA session\s+ON02\s+← default\s+valid 2h 00m/);
    expect(rowOf(frame, 'ops')).toContain('expired 3h 00m ago');
    expect(rowOf(frame, 'admin')).toMatch(/role\s+← mfa/);
    expect(frame).toContain('AWS CLI uses * mfa (AWS_PROFILE)');
    expect(frame.split('\n').at(-1)).toBe(keyBarText('profiles', 100));
  });

  it('gives a long-term key its age when a renew or rotate has learnt it, old past the threshold', async () => {
    const keyDates = {AKIAEXAMPLEDEFAULT01: '2025-11-01T12:00:00.000Z'};
    const r = mount(fakePorts({keyDates}));
    expect(rowOf(await frameWith(r, 'ops-long-term'), 'default')).toMatch(/long-term 120d old\s*$/);
    cleanup();
    const lenient = mount(fakePorts({keyDates, keyAgeDays: 365}));
    const frame = await frameWith(lenient, 'ops-long-term');
    expect(rowOf(frame, 'default')).toMatch(/long-term 120d\s*$/);
  });

  it('marks no row, and says why, when the AWS CLI would fail', async () => {
    // A key before the first section: the AWS CLI cannot parse the config file at all.
    const r = mount(fakePorts({config: `region = us-east-1\n${sampleConfig}`}));
    const frame = await frameWith(r, 'AWS CLI fails now (profile default)');
    expect(frame).toMatch(/Unable to parse config file/);
    expect(rowOf(frame, 'default')).toMatch(/^. default/);
    expect(frame).not.toMatch(/^.\*/m);
  });

  it('runs the precedence engine in pieces after the first frame, with a turn of the event loop between them', async () => {
    const ports = fakePorts({env: {AWS_PROFILE: 'mfa'}});
    const events: string[] = [];
    const load = ports.load.bind(ports);
    ports.load = async () => {
      const loaded = await load();
      if (!loaded.ok) return loaded;
      const s = loaded.value;
      const recorded: ProfileSnapshot = {
        ...s,
        precedenceParts: () =>
          s.precedenceParts!().map((part, i) => () => {
            events.push(`piece ${i}`);
            // Anything waiting on the event loop (a key pressed) runs before the next piece.
            setImmediate(() => events.push(`turn ${i}`));
            return part();
          }),
        precedence: (profile) => {
          events.push('engine');
          return s.precedence(profile);
        },
      };
      return {ok: true, value: recorded};
    };
    const r = mount(ports);
    await frameWith(r, 'AWS CLI uses * mfa (AWS_PROFILE)');
    expect(events).toEqual([
      ...[0, 1, 2, 3, 4, 5].flatMap((i) => [`piece ${i}`, `turn ${i}`]),
      'engine',
    ]);
  });

  it('fills exactly one line less than the terminal', async () => {
    const r = mount(fakePorts());
    const frame = await frameWith(r, 'ops-long-term');
    expect(frame.split('\n')).toHaveLength(23);
  });

  it('counts down live', async () => {
    let now = fixedNow;
    const ports = fakePorts();
    ports.now = () => now;
    const r = mount(ports);
    await frameWith(r, 'valid 2h 00m');
    now = new Date(fixedNow.getTime() + 61 * 60_000);
    const frame = await frameWith(r, 'valid 59m');
    expect(rowOf(frame, 'mfa')).toContain('valid 59m');
  });

  it('renders only the rows on screen, even for 5000 profiles', async () => {
    let text = '';
    for (let i = 0; i < 5000; i++) {
      text += `[p${String(i).padStart(4, '0')}]\naws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, '0')}\naws_secret_access_key = s\n`;
    }
    const r = mount(fakePorts({credentials: text, config: ''}));
    let frame = await frameWith(r, 'p0000');
    expect(frame).toContain('p0017');
    expect(frame).not.toContain('p0018');
    expect(frame).toContain('1/5000');
    await typeKeys(r, 'G');
    frame = await frameWith(r, 'p4999');
    expect(frame).not.toContain('p0000');
    expect(frame).toContain('5000/5000');
  });

  it('filters with /, keeps with Enter, clears with Esc', async () => {
    const r = mount(fakePorts());
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, '/', 'o', 'p', 's');
    let frame = await frameWith(r, '/ops');
    expect(frame).toContain('2 of 5');
    expect(rowOf(frame, 'default')).toBe('');
    await typeKeys(r, '\r');
    frame = await frameWith(r, 'filter "ops" (Esc clears)');
    expect(frame.split('\n').at(-1)).toBe(keyBarText('profiles', 100));
    await typeKeys(r, '\u001B');
    frame = await frameWhere(r, (f) => rowOf(f, 'default') !== '');
    expect(frame).not.toContain('filter "ops"');
  });

  it('re-reads the files when the edge says they changed', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await frameWith(r, 'ops-long-term');
    const before = ports.loads;
    (ports as FakePorts & {setSnapshot(o: object): void}).setSnapshot({
      credentials: '[fresh]\naws_access_key_id = AKIAEXAMPLEFRESH0001\naws_secret_access_key = x\n',
      config: '',
    });
    ports.fileChanged();
    await frameWith(r, 'fresh');
    expect(ports.loads).toBe(before + 1);
  });
});

describe('renew panel', () => {
  async function openOn(r: Rendered, downs: number) {
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, ...Array.from({length: downs}, () => 'j'), 'r');
    return frameWith(r, 'Renew ');
  }

  it('shows source, device, target and duration, then sends the code at six digits', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    const frame = await openOn(r, 1);
    expect(frame).toContain('Renew mfa');
    expect(frame).toMatch(/Source\s+default\s+\(long-term key …LT01\)/);
    expect(frame).toMatch(/Device\s+arn:aws:iam::111122223333:mfa\/alice/);
    expect(frame).toMatch(/Target\s+mfa/);
    expect(frame).toMatch(/Duration\s+12h/);
    expect(frame.split('\n').at(-1)).toBe(keyBarText('renew-code', 100));
    await typeKeys(r, '1', '2', '3', '4', '5');
    expect(ports.renewCalls).toHaveLength(0);
    await typeKeys(r, '6');
    await frameWith(r, 'Asking STS');
    await frameWhere(r, () => ports.renewCalls.length > 0);
    expect(ports.renewCalls).toEqual([{profile: 'default', code: '123456', duration: undefined}]);
    ports.answerRenew({
      ok: true,
      value: {source: 'default', target: 'mfa', expiresAt: new Date('2026-03-02T00:00:00Z')},
    });
    const done = await frameWith(r, '✓ Renewed mfa from default: valid 12h 00m');
    expect(done).not.toContain('Code');
    expect(rowOf(done, 'mfa').startsWith('›')).toBe(true);
  });

  it('takes a pasted code in one go', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await openOn(r, 1);
    await typeKeys(r, '654 321');
    await frameWith(r, 'Asking STS');
    await frameWhere(r, () => ports.renewCalls.length > 0);
    expect(ports.renewCalls[0]?.code).toBe('654321');
  });

  it('shows the mapped error with its fix and lets you try again', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await openOn(r, 1);
    await typeKeys(r, '000000');
    await frameWith(r, 'Asking STS');
    ports.answerRenew({ok: false, error: wrongCode});
    const frame = await frameWith(r, wrongCode.message);
    expect(frame).toContain(`→ ${wrongCode.fix}`);
    expect(frame).toContain('Renew mfa');
    await typeKeys(r, '1', '1', '1', '1', '1', '1');
    await frameWhere(r, () => ports.renewCalls.length === 2);
    expect(ports.renewCalls[1]?.code).toBe('111111');
  });

  it('closes on Esc without calling STS', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await openOn(r, 1);
    await typeKeys(r, '1', '2', '\u001B');
    const frame = await frameWhere(r, (f) => !f.includes('Code'));
    expect(ports.renewCalls).toHaveLength(0);
    expect(frame.split('\n').at(-1)).toBe(keyBarText('profiles', 100));
  });

  it('sends the duration typed in the duration field', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await openOn(r, 1);
    await typeKeys(r, '\t', '\u007F', '\u007F', '\u007F', '1', 'h', '3', '0', 'm');
    await frameWith(r, '= 1h30m (5400 s)');
    await typeKeys(r, '\t', '123456');
    await frameWith(r, 'Asking STS');
    await frameWhere(r, () => ports.renewCalls.length > 0);
    expect(ports.renewCalls[0]).toEqual({profile: 'default', code: '123456', duration: '1h30m'});
  });

  it('explains why a row cannot be renewed', async () => {
    const ports = fakePorts({
      config: `${sampleConfig}\n[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n`,
    });
    const r = mount(ports);
    const frame = await openOn(r, 1);
    expect(frame).toContain('Renew sso');
    expect(frame).toContain('✗ ');
    expect(frame.split('\n').at(-1)).toBe(keyBarText('renew-refused', 100));
    await typeKeys(r, '123456');
    expect(ports.renewCalls).toHaveLength(0);
  });
});

describe('precedence screen', () => {
  const env = {
    AWS_PROFILE: 'mfa',
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEENVKEY009',
    AWS_SECRET_ACCESS_KEY: 'x',
  };

  it('shows the clients disagreeing and the conflict with its fix', async () => {
    const r = mount(fakePorts({env}));
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, 'p');
    const frame = await frameWith(r, 'Conflicts (1)');
    expect(frame).toMatch(/aws-cli-v2\s+env\s+…Y009/);
    expect(frame).toMatch(/js-sdk-v3\s+shared-credentials-file\s+mfa …ON02 session valid 2h 00m/);
    expect(frame).toContain('The clients disagree');
    expect(frame).toContain('unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY');
    expect(frame.split('\n').at(-1)).toBe(keyBarText('precedence', 100));
  });

  it('shows a client’s chain with statuses and reasons, and switches clients', async () => {
    const r = mount(fakePorts({env}));
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, 'p');
    await frameWith(r, 'Chain of AWS CLI v2');
    await typeKeys(r, 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j');
    let frame = await frameWith(r, 'shadowed');
    expect(frame).toMatch(/● env\s+used/);
    await typeKeys(r, '\u001B[C', '\u001B[C');
    frame = await frameWith(r, 'Chain of JS SDK v3');
    expect(frame).toMatch(/○ env\s+shadowed\s+AWS_ACCESS_KEY_ID/);
    expect(frame).toMatch(/● shared-credentials-file used/);
  });

  it('verifies with GetCallerIdentity, now and as if --profile', async () => {
    const ports = fakePorts({env});
    const r = mount(ports);
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, 'j', 'p', 'v');
    await frameWith(r, 'Calling STS GetCallerIdentity');
    await frameWhere(r, () => ports.verifyCalls.length > 0);
    expect(ports.verifyCalls).toEqual([undefined]);
    ports.answerVerify({
      ok: true,
      value: {
        arn: 'arn:aws:iam::111122223333:user/alice',
        account: '111122223333',
        userId: 'AIDAEXAMPLE',
        using: 'environment keys …Y009',
      },
    });
    let frame = await frameWith(r, '✓ Verified arn:aws:iam::111122223333:user/alice');
    expect(frame).toContain('account 111122223333');
    await typeKeys(r, 'a');
    frame = await frameWith(r, 'Precedence · as if --profile default');
    expect(frame).toMatch(/aws-cli-v2\s+shared-credentials-file\s+default …LT01/);
    await typeKeys(r, 'v');
    await frameWhere(r, () => ports.verifyCalls.length === 2);
    expect(ports.verifyCalls[1]).toBe('default');
    ports.answerVerify({ok: false, error: wrongCode});
    frame = await frameWith(r, `✗ ${wrongCode.message}`);
    await typeKeys(r, '\u001B');
    await frameWhere(r, (f) => f.includes('MFA DEVICE'));
  });
});

describe('help overlay', () => {
  it('lists the keys of the table it came from, then closes', async () => {
    const r = mount(fakePorts());
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, '?');
    const frame = await frameWith(r, 'Keys');
    const first = helpSections('profiles')[0];
    for (const row of first.rows) expect(frame).toContain(row.help);
    expect(frame.split('\n').at(-1)).toBe(keyBarText('help', 100));
    await typeKeys(r, '\u001B');
    await frameWhere(r, (f) => f.includes('MFA DEVICE'));
    expect(keymap.help.bindings.some((b) => b.action({}).type === 'help/closed')).toBe(true);
  });
});

describe('demo banner', () => {
  it('shows the current code and its countdown', async () => {
    const r = mount(fakePorts({banner: () => ({label: 'alice', code: '123456', secondsLeft: 17})}));
    const frame = await frameWith(r, 'MFA code for alice: 123 456');
    expect(frame).toContain('17 s left');
    expect(frame.split('\n')).toHaveLength(23);
  });
});
