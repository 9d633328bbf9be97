// The reducer's issue #8 flows: a device chosen from IAM's list, role renewal with and without a
// new code, and a batch that waits for the next code step between profiles sharing a device.
import {describe, expect, it} from 'vitest';
import {ok} from '../../source/core/errors.js';
import {codeWaitMs, countdownText} from '../../source/core/code-steps.js';
import {expiryCell} from '../../source/ui/format.js';
import {batchQueue} from '../../source/ui/state/batch.js';
import {focusOf} from '../../source/ui/state/focus.js';
import {reducer} from '../../source/ui/state/reducer.js';
import {waitingFor} from '../../source/ui/state/renew-plan.js';
import type {State} from '../../source/ui/state/state.js';
import {fixedNow, sampleConfig, sampleCredentials, snapshotFrom, wrongCode} from './fixtures.js';
import {key, keyOf} from './keys.js';
import {loaded as loadedIn, run, select} from './reducer-helpers.js';

const loaded = (options: Parameters<typeof snapshotFrom>[0] = {}) =>
  loadedIn(options, {columns: 100, rows: 30});

const press = (state: State, input: string, flags: Parameters<typeof key>[0] = {}) =>
  reducer(state, {type: 'key/pressed', key: keyOf(input, flags)});

const serial = (name: string) => `arn:aws:iam::123456789012:mfa/${name}`;
const noDevice = `[work]
aws_access_key_id = AKIAEXAMPLEWORKKEY05
aws_secret_access_key = secretsecretsecretsecretsecretsecret0005
`;
const done = (target: string, source: string) => ({
  type: 'renew/succeeded' as const,
  done: {source, target, expiresAt: new Date('2026-03-02T00:00:00Z')},
  now: fixedNow,
});

describe('device choice (no device configured)', () => {
  const open = () =>
    run(select(loaded({credentials: noDevice, config: ''}), 'work'), {type: 'renew/opened'});

  it('asks IAM first: the panel waits, digits are not taken', () => {
    const s = open();
    expect(s.renew?.phase).toBe('discovering');
    expect(s.renew?.plan).toMatchObject({source: 'work', target: 'work-mfa', discover: true});
    expect(focusOf(s)).toBe('renew-wait');
    expect(press(s, '1').renew?.code).toBe('');
  });

  it('lists several devices: ↑/↓ move, s toggles saving, Enter chooses and plans with that device', () => {
    let s = run(open(), {
      type: 'renew/devices-found',
      source: 'work',
      devices: [
        {serial: serial('phone'), userName: 'two'},
        {serial: serial('yubikey'), userName: 'two'},
      ],
    });
    expect(s.renew?.phase).toBe('choosing');
    expect(focusOf(s)).toBe('renew-device');
    s = press(s, '', {downArrow: true});
    expect(s.renew?.devices?.index).toBe(1);
    s = press(s, '', {downArrow: true});
    expect(s.renew?.devices?.index).toBe(1);
    s = press(s, 's');
    expect(s.renew?.devices?.save).toBe(true);
    s = press(s, '', {return: true});
    expect(s.renew?.phase).toBe('editing');
    expect(focusOf(s)).toBe('renew-code-found');
    expect(s.renew?.plan?.serial).toBe(serial('yubikey'));
    expect(s.renew?.plan?.discover).toBeUndefined();
    s = press(s, 's');
    expect(s.renew?.devices?.save).toBe(false);
    s = press(s, 's');
    s = press(s, '123456');
    expect(s.renew?.phase).toBe('submitting');
  });

  it('uses the only device at once, still offering to save it', () => {
    const s = run(open(), {
      type: 'renew/devices-found',
      source: 'work',
      devices: [{serial: serial('one'), userName: 'one'}],
    });
    expect(s.renew?.phase).toBe('editing');
    expect(s.renew?.plan?.serial).toBe(serial('one'));
    expect(focusOf(s)).toBe('renew-code-found');
    expect(s.renew?.devices?.save).toBe(false);
  });

  it('refuses when IAM lists none, with the fix', () => {
    const s = run(open(), {type: 'renew/devices-found', source: 'work', devices: []});
    expect(focusOf(s)).toBe('renew-refused');
    const preview = s.renew!.preview;
    expect(preview.ok ? '' : preview.error.code).toBe('mfa-device-none');
    expect(preview.ok ? '' : preview.error.fix).toContain('Assign a virtual MFA device');
  });

  it('shows why IAM could not be asked', () => {
    const s = run(open(), {type: 'renew/discover-failed', error: wrongCode});
    expect(focusOf(s)).toBe('renew-refused');
    expect(s.renew?.preview.ok).toBe(false);
  });

  it('says what was saved when the renewal answers', () => {
    let s = run(open(), {
      type: 'renew/devices-found',
      source: 'work',
      devices: [{serial: serial('one'), userName: 'one'}],
    });
    s = run(s, {type: 'renew/save-toggled'}, {type: 'renew/code-typed', text: '123456'});
    s = reducer(s, {
      ...done('work-mfa', 'work'),
      done: {
        ...done('work-mfa', 'work').done,
        saved: {file: '/home/u/.aws/config', header: 'profile work'},
      },
    });
    expect(s.message?.text).toContain('saved mfa/one as mfa_serial in [profile work]');
  });
});

describe('role mode', () => {
  // [admin] takes its credentials from [mfa], an MFA session valid until 14:00 (it is 12:00).
  const open = () => run(select(loaded(), 'admin'), {type: 'renew/opened'});

  it('signs with the MFA session: no code, the chaining cap shown, Enter renews', () => {
    const s = open();
    expect(focusOf(s)).toBe('renew-role');
    expect(s.renew?.plan).toMatchObject({
      kind: 'role',
      target: 'admin',
      needsCode: false,
      bySession: true,
      durationSeconds: 3600,
    });
    expect(s.renew?.plan?.signing).toBe(
      'signed by the MFA session in mfa, no new code (role chaining: 1 h at most)',
    );
    expect(press(s, '1').renew?.code).toBe('');
    const sent = press(s, '', {return: true});
    expect(sent.renew?.phase).toBe('submitting');
    expect(sent.renew?.attempt).toBe(1);
  });

  it('n asks for a new code instead, signed by the long-term keys', () => {
    let s = press(open(), 'n');
    expect(s.renew?.newCode).toBe(true);
    expect(focusOf(s)).toBe('renew-code');
    expect(s.renew?.plan).toMatchObject({kind: 'role', needsCode: true, bySession: false});
    expect(s.renew?.plan?.signing).toBe(
      "signed by default's keys with a code from arn:aws:iam::111122223333:mfa/alice",
    );
    s = press(s, '', {return: true});
    expect(s.renew?.error?.code).toBe('code-incomplete');
    s = press(s, '654321');
    expect(s.renew?.phase).toBe('submitting');
  });

  it('asks for the code when the source holds no valid session', () => {
    const late = loaded({
      config: `${sampleConfig}mfa_serial = arn:aws:iam::111122223333:mfa/alice\n`,
      now: new Date('2026-03-01T15:00:00Z'),
    });
    const s = run(select(late, 'admin'), {type: 'renew/opened'});
    expect(focusOf(s)).toBe('renew-code');
    expect(s.renew?.plan).toMatchObject({kind: 'role', needsCode: true});
  });

  it('says the role was renewed and how it was signed', () => {
    const s = run(
      open(),
      {type: 'renew/started'},
      {
        ...done('admin', 'mfa'),
        done: {
          ...done('admin', 'mfa').done,
          kind: 'role',
          signing: 'signed by the MFA session in mfa, no new code (role chaining: 1 h at most)',
        },
      },
    );
    expect(s.renew).toBeUndefined();
    expect(s.selected).toBe('admin');
    expect(s.message?.text).toMatch(
      /^Renewed admin \(role\) from mfa: valid 12h 00m .*; signed by the MFA session in mfa/,
    );
  });
});

describe('batch renewal', () => {
  // What the effect reports as the code leaves for STS: its step is spent from then on.
  const sent = {type: 'renew/code-sent' as const, now: fixedNow};
  // Two long-term profiles on one device, and a third on another.
  const shared = (n: string, device: string) => `[${n}]
aws_access_key_id = AKIAEXAMPLE${n.toUpperCase().padEnd(9, 'X')}
aws_secret_access_key = secretsecretsecretsecretsecretsecret0009
mfa_serial = arn:aws:iam::111122223333:mfa/${device}
`;
  const three = () =>
    loaded({
      credentials: [shared('aaa', 'alice'), shared('bbb', 'alice'), shared('ccc', 'bob')].join(
        '\n',
      ),
      config: '',
    });

  it('marks rows with Space and queues the marked ones, one per target', () => {
    let s = three();
    s = press(s, ' ');
    s = press(s, 'j');
    s = press(s, ' ');
    expect(s.marks).toEqual(['aaa', 'bbb']);
    s = press(s, ' ');
    expect(s.marks).toEqual(['aaa']);
    s = press(s, ' ');
    expect(batchQueue(s)).toEqual({ok: true, value: ['aaa', 'bbb']});
  });

  it('without marks, R takes the selected row and every expired or expiring profile on its device', () => {
    const s = select(loaded(), 'default');
    // [mfa] is valid (not taken); nothing else uses mfa/alice.
    expect(batchQueue(s)).toEqual({ok: true, value: ['default']});
    const expired = select(loaded({now: new Date('2026-03-01T15:00:00Z')}), 'ops-long-term');
    // [ops] (expired, from ops-long-term) shares the target: one entry.
    expect(batchQueue(expired)).toEqual({ok: true, value: ['ops-long-term']});
    const fromSession = select(loaded({now: new Date('2026-03-01T15:00:00Z')}), 'mfa');
    expect(batchQueue(fromSession)).toEqual({ok: true, value: ['mfa']});
  });

  it('R judges expiring by the time the rows show, not by the time the files were read', () => {
    // bbb's session has 20 minutes left when the files are read (warning at 15).
    const session = `[bbb-mfa]
aws_access_key_id = ASIAEXAMPLEBBBXXXXXX
aws_secret_access_key = secretsecretsecretsecretsecretsecret0009
aws_session_token = token
expiration = 2026-03-01T12:20:00Z
`;
    const files = {
      credentials: [shared('aaa', 'alice'), shared('bbb', 'alice'), session].join('\n'),
      config: '',
    };
    const s = select(loaded(files), 'aaa');
    expect(run(s, {type: 'batch/opened', now: fixedNow}).renew?.batch?.queue).toEqual(['aaa']);
    // Six minutes later its row says "expires in 14m": R takes it too.
    const later = new Date(fixedNow.getTime() + 6 * 60_000);
    const opened = run(s, {type: 'batch/opened', now: later});
    expect(opened.renew?.batch?.queue).toEqual(['aaa', 'bbb-mfa']);
  });

  it('R takes a role row by the window its row is drawn with (the AWS CLI refreshes a role at 15 minutes)', () => {
    // A role on default's device whose cached session has 10 minutes left; the warning is 5.
    const role = {
      role_arn: 'arn:aws:iam::444455556666:role/admin',
      source_profile: 'default',
      mfa_serial: 'arn:aws:iam::111122223333:mfa/alice',
    };
    const expiresAt = new Date(fixedNow.getTime() + 10 * 60_000);
    const defaultAndMfa = sampleCredentials.slice(0, sampleCredentials.indexOf('[ops-long-term]'));
    const expired = defaultAndMfa.replace('2026-03-01T14:00:00Z', '2026-03-01T09:00:00Z');
    const credentials = `${expired}[zrole]
role_arn = ${role.role_arn}
source_profile = default
mfa_serial = ${role.mfa_serial}
`;
    const roleCache = new Map([['zrole', {expiresAt}]]);
    const s = select(loaded({credentials, config: '', warnSeconds: 300, roleCache}), 'default');
    // Its row is drawn as expiring (warn), so R takes it with the selected row.
    const row = s.snapshot!.profiles.find((p) => p.name === 'zrole')!;
    expect(expiryCell(row, fixedNow, 300).tone).toBe('warn');
    expect(run(s, {type: 'batch/opened', now: fixedNow}).renew?.batch?.queue).toEqual([
      'default',
      'zrole',
    ]);
  });

  it('asks one code, then waits for the next code step before the next profile, and reports each', () => {
    let s = run(three(), {type: 'batch/mark-toggled'}, {type: 'cursor/moved', move: 'down'});
    s = run(
      s,
      {type: 'batch/mark-toggled'},
      {type: 'cursor/moved', move: 'down'},
      {type: 'batch/mark-toggled'},
    );
    s = press(s, 'R');
    expect(s.marks).toEqual([]);
    expect(s.renew?.batch?.queue).toEqual(['aaa', 'bbb', 'ccc']);
    expect(s.renew?.plan?.target).toBe('aaa-mfa');
    expect(focusOf(s)).toBe('renew-code');
    s = press(s, '111111');
    expect(s.renew?.phase).toBe('submitting');
    s = run(s, sent, done('aaa-mfa', 'aaa'));
    // Same device: the step of the code just used is spent.
    expect(s.renew?.plan?.target).toBe('bbb-mfa');
    expect(s.renew?.phase).toBe('waiting');
    expect(focusOf(s)).toBe('renew-wait');
    expect(s.reloads).toBe(1);
    const waiting = waitingFor(s.renew)!;
    expect(waiting.serial).toBe('arn:aws:iam::111122223333:mfa/alice');
    // fixedNow is 12:00:00, the start of a step: the next one begins in 30 s.
    expect(codeWaitMs(waiting.ledger, waiting.serial, fixedNow)).toBe(30_000);
    expect(countdownText(waiting.serial, 17_000)).toBe(
      'Next code for mfa/alice in 17 s (each code works once)',
    );
    expect(press(s, '2').renew?.code).toBe('');
    s = reducer(s, {type: 'renew/code-step-reached'});
    expect(s.renew?.phase).toBe('editing');
    s = press(s, '222222');
    expect(s.renew?.attempt).toBe(2);
    s = reducer(s, {type: 'renew/failed', error: wrongCode});
    expect(s.renew?.phase).toBe('failed');
    s = press(s, '333333');
    s = run(s, sent, done('bbb-mfa', 'bbb'));
    // Another device: no wait.
    expect(s.renew?.plan?.target).toBe('ccc-mfa');
    expect(s.renew?.phase).toBe('editing');
    // Esc skips this one; the batch ends with each profile's result.
    s = press(s, '', {escape: true, meta: true});
    expect(s.renew).toBeUndefined();
    expect(s.message?.tone).toBe('bad');
    expect(s.message?.text).toMatch(
      /^Renewed 2 of 3: ✓ aaa-mfa valid 12h 00m · ✓ bbb-mfa valid 12h 00m · ✗ ccc-mfa skipped$/,
    );
  });

  it('waits too when the next member’s device is only known from IAM, and it is the one just used', () => {
    const undiscovered = `[zzz]
aws_access_key_id = AKIAEXAMPLEZZZXXXXXX
aws_secret_access_key = secretsecretsecretsecretsecretsecret0009
`;
    let s = loaded({credentials: [shared('aaa', 'alice'), undiscovered].join('\n'), config: ''});
    s = run(
      s,
      {type: 'batch/mark-toggled'},
      {type: 'cursor/moved', move: 'down'},
      {type: 'batch/mark-toggled'},
    );
    s = press(s, 'R');
    expect(s.renew?.batch?.queue).toEqual(['aaa', 'zzz']);
    s = press(s, '111111');
    s = run(s, sent, done('aaa-mfa', 'aaa'));
    expect(s.renew?.plan?.target).toBe('zzz-mfa');
    expect(s.renew?.phase).toBe('discovering');
    // IAM names alice's device, whose step the first code spent.
    const alice = 'arn:aws:iam::111122223333:mfa/alice';
    s = reducer(s, {
      type: 'renew/devices-found',
      source: 'zzz',
      devices: [{serial: alice, userName: 'alice'}],
    });
    expect(s.renew?.phase).toBe('waiting');
    expect(waitingFor(s.renew)?.serial).toBe(alice);
    // Chosen from a list of two: the same.
    s = loaded({credentials: [shared('aaa', 'alice'), undiscovered].join('\n'), config: ''});
    s = run(
      s,
      {type: 'batch/mark-toggled'},
      {type: 'cursor/moved', move: 'down'},
      {type: 'batch/mark-toggled'},
    );
    s = run(press(press(s, 'R'), '111111'), sent, done('aaa-mfa', 'aaa'), {
      type: 'renew/devices-found',
      source: 'zzz',
      devices: [
        {serial: 'arn:aws:iam::111122223333:mfa/other', userName: 'alice'},
        {serial: alice, userName: 'alice'},
      ],
    });
    expect(s.renew?.phase).toBe('choosing');
    s = press(s, '', {downArrow: true});
    s = press(s, '', {return: true});
    expect(s.renew?.phase).toBe('waiting');
    expect(waitingFor(s.renew)?.serial).toBe(alice);
  });

  it('spends the step of a code sent even when nothing was written: the next member waits (as the CLI does)', () => {
    const unwritten = {
      code: 'session-unwritten' as const,
      message: 'STS accepted the code',
      fix: '',
    };
    const marked = () =>
      run(
        three(),
        {type: 'batch/mark-toggled'},
        {type: 'cursor/moved', move: 'down'},
        {type: 'batch/mark-toggled'},
        {type: 'batch/opened'},
        {type: 'renew/code-typed', text: '111111'},
        sent,
      );
    // STS took aaa's code but the session could not be written; Esc skips aaa.
    let s = run(marked(), {type: 'renew/failed', error: unwritten}, {type: 'renew/cancelled'});
    expect(s.renew?.plan?.target).toBe('bbb-mfa');
    expect(s.renew?.phase).toBe('waiting');
    // Esc while the code was on its way, Esc again to skip aaa: the same.
    s = run(marked(), {type: 'renew/cancelled'}, {type: 'renew/cancelled'});
    expect(s.renew?.plan?.target).toBe('bbb-mfa');
    expect(s.renew?.phase).toBe('waiting');
    // The code just sent, typed again once the wait is over, is refused before STS sees it.
    s = run(s, {type: 'renew/code-step-reached'}, {type: 'renew/code-typed', text: '111111'});
    expect(s.renew?.phase).toBe('editing');
    expect(s.renew?.code).toBe('');
    expect(s.renew?.error?.code).toBe('mfa-code-reused');
    expect(run(s, {type: 'renew/code-typed', text: '222222'}).renew?.phase).toBe('submitting');
  });

  it('Esc while waiting stops the batch', () => {
    let s = run(
      three(),
      {type: 'batch/mark-toggled'},
      {type: 'cursor/moved', move: 'down'},
      {type: 'batch/mark-toggled'},
    );
    s = run(s, {type: 'batch/opened'}, {type: 'renew/code-typed', text: '111111'});
    s = run(s, sent, done('aaa-mfa', 'aaa'));
    expect(s.renew?.phase).toBe('waiting');
    s = reducer(s, {type: 'renew/cancelled'});
    expect(s.renew).toBeUndefined();
    expect(s.message?.text).toBe(
      'Renewed 1 of 2: ✓ aaa-mfa valid 12h 00m · ✗ bbb-mfa not renewed (stopped)',
    );
  });

  it('sends a role the MFA session signs at once, without spending a code step', () => {
    let s = select(loaded(), 'default');
    s = run(
      s,
      {type: 'batch/mark-toggled'},
      {type: 'cursor/moved', move: 'top'},
      {type: 'batch/mark-toggled'},
    );
    s = reducer(s, {type: 'batch/opened'});
    expect(s.renew?.batch?.queue).toEqual(['admin', 'default']);
    expect(s.renew?.phase).toBe('submitting');
    expect(s.renew?.attempt).toBe(1);
    s = reducer(s, {...done('admin', 'mfa'), done: {...done('admin', 'mfa').done, kind: 'role'}});
    expect(s.renew?.plan?.target).toBe('mfa');
    expect(s.renew?.phase).toBe('editing');
    expect(s.renew?.batch?.ledger).toEqual({});
    s = reducer(s, {type: 'renew/code-typed', text: '123456'});
    expect(s.renew?.attempt).toBe(2);
  });

  it('plans the next member again when the files reload: a session just written signs a role without a code', () => {
    // The sample's [default] and its [mfa] session, expiring when the test says, and a role on
    // default's device.
    const defaultAndMfa = sampleCredentials.slice(0, sampleCredentials.indexOf('[ops-long-term]'));
    const files = (expires: string) => ({
      credentials: `${defaultAndMfa.replace('2026-03-01T14:00:00Z', expires)}[zrole]
role_arn = arn:aws:iam::444455556666:role/admin
source_profile = default
mfa_serial = arn:aws:iam::111122223333:mfa/alice
`,
      config: '',
    });
    let s = select(loaded(files('2026-03-01T09:00:00Z')), 'default');
    s = run(s, {type: 'batch/mark-toggled'});
    s = select(s, 'zrole');
    s = run(s, {type: 'batch/mark-toggled'}, {type: 'batch/opened'});
    expect(s.renew?.batch?.queue).toEqual(['default', 'zrole']);
    s = reducer(s, {type: 'renew/code-typed', text: '111111'});
    s = run(s, sent, done('mfa', 'default'));
    // Planned on the files before [mfa] was renewed: a code, and its step is spent.
    expect(s.renew?.plan).toMatchObject({kind: 'role', needsCode: true});
    expect(s.renew?.phase).toBe('waiting');
    // The reload shows [mfa] valid: the role goes at once, signed by that session.
    const snapshot = snapshotFrom(files('2026-03-02T00:00:00Z'));
    s = reducer(s, {type: 'profiles/loaded', result: ok(snapshot)});
    expect(s.renew?.plan).toMatchObject({kind: 'role', needsCode: false, bySession: true});
    expect(s.renew?.phase).toBe('submitting');
    expect(s.renew?.attempt).toBe(2);
  });
});
