// How expiry texts read: the forms tools write, and Date's own quirks they inherit.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  expiryOfKeys,
  expiryStateAt,
  expiryStateSpan,
  parseExpiryText,
} from '../../source/core/expiry.js';

describe('parseExpiryText', () => {
  it.each([
    ['2026-11-28 14:00:00', '2026-11-28T14:00:00.000Z'],
    ['2026-11-28T14:00:00Z', '2026-11-28T14:00:00.000Z'],
    ['2026-02-30T00:00:00Z', '2026-03-02T00:00:00.000Z'],
    ['2026-11-28T24:00:00Z', '2026-11-29T00:00:00.000Z'],
    ['2026-11-28T14:00:00UTC', '2026-11-28T14:00:00.000Z'],
    [' 2026-11-28 14:00:00 ', '2026-11-28T14:00:00.000Z'],
    ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59.000Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseExpiryText(text)?.toISOString()).toBe(iso);
  });

  it.each(['2026-13-01 00:00:00', '2026-11-28T14:60:00Z', '2026-11-28x14:00:00', 'soon', ''])(
    'refuses %j',
    (text) => {
      expect(parseExpiryText(text)).toBeUndefined();
    },
  );

  it('takes the first key that holds a date', () => {
    expect(
      expiryOfKeys({
        x_security_token_expires: 'bogus',
        expiration: '2026-11-28 14:00:00',
        aws_credential_expiration: '2030-01-01T00:00:00Z',
      })?.toISOString(),
    ).toBe('2026-11-28T14:00:00.000Z');
  });
});

describe('expiryStateSpan', () => {
  it('holds every time with the same state, and no other', () => {
    const ms = fc.integer({min: -8.64e15, max: 8.64e15});
    fc.assert(
      fc.property(ms, ms, ms, fc.integer({min: 0, max: 10 ** 7}), (expires, now, other, warn) => {
        const state = expiryStateAt(expires, now, warn);
        const [from, until] = expiryStateSpan(state, expires, warn);
        expect(from <= now && now < until).toBe(true);
        expect(from <= other && other < until).toBe(expiryStateAt(expires, other, warn) === state);
        // The edges themselves.
        for (const edge of [from, until, from - 1, until - 1].filter(Number.isFinite))
          expect(from <= edge && edge < until).toBe(expiryStateAt(expires, edge, warn) === state);
      }),
      {numRuns: 2000},
    );
  });
});
