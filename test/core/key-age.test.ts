import {describe, expect, it} from 'vitest';
import {
  keyAge,
  keyAgeText,
  rememberKeyDates,
  rememberedKeyDate,
} from '../../source/core/key-age.js';

const now = new Date('2026-12-07T12:00:00Z');

/** A key's age from the remembered dates, as `list` and the TUI work it out. */
function knownKeyAge(id: string, remembered: Record<string, string>, at: Date, days: number) {
  const made = rememberedKeyDate(id, remembered);
  return made && keyAge(made, at, days);
}

describe('key age', () => {
  it('counts whole days and marks a key at or past the threshold', () => {
    expect(keyAge(new Date('2026-09-08T12:00:00Z'), now, 90)).toMatchObject({days: 90, old: true});
    expect(keyAge(new Date('2026-09-08T12:00:01Z'), now, 90)).toMatchObject({days: 89, old: false});
    expect(keyAge(new Date('2027-01-01T00:00:00Z'), now, 90)).toMatchObject({days: 0, old: false});
  });

  it('is known only for a remembered key id, never from Object’s members', () => {
    const remembered = {AKIAAAAAAAAAAAAAAAAA: '2026-01-01T00:00:00.000Z'};
    expect(knownKeyAge('AKIAAAAAAAAAAAAAAAAA', remembered, now, 90)?.old).toBe(true);
    expect(knownKeyAge('AKIABBBBBBBBBBBBBBBB', remembered, now, 90)).toBeUndefined();
    expect(knownKeyAge('constructor', remembered, now, 90)).toBeUndefined();
  });

  it('remembers listed dates and forgets deleted keys', () => {
    const next = rememberKeyDates(
      {OLD: '2020-01-01T00:00:00.000Z', KEEP: '2021-01-01T00:00:00.000Z'},
      [{accessKeyId: 'NEW', createdAt: now}, {accessKeyId: 'NODATE'}],
      ['OLD'],
    );
    expect({...next}).toEqual({KEEP: '2021-01-01T00:00:00.000Z', NEW: now.toISOString()});
  });
});

describe('key age text', () => {
  it('is short, says "old" past the threshold, and nothing when unknown or not a date', () => {
    const remembered = {A: '2026-12-06T12:00:00.000Z', B: '2026-01-01T00:00:00.000Z', C: 'soon'};
    expect(keyAgeText(knownKeyAge('A', remembered, now, 90))).toBe('1d');
    expect(keyAgeText(knownKeyAge('B', remembered, now, 90))).toBe('340d old');
    expect(keyAgeText(knownKeyAge('C', remembered, now, 90))).toBe('');
    expect(keyAgeText(undefined)).toBe('');
  });
});
