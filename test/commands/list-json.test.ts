// `list --json` writes its text in pieces (writeProfilesJson); the pieces must join to exactly what
// JSON.stringify(…, null, 2) writes for the whole list, whatever the names hold.
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {profileJson, writeProfilesJson} from '../../source/commands/list.js';
import {expiryState} from '../../source/core/expiry.js';
import type {Profile, ProfileKind, ProfileState} from '../../source/core/profiles.js';
import {jsonPlaces, mendJson, type JsonPlaces} from '../../source/store/list-json-cache.js';

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

// list --json keeps the text it wrote and mends it at the next run (store/list-json-cache.ts): the
// states of profiles with an expiry, and the `active` flags. The mended text must be exactly what
// a run at that time, with that profile active, writes.
describe('the cached text of list --json, mended', () => {
  const at = (profiles: Profile[], now: Date, warnSeconds: number) =>
    profiles.map((p) =>
      p.expiresAt === undefined ? p : {...p, state: expiryState(p.expiresAt, now, warnSeconds)},
    );
  const text = (profiles: Profile[], activeName: string | null) =>
    pieces(profiles, (p) => p.name === activeName).join('');
  /** As the cache file holds it: the places' record (room to mend into), then the text. */
  const mend = (
    cached: string,
    places: JsonPlaces,
    now: Date,
    warnSeconds: number,
    activeName: string | null,
  ) => {
    const head = Buffer.from(`${JSON.stringify(places)}\n`);
    const file = Buffer.concat([head, Buffer.from(cached)]);
    return mendJson(file, head.length, places, now, warnSeconds, activeName)?.toString();
  };

  it('is what a run at another time, with another profile active, writes', () => {
    fc.assert(
      fc.property(
        fc.array(profileArb, {maxLength: 10}),
        // Another time altogether, or soon after: mostly states still true, taken as written.
        fc.tuple(dateArb, fc.oneof(dateArb, fc.integer({min: -1, max: 3_600_000}))),
        fc.integer({min: 0, max: 100_000}),
        fc.tuple(fc.option(fc.nat()), fc.option(fc.nat())),
        (model, [then, later], warnSeconds, seeds) => {
          const now = typeof later === 'number' ? new Date(then.getTime() + later) : later;
          // Names repeat in this model (never in the files'): every profile of the name is active.
          const [before, after] = seeds.map((s) =>
            s === null
              ? null
              : s % (model.length + 1) === model.length
                ? 'nobody'
                : model[s % (model.length + 1)]!.name,
          ) as [string | null, string | null];
          const written = at(model, then, warnSeconds);
          const cached = text(written, before);
          const places = jsonPlaces(Buffer.from(cached), written, before, warnSeconds);
          expect(places).toBeDefined();
          expect(mend(cached, places!, now, warnSeconds, after)).toBe(
            text(at(model, now, warnSeconds), after),
          );
        },
      ),
      {numRuns: 600},
    );
  });

  it('is refused when the text does not fit its places', () => {
    const model: Profile[] = [
      {
        name: 'a',
        kind: 'long-term',
        state: 'long-term',
        problems: [],
        inCredentials: true,
        inConfig: false,
      },
      {
        name: 'b',
        kind: 'session',
        expiresAt: new Date(Date.UTC(2026, 10, 29, 12)),
        state: 'valid',
        problems: [],
        inCredentials: true,
        inConfig: false,
      },
    ];
    const now = new Date(Date.UTC(2026, 10, 29, 13));
    const cached = text(model, 'a');
    const places = jsonPlaces(Buffer.from(cached), model, 'a', 900)!;
    expect(mend(cached, places, now, 900, 'b')).toBe(text(at(model, now, 900), 'b'));
    for (const damaged of [
      cached.replace('"name": "a"', '"name": "ab"'),
      cached.replace('"valid"', '"VALID"'),
      cached.replace('"active": true', '"active": false'),
      cached.slice(0, cached.length / 2),
    ])
      expect(mend(damaged, places, now, 900, 'b')).toBeUndefined();
    // Text that is not the model's is never cached.
    expect(jsonPlaces(Buffer.from(cached), model, 'b', 900)).toBeUndefined();
    expect(jsonPlaces(Buffer.from(cached.slice(0, 40)), model, 'a', 900)).toBeUndefined();
  });
});
