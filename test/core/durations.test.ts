import {describe, expect, it} from 'vitest';
import {
  checkRoleDuration,
  checkSessionDuration,
  formatSeconds,
  isRootIdentity,
  parseDuration,
} from '../../source/core/durations.js';

describe('parseDuration', () => {
  it.each([
    ['3600', 3600],
    ['1h30m', 5400],
    ['12h', 43_200],
    ['90m', 5400],
    ['1d', 86_400],
    ['1h 15m 30s', 4530],
    ['36H', 129_600],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ok: true, value: seconds});
  });
  it.each(['', 'abc', '1x', '1h-', '-5', '1.5h'])('refuses %j', (text) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('duration-invalid');
  });
});

describe('checkSessionDuration', () => {
  it('accepts the STS range', () => {
    expect(checkSessionDuration(900, false).ok).toBe(true);
    expect(checkSessionDuration(129_600, false).ok).toBe(true);
  });
  it('refuses outside it, naming the range', () => {
    const r = checkSessionDuration(600, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('900–129600');
    expect(checkSessionDuration(129_601, false).ok).toBe(false);
  });
  it('caps the root user at one hour', () => {
    expect(checkSessionDuration(3600, true).ok).toBe(true);
    const r = checkSessionDuration(3601, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('root');
  });
});

describe('checkRoleDuration', () => {
  it('takes AssumeRole’s range, not GetSessionToken’s', () => {
    expect(checkRoleDuration(43_200, 'fix it').ok).toBe(true);
    const r = checkRoleDuration(72_000, 'fix it');
    expect(r.ok ? undefined : r.error.remedy).toEqual({
      flag: '--duration',
      min: 900,
      max: 43_200,
      or: 'fix it',
    });
    expect(checkRoleDuration(899, 'fix it').ok).toBe(false);
  });
});

describe('isRootIdentity', () => {
  it('recognises root MFA devices and root ARNs', () => {
    expect(isRootIdentity('arn:aws:iam::123456789012:mfa/root-account-mfa-device')).toBe(true);
    expect(isRootIdentity('arn:aws:iam::123456789012:root')).toBe(true);
    expect(isRootIdentity('arn:aws:iam::123456789012:mfa/alice')).toBe(false);
    expect(isRootIdentity(undefined)).toBe(false);
  });
});

describe('formatSeconds', () => {
  it('reads naturally', () => {
    expect(formatSeconds(5400)).toBe('1h30m');
    expect(formatSeconds(900)).toBe('15m');
    expect(formatSeconds(0)).toBe('0s');
  });
});
