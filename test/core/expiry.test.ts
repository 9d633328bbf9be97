// How expiry texts read: the forms tools write, and Date's own quirks they inherit.
import {describe, expect, it} from 'vitest';
import {expiryOfKeys, parseExpiryText} from '../../source/core/expiry.js';

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
