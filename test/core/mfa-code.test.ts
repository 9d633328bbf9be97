import {describe, expect, it} from 'vitest';
import {checkCode} from '../../source/core/mfa.js';

describe('checkCode', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    [' 123456\n', '123456'],
    ['123\u00a0456', '123456'],
    ['123\u2009456', '123456'],
    ['12 34 56', '123456'],
  ])('takes %j as the code %s (spaces dropped before the check)', (given, code) => {
    expect(checkCode(given)).toEqual({ok: true, value: code});
  });

  it.each(['12345', '1234567', '123-456', '12a456', '', '123 4567'])(
    'refuses %j: not 6 digits once its spaces are dropped',
    (given) => {
      const r = checkCode(given);
      expect(r.ok ? undefined : r.error.code).toBe('mfa-code-malformed');
    },
  );
});
