import {describe, expect, it} from 'vitest';
import {
  codeWaitMs,
  countdownText,
  nextCodeAt,
  isReused,
  takeCode,
  totpStepAt,
} from '../../source/core/code-steps.js';
import {chooseDiscoveredDevice, mfaProcessFor} from '../../source/core/mfa.js';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const OTHER = 'arn:aws:iam::123456789012:mfa/bob';
const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, 0) + s * 1000);

describe('waiting for a fresh code', () => {
  it('asks at once for a device not used yet in this run', () => {
    expect(codeWaitMs({}, SERIAL, at(7))).toBe(0);
    expect(nextCodeAt({}, SERIAL, at(7))).toBeUndefined();
  });
  it('after a code of step S, waits for the start of step S+1, for that device only', () => {
    const ledger = takeCode({}, SERIAL, '123456', at(7));
    expect(totpStepAt(at(7))).toBe(totpStepAt(at(29)));
    expect(codeWaitMs(ledger, SERIAL, at(12))).toBe(18_000);
    expect(nextCodeAt(ledger, SERIAL, at(12))).toEqual(at(30));
    expect(codeWaitMs(ledger, SERIAL, at(30))).toBe(0);
    expect(codeWaitMs(ledger, OTHER, at(12))).toBe(0);
  });
  it('never moves a device back to an earlier step', () => {
    const ledger = takeCode(takeCode({}, SERIAL, '111111', at(65)), SERIAL, '222222', at(7));
    expect(nextCodeAt(ledger, SERIAL, at(66))).toEqual(at(90));
  });
  it('knows the code last sent for a device, to refuse it handed again', () => {
    const ledger = takeCode(takeCode({}, SERIAL, '111111', at(7)), SERIAL, '222222', at(40));
    expect(isReused(ledger, SERIAL, '222222')).toBe(true);
    expect(isReused(ledger, SERIAL, '111111')).toBe(false);
    expect(isReused(ledger, OTHER, '222222')).toBe(false);
  });
  it('says what it waits for, in whole seconds rounded up', () => {
    expect(countdownText(SERIAL, 17_200)).toBe(
      'Next code for mfa/alice in 18 s (each code works once)',
    );
  });
});

describe('device discovery choice', () => {
  const device = (name: string) => ({
    serial: `arn:aws:iam::123456789012:mfa/${name}`,
    userName: 'alice',
  });
  it('uses the only device', () => {
    expect(chooseDiscoveredDevice([device('a')], 'default')).toEqual({
      ok: true,
      value: device('a'),
    });
  });
  it('names every device when there are several, and says how to pick', () => {
    const r = chooseDiscoveredDevice([device('phone'), device('yubikey')], 'default');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('mfa-device-ambiguous');
    expect(r.error.message).toContain('arn:aws:iam::123456789012:mfa/phone');
    expect(r.error.message).toContain('arn:aws:iam::123456789012:mfa/yubikey');
    expect(r.error.fix).toContain('--serial');
  });
  it('says there is none', () => {
    expect(chooseDiscoveredDevice([], 'default')).toMatchObject({
      ok: false,
      error: {code: 'mfa-device-none'},
    });
  });
  it('mfa_process: first profile that sets it', () => {
    expect(
      mfaProcessFor(
        undefined,
        {mfa_process: '  '},
        {mfa_process: 'ykman oath accounts code --single aws'},
      ),
    ).toBe('ykman oath accounts code --single aws');
    expect(mfaProcessFor({region: 'x'})).toBeUndefined();
  });
});
