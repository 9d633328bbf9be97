import {describe, expect, it} from 'vitest';
import {checkCode, codeInOutput, typeCode} from '../../source/core/mfa.js';

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

describe('typeCode (the TUI code field)', () => {
  it.each([
    ['', '123 456', '123456'],
    ['', '123456\r', '123456'],
    ['12', '3', '123'],
    ['', '1a2', '12'],
  ])('after %j, %j makes %j', (sofar, text, code) => {
    expect(typeCode(sofar, text)).toEqual({ok: true, value: code});
  });

  it.each([
    ['', '123456789'],
    ['', '1) 654321'],
    ['123', '654321'],
  ])('after %j, refuses %j whole rather than cut it to another code', (sofar, text) => {
    const r = typeCode(sofar, text);
    expect(r.ok ? undefined : r.error.code).toBe('mfa-code-malformed');
  });
});

describe('codeInOutput (what a code command printed)', () => {
  it.each([
    ['123456\n', '123456'],
    ['123 456\n', '123456'],
    ['Amazon Web Services:alice  654321\n', '654321'],
  ])('takes %j as %s', (out, code) => {
    expect(codeInOutput(out)).toBe(code);
  });

  it.each(['', 'no code\n', '1234567\n', '12345\n'])('finds none in %j', (out) => {
    expect(codeInOutput(out)).toBeUndefined();
  });
});
