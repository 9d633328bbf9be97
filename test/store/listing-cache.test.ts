// The listing cache's file: a first line with the first rows (what the TUI's first frame reads
// alone) and a second with the rest. Read whole, it gives back every profile; its first line, the
// first ones and how many there are; anything not as written reads as no cache.
import {readFileSync, writeFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Profile} from '../../source/core/profiles.js';
import {
  headRows,
  listingCacheFile,
  listingKey,
  readListing,
  readListingHead,
  writeListing,
  type ListingKey,
} from '../../source/store/listing-cache.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';

let h: TestHome;
let key: ListingKey;
beforeEach(() => {
  h = makeTestHome();
  h.write('credentials', '[a]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
  key = listingKey(h.env, {
    targets: {},
    serials: {},
    warnSeconds: 900,
    defaultDurationSeconds: 43200,
  })!;
});
afterEach(() => h.cleanup());

const now = new Date('2026-11-29T12:00:00Z');
const profiles = (count: number): Profile[] =>
  Array.from({length: count}, (_, i) => ({
    name: i % 2 ? `p${i}` : `é "${i}"`,
    kind: 'session' as const,
    accessKeyIdLast4: 'SION',
    expiresAt: new Date(now.getTime() + (i - count / 2) * 60_000),
    state: 'unknown' as const,
    problems: [],
    inCredentials: true,
    inConfig: false,
  }));
/** At `now`, as the cache gives them back (states worked out again). */
const at = (list: Profile[]) =>
  list.map((p) => ({
    ...p,
    state:
      p.expiresAt! <= now
        ? 'expired'
        : p.expiresAt!.getTime() - now.getTime() <= 900_000
          ? 'expiring'
          : 'valid',
    mfaSerial: undefined,
    source: undefined,
    target: undefined,
    region: undefined,
    manager: undefined,
  }));
// Written well after the files' change, so never too recent to cache.
const write = (list: Profile[]) =>
  writeListing(h.env, key, {profiles: list, warnings: ['w1']}, key.newestChangeMs + 10_000);

describe('the listing cache file', () => {
  it.each([0, 1, headRows, headRows + 1, 2 * headRows + 17])(
    'gives back %i profiles whole, and the first ones with their number',
    (count) => {
      const list = profiles(count);
      write(list);
      expect(readListing(h.env, key, now, 900)).toEqual({profiles: at(list), warnings: ['w1']});
      expect(readListingHead(h.env, key, now, 900)).toEqual({
        profiles: at(list.slice(0, headRows)),
        total: count,
        warnings: ['w1'],
      });
    },
  );

  it('reads as no cache when it is not as written, or for another key', () => {
    write(profiles(2 * headRows));
    const text = readFileSync(listingCacheFile(h.env), 'utf8');
    const [first, rest] = text.split('\n') as [string, string];
    for (const damaged of [
      text.slice(0, text.length - 10),
      first,
      `${first}\n${rest.replace(/^\[\[/, '[')}`,
      `${first.replace('"total":600', '"total":601')}\n${rest}`,
    ]) {
      writeFileSync(listingCacheFile(h.env), damaged);
      expect(readListing(h.env, key, now, 900)).toBeUndefined();
    }
    writeFileSync(listingCacheFile(h.env), `${first.replace('"total":600', '"total":299')}\n`);
    expect(readListingHead(h.env, key, now, 900)).toBeUndefined();
    writeFileSync(listingCacheFile(h.env), text);
    expect(readListingHead(h.env, {...key, text: `${key.text} `}, now, 900)).toBeUndefined();
    expect(readListing(h.env, {...key, text: `${key.text} `}, now, 900)).toBeUndefined();
    expect(readListingHead(h.env, key, now, 900)?.total).toBe(600);
  });
});
