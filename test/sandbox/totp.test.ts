import fc from 'fast-check';
import {generate} from 'otplib';
import {describe, expect, test} from 'vitest';
import {totpStepAt} from '../../source/core/code-steps.js';
import {
  base32Decode,
  base32Encode,
  matchTotpStep,
  totpCode,
  totpCodeAt,
} from '../../source/sandbox/totp.js';

// RFC 6238 appendix B, SHA-1 rows (the seed is the ASCII of "12345678901234567890"); 6-digit codes
// are the last six digits of the 8-digit values listed there.
const rfcSeed = Buffer.from('12345678901234567890', 'ascii');
const rfcVectors: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  test.each(rfcVectors)('RFC 6238 vector at T=%i', (seconds, eight) => {
    expect(totpCodeAt(rfcSeed, totpStepAt(new Date(seconds * 1000)))).toBe(eight.slice(2));
    expect(totpCode(base32Encode(rfcSeed), new Date(seconds * 1000))).toBe(eight.slice(2));
  });

  test('agrees with otplib for random 40-byte seeds and times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({minLength: 40, maxLength: 40}),
        fc.integer({min: 0, max: 4_000_000_000}),
        async (seed, seconds) => {
          const secret = base32Encode(seed);
          const theirs = await generate({secret, epoch: seconds});
          expect(totpCode(secret, new Date(seconds * 1000))).toBe(theirs);
        },
      ),
      {numRuns: 50},
    );
  });

  test('base32 round-trips and ignores case, spaces and padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 64}), (bytes) => {
        const text = base32Encode(bytes);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        expect([...base32Decode(text)!]).toEqual([...bytes]);
        expect([...base32Decode(`${text.toLowerCase()} ==`)!]).toEqual([...bytes]);
      }),
    );
    expect(base32Decode('ABC1')).toBeUndefined();
  });

  test('accepts ±1 step, not ±2, and a step only once', () => {
    const now = new Date(1_700_000_015_000);
    const step = totpStepAt(now);
    const at = (d: number) => totpCodeAt(rfcSeed, step + d);
    expect(matchTotpStep(rfcSeed, at(-1), now)).toBe(step - 1);
    expect(matchTotpStep(rfcSeed, at(0), now)).toBe(step);
    expect(matchTotpStep(rfcSeed, at(1), now)).toBe(step + 1);
    for (const d of [-2, 2]) {
      if (![at(-1), at(0), at(1)].includes(at(d))) {
        expect(matchTotpStep(rfcSeed, at(d), now)).toBeUndefined();
      }
    }
    expect(matchTotpStep(rfcSeed, at(0), now, step)).toBeUndefined();
    // A code from before the last accepted step is refused too.
    expect(matchTotpStep(rfcSeed, at(-1), now, step)).toBeUndefined();
    expect(matchTotpStep(rfcSeed, at(1), now, step)).toBe(step + 1);
    expect(matchTotpStep(rfcSeed, '12345', now)).toBeUndefined();
    expect(matchTotpStep(rfcSeed, 'abcdef', now)).toBeUndefined();
  });
});
