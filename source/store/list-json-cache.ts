// `list --json`'s cache of its own output. The profile model's cache (listing-cache.ts) spares the
// parse, but a run still rebuilds thousands of profiles and writes their JSON, and in a process
// this young the allocation alone (collections, page faults) costs more than the I/O. Yet nearly
// all of that text depends only on the files: what depends on the clock is the state of a profile
// with an expiry, and on the environment which profile is `active`. So `list --json` keeps the text
// it wrote with the place of each such value, under the model cache's key (same files, settings,
// build, user), and a run that finds it mends those few values in place and writes the bytes.
//
// File: a line of JSON (the key, the warnings, the size of the text, the span of time its states
// hold for, the active flags' places), a line with the places of the states, then the text. It
// holds what `list --json` prints, so no secret. Missing, damaged or for another key, it is ignored; failing to write it
// too (listing-cache.ts writes both the same way).
import path from 'node:path';
import {expiryStateAt, expiryStateSpan, type ClockState} from '../core/expiry.js';
import type {Profile} from '../core/profiles.js';
import {readCacheFile} from './cache-file.js';
import {isTextList, saveCacheFile, type ListingKey} from './listing-cache.js';
import {cacheDir} from './paths.js';

export function listJsonCacheFile(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'list-json.cache');
}

/**
 * Where the text must be mended: `clock` is [offset, expiry (ms), state written] per profile with
 * an expiry; `active` the offsets of the `true` written for `activeName`. The states were worked
 * out with `warnSeconds`, and hold from `from` until `until` (ms; null for no bound).
 */
export type JsonPlaces = {
  clock: (number | string)[];
  activeName: string | null;
  active: number[];
  warnSeconds: number;
  from: number | null;
  until: number | null;
};

// The indentation JSON.stringify(…, null, 2) gives a profile's fields: a string holds no raw line
// break, so these appear nowhere but at the start of those fields.
const stateField = Buffer.from('\n      "state": "');
const activeField = Buffer.from('\n      "active": ');
const nameField = (name: string) => Buffer.from(`\n      "name": ${JSON.stringify(name)},\n`);
const quote = 0x22;

const clockStates: ReadonlySet<string> = new Set(['valid', 'expiring', 'expired']);

/**
 * The places in `text`, the JSON written for `profiles` (in order, states worked out with
 * `warnSeconds`) with `activeName` active; undefined when the text is not that.
 */
export function jsonPlaces(
  text: Buffer,
  profiles: readonly Profile[],
  activeName: string | null,
  warnSeconds: number,
): JsonPlaces | undefined {
  const clock: (number | string)[] = [];
  const active: number[] = [];
  let from = -Infinity;
  let until = Infinity;
  let at = 0;
  for (const p of profiles) {
    const state = text.indexOf(stateField, at);
    if (state < 0) return undefined;
    at = state + stateField.length;
    if (p.expiresAt !== undefined) {
      const expires = p.expiresAt.getTime();
      if (!clockStates.has(p.state) || text.toString('latin1', at, at + p.state.length) !== p.state)
        return undefined;
      clock.push(at, expires, p.state);
      const span = expiryStateSpan(p.state as ClockState, expires, warnSeconds);
      from = Math.max(from, span[0]);
      until = Math.min(until, span[1]);
    }
    if (p.name === activeName) {
      const flag = text.indexOf(activeField, at);
      const value = flag + activeField.length;
      if (flag < 0 || text.toString('latin1', value, value + 4) !== 'true') return undefined;
      active.push(value);
    }
  }
  const bound = (ms: number) => (Number.isFinite(ms) ? ms : null);
  return {clock, activeName, active, warnSeconds, from: bound(from), until: bound(until)};
}

type Edit = {at: number; length: number; text: string};

/** Whether every state written still holds at `nowMs` with `warnSeconds` (no clock place to mend). */
function statesHold(
  places: Pick<JsonPlaces, 'warnSeconds' | 'from' | 'until'>,
  nowMs: number,
  warnSeconds: number,
): boolean {
  return (
    places.warnSeconds === warnSeconds &&
    (places.from ?? -Infinity) <= nowMs &&
    nowMs < (places.until ?? Infinity)
  );
}

/**
 * The text as `list --json` would write it at `now` with `activeName` active: the text cached in
 * `file` from `textStart` on, mended at `places`; undefined when the places do not fit the text (a
 * damaged cache). Mended in place, into `file` itself (fresh memory is dear in a young process):
 * the text moves towards the start as values change length, over the bytes before `textStart`,
 * which must be at least as many as the text can grow (the places' own record is: a value grows by
 * at most 3 bytes, and each place takes more than that to record).
 */
export function mendJson(
  file: Buffer,
  textStart: number,
  places: JsonPlaces,
  now: Date,
  warnSeconds: number,
  activeName: string | null,
): Buffer | undefined {
  const text = file.subarray(textStart);
  const nowMs = now.getTime();
  const stillTrue = statesHold(places, nowMs, warnSeconds);
  const edits: Edit[] = [];
  const {clock} = places;
  for (let i = 0; !stillTrue && i + 2 < clock.length; i += 3) {
    const at = clock[i] as number;
    const written = clock[i + 2] as string;
    // Byte checks: a string made per place costs more than the rest of the loop.
    if (text[at] !== written.charCodeAt(0) || text[at + written.length] !== quote) return undefined;
    const state = expiryStateAt(clock[i + 1] as number, nowMs, warnSeconds);
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
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.at - b.at);
  // `to` writes the mended text from the start of `file`; `from` reads the cached text.
  let to = 0;
  let from = textStart;
  for (const e of edits) {
    const upTo = textStart + e.at;
    file.copyWithin(to, from, upTo);
    to += upTo - from;
    if (to + e.text.length > upTo + e.length) return undefined;
    to += file.write(e.text, to, 'latin1');
    from = upTo + e.length;
  }
  file.copyWithin(to, from);
  return file.subarray(0, to + file.length - from);
}

/** The first line of the file: all but the clock's places (the second line), and the text's size. */
type Head = Omit<JsonPlaces, 'clock'> & {key: string; warnings: string[]; textBytes: number};

const isBound = (v: unknown) => v === null || typeof v === 'number';

function isHead(v: unknown): v is Head {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return (
    typeof h.key === 'string' &&
    isTextList(h.warnings) &&
    Number.isSafeInteger(h.textBytes) &&
    typeof h.warnSeconds === 'number' &&
    isBound(h.from) &&
    isBound(h.until) &&
    (h.activeName === null || typeof h.activeName === 'string') &&
    Array.isArray(h.active) &&
    h.active.every((a) => Number.isSafeInteger(a))
  );
}

function isClock(clock: unknown, textBytes: number): clock is (number | string)[] {
  if (!Array.isArray(clock) || clock.length % 3 !== 0) return false;
  for (let i = 0; i < clock.length; i += 3) {
    const at: unknown = clock[i];
    const state: unknown = clock[i + 2];
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0 || at >= textBytes)
      return false;
    if (typeof clock[i + 1] !== 'number' || typeof state !== 'string' || !clockStates.has(state))
      return false;
  }
  return true;
}

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
): {text: Buffer; warnings: string[]} | undefined {
  if (env.MFA_TUI_LIST_CACHE === '0') return undefined;
  try {
    const file = readCacheFile(listJsonCacheFile(env));
    if (!file) return undefined;
    const headEnd = file.indexOf(10);
    const clockEnd = headEnd < 0 ? -1 : file.indexOf(10, headEnd + 1);
    if (clockEnd < 0) return undefined;
    const head = JSON.parse(file.toString('utf8', 0, headEnd)) as unknown;
    if (!isHead(head) || head.key !== key.text) return undefined;
    // A file cut short, or grown, is not the one written.
    if (file.length - (clockEnd + 1) !== head.textBytes) return undefined;
    // The clock's places are read only when a state may have changed since.
    const clock = (
      statesHold(head, now.getTime(), warnSeconds)
        ? []
        : JSON.parse(file.toString('latin1', headEnd + 1, clockEnd))
    ) as unknown;
    if (!isClock(clock, head.textBytes)) return undefined;
    const mended = mendJson(file, clockEnd + 1, {...head, clock}, now, warnSeconds, activeName);
    return mended && {text: mended, warnings: head.warnings};
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
    warnSeconds: number;
  },
  nowMs: number,
): void {
  if (env.MFA_TUI_LIST_CACHE === '0') return;
  saveCacheFile(listJsonCacheFile(env), key, nowMs, () => {
    const text = Buffer.from(written.text);
    // Text that is not what the profiles give is never cached.
    const places = jsonPlaces(text, written.profiles, written.activeName, written.warnSeconds);
    if (!places) return undefined;
    const {clock, ...rest} = places;
    const head: Head = {key: key.text, warnings: written.warnings, textBytes: text.length, ...rest};
    return Buffer.concat([
      Buffer.from(`${JSON.stringify(head)}\n${JSON.stringify(clock)}\n`),
      text,
    ]);
  });
}
