// `list --json` writes its text in pieces (writeProfilesJson); the pieces must join to exactly what
// JSON.stringify(…, null, 2) writes for the whole list, whatever the names hold.
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {profileJson, writeProfilesJson} from '../../source/commands/list.js';
import type {Profile, ProfileKind, ProfileState} from '../../source/core/profiles.js';

const kinds: ProfileKind[] = [
  'long-term',
  'session',
  'role',
  'sso',
  'process',
  'config-keys',
  'settings',
  'broken',
];
const states: ProfileState[] = [
  'long-term',
  'valid',
  'expiring',
  'expired',
  'unknown',
  'not-applicable',
  'broken',
];

/** Text with everything JSON.stringify escapes: quotes, backslashes, controls, lone surrogates. */
const oddText = fc.oneof(
  fc.string({unit: 'binary', maxLength: 12}),
  fc.string({unit: 'grapheme', maxLength: 12}),
  fc.constantFrom('a"b', 'back\\slash', 'tab\tx', '\u2028', '\ud800', '\udfff\ud800', '😀', ''),
);

const dateArb = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});

const profileArb: fc.Arbitrary<Profile> = fc.record(
  {
    name: oddText,
    kind: fc.constantFrom(...kinds),
    accessKeyIdLast4: fc.option(oddText, {nil: undefined}),
    mfaSerial: fc.option(oddText, {nil: undefined}),
    source: fc.option(oddText, {nil: undefined}),
    target: fc.option(oddText, {nil: undefined}),
    expiresAt: fc.option(dateArb, {nil: undefined}),
    state: fc.constantFrom(...states),
    problems: fc.constant([]),
    inCredentials: fc.boolean(),
    inConfig: fc.boolean(),
  },
  {requiredKeys: ['name', 'kind', 'state', 'problems', 'inCredentials', 'inConfig']},
);

function pieces(profiles: Profile[], active: (p: Profile) => boolean, chunk?: number) {
  const out: string[] = [];
  writeProfilesJson(profiles, active, (text) => out.push(text), chunk);
  return out;
}

const expected = (profiles: Profile[], active: (p: Profile) => boolean) =>
  `${JSON.stringify({profiles: profiles.map((p) => profileJson(p, active(p)))}, null, 2)}\n`;

describe('writeProfilesJson', () => {
  it('joins to exactly JSON.stringify of the whole list, for any names and piece size', () => {
    fc.assert(
      fc.property(
        fc.array(profileArb, {maxLength: 12}),
        fc.integer({min: 1, max: 5}),
        fc.nat(),
        (profiles, chunk, activeSeed) => {
          const activeName =
            profiles.length > 0 ? profiles[activeSeed % profiles.length]!.name : '';
          const active = (p: Profile) => p.name === activeName;
          expect(pieces(profiles, active, chunk).join('')).toBe(expected(profiles, active));
        },
      ),
      {numRuns: 600},
    );
  });

  it('writes a long list in several pieces, each a plain part of the text', () => {
    const profiles = Array.from({length: 601}, (_, i): Profile => ({
      name: i % 7 === 0 ? `odd "${i}"\n` : `p${i}`,
      kind: 'session',
      accessKeyIdLast4: 'ABCD',
      expiresAt: new Date(Date.UTC(2026, 10, 28, 12, 0, i)),
      state: 'valid',
      problems: [],
      inCredentials: true,
      inConfig: false,
    }));
    const active = (p: Profile) => p.name === 'p3';
    const out = pieces(profiles, active);
    expect(out.length).toBeGreaterThan(2);
    expect(out.join('')).toBe(expected(profiles, active));
    expect(JSON.parse(out.join('')).profiles[3].active).toBe(true);
  });

  it('writes an empty list as JSON.stringify does', () => {
    expect(pieces([], () => false).join('')).toBe(expected([], () => false));
  });
});
