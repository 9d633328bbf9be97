// `list --json`'s cache of its own output. The profile model's cache (listing-cache.ts) spares the
// parse, but a run still rebuilds thousands of profiles and writes their JSON, and in a process
// this young the allocation alone (collections, page faults) costs more than the I/O. Yet nearly
// all of that text depends only on the files: what depends on the clock is the state of a profile
// with an expiry, and on the environment which profile is `active`. So `list --json` keeps the text
// it wrote with the place of each such value, under the model cache's key (same files, settings,
// build, user), and a run that finds it mends those few values in place and writes the bytes.
//
// File: one line of JSON (key, warnings, the places), then the text. It holds what `list --json`
// prints, so no secret. Missing, damaged or for another key, it is ignored; failing to write it
// too (listing-cache.ts writes both the same way).
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expiryState} from '../core/expiry.js';
import type {Profile} from '../core/profiles.js';
import {saveCacheFile, type ListingKey} from './listing-cache.js';
import {cacheDir} from './paths.js';

export function listJsonCacheFile(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'list-json.cache');
}

/**
 * Where the text must be mended: `clock` is [offset, expiry (ms), state written] per profile with
 * an expiry; `active` the offsets of the `true` written for the active name (`activeName`).
 */
export type JsonPlaces = {
  clock: (number | string)[];
  activeName: string | null;
  active: number[];
};

// The indentation JSON.stringify(…, null, 2) gives a profile's fields: a string holds no raw line
// break, so these appear nowhere but at the start of those fields.
const stateField = Buffer.from('\n      "state": "');
const activeField = Buffer.from('\n      "active": ');
const nameField = (name: string) => Buffer.from(`\n      "name": ${JSON.stringify(name)},\n`);

/**
 * The places in `text`, the JSON written for `profiles` (in order) with `activeName` active;
 * undefined when the text is not that.
 */
export function jsonPlaces(
  text: Buffer,
  profiles: readonly Profile[],
  activeName: string | null,
): JsonPlaces | undefined {
  const clock: (number | string)[] = [];
  const active: number[] = [];
  let at = 0;
  for (const p of profiles) {
    const state = text.indexOf(stateField, at);
    if (state < 0) return undefined;
    at = state + stateField.length;
    if (p.expiresAt !== undefined) clock.push(at, p.expiresAt.getTime(), p.state);
    if (p.name === activeName) {
      const flag = text.indexOf(activeField, at);
      if (
        flag < 0 ||
        text.toString('latin1', flag + activeField.length, flag + activeField.length + 4) !== 'true'
      )
        return undefined;
      active.push(flag + activeField.length);
    }
  }
  return {clock, activeName, active};
}

type Edit = {at: number; length: number; text: string};

/**
 * The text as `list --json` would write it at `now` with `activeName` active: `text` mended at
 * `places`, as pieces to write one after the other (no copy of the whole: fresh memory is dear in
 * a young process); undefined when the places do not fit the text (a damaged cache).
 */
export function mendJson(
  text: Buffer,
  places: JsonPlaces,
  now: Date,
  warnSeconds: number,
  activeName: string | null,
): Buffer[] | undefined {
  const edits: Edit[] = [];
  const {clock} = places;
  for (let i = 0; i + 2 < clock.length; i += 3) {
    const at = clock[i] as number;
    const written = clock[i + 2] as string;
    if (text.toString('latin1', at, at + written.length + 1) !== `${written}"`) return undefined;
    const state = expiryState(new Date(clock[i + 1] as number), now, warnSeconds);
    if (state !== written) edits.push({at, length: written.length, text: state});
  }
  if (activeName !== places.activeName) {
    for (const at of places.active) {
      if (text.toString('latin1', at, at + 4) !== 'true') return undefined;
      edits.push({at, length: 4, text: 'false'});
    }
    if (activeName !== null) {
      const name = nameField(activeName);
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
        const flag = text.indexOf(activeField, at + name.length);
        const value = flag + activeField.length;
        if (flag < 0 || text.toString('latin1', value, value + 5) !== 'false') return undefined;
        edits.push({at: value, length: 5, text: 'true'});
      }
    }
  }
  edits.sort((a, b) => a.at - b.at);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const e of edits) {
    pieces.push(text.subarray(from, e.at), Buffer.from(e.text, 'latin1'));
    from = e.at + e.length;
  }
  pieces.push(text.subarray(from));
  // Many pieces (many sessions changed state since) are one write more cheaply than many.
  return pieces.length > 64 ? [Buffer.concat(pieces)] : pieces;
}

const isPlaces = (v: unknown): v is JsonPlaces => {
  if (typeof v !== 'object' || v === null) return false;
  const {clock, activeName, active} = v as Record<string, unknown>;
  if (!Array.isArray(clock) || clock.length % 3 !== 0) return false;
  for (let i = 0; i < clock.length; i += 3) {
    if (!Number.isSafeInteger(clock[i]) || typeof clock[i + 1] !== 'number') return false;
    if (typeof clock[i + 2] !== 'string') return false;
  }
  return (
    (activeName === null || typeof activeName === 'string') &&
    Array.isArray(active) &&
    active.every((a) => Number.isSafeInteger(a))
  );
};

/**
 * `list --json`'s output for the files as they are (`key`), at `now` with `activeName` active, and
 * the warnings to print; undefined when none is cached for that key.
 */
export function readListJson(
  env: NodeJS.ProcessEnv,
  key: ListingKey,
  now: Date,
  warnSeconds: number,
  activeName: string | null,
): {pieces: Buffer[]; warnings: string[]} | undefined {
  if (env.MFA_TUI_LIST_CACHE === '0') return undefined;
  try {
    const file = readFileSync(listJsonCacheFile(env));
    const lineEnd = file.indexOf(10);
    if (lineEnd < 0) return undefined;
    const head = JSON.parse(file.toString('utf8', 0, lineEnd)) as unknown;
    if (typeof head !== 'object' || head === null) return undefined;
    const {key: text, warnings, places} = head as Record<string, unknown>;
    if (text !== key.text || !isPlaces(places)) return undefined;
    if (!Array.isArray(warnings) || !warnings.every((w) => typeof w === 'string')) return undefined;
    const mended = mendJson(file.subarray(lineEnd + 1), places, now, warnSeconds, activeName);
    return mended && {pieces: mended, warnings: warnings as string[]};
  } catch {
    return undefined;
  }
}

/** Saves the JSON `list --json` wrote for `profiles` under `key` (see writeListing's rules). */
export function writeListJson(
  env: NodeJS.ProcessEnv,
  key: ListingKey,
  written: {
    text: string;
    profiles: readonly Profile[];
    warnings: string[];
    activeName: string | null;
  },
  nowMs: number,
): void {
  if (env.MFA_TUI_LIST_CACHE === '0') return;
  saveCacheFile(listJsonCacheFile(env), key, nowMs, () => {
    const text = Buffer.from(written.text);
    // Text that is not what the profiles give is never cached.
    const places = jsonPlaces(text, written.profiles, written.activeName);
    if (!places) return undefined;
    const head = `${JSON.stringify({key: key.text, warnings: written.warnings, places})}\n`;
    return Buffer.concat([Buffer.from(head), text]);
  });
}
