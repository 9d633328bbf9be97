// How the JS SDK v3 (@smithy/shared-ini-file-loader) reads the same text, line by line.
//
// A model of its rules, not its code: lines split on `\n`/`\r\n` only; `#`/`;` at the start or
// after whitespace cut the rest of any line; a trimmed line in brackets is a section, named
// `prefix.name` for `profile`/`sso-session`/`services`, dropped for other `word word` names;
// `key = value` needs a non-empty value (an empty one opens a `key.sub` block for indented lines);
// keys keep their case; repeated sections merge, the last value winning. The property tests check
// this model against the real package on generated files.

import {splitOnLf, type IniDocument, type IniFileKind} from './document.js';
import {setOwn} from './sections.js';

/** What the JS SDK returns for one file: section (config: profile) name → key → value. */
export type JsSdkView = Record<string, Record<string, string>>;

/** What the JS SDK did with one physical line of ours. */
export type JsLineEvent =
  | {type: 'ignored'}
  /** The line belongs to the JS line started above it (the lines are split by a lone CR). */
  | {type: 'merged'; start: number}
  | {type: 'section'; name: string; mapKey: string | undefined; throws: boolean}
  | {type: 'subsection'; name: string}
  | {type: 'key'; section: string; key: string; value: string; stored: boolean};

// Without a prototype, so that no key (`constructor`, `toString`) reads as something inherited.
export const dicts = () => ({values: Object.create(null), keyLines: Object.create(null)}) as const;

const IGNORED: JsLineEvent = Object.freeze({type: 'ignored'});
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);
const BLOCKED = new Set(['__proto__', 'profile __proto__']);

/** Where the JS SDK cuts a line as a comment: `#`/`;` at its start or after white space. */
export function jsCommentCut(line: string): number {
  const at = line.search(/(^|\s)[;#]/);
  return at === -1 ? line.length : at;
}

/** The JS SDK's `prefix name` form of a section name (the name may be quoted). */
const PREFIXED = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/;

/** The key the JS SDK files a `[name]` section under in its raw map, or undefined when it drops it. */
export function jsSectionKey(name: string): string | undefined {
  const m = PREFIXED.exec(name);
  if (m) return SECTION_TYPES.has(m[1]) ? `${m[1]}.${m[3]}` : undefined;
  return name;
}

/** The profile a raw JS section key stands for in a file of this kind, if any. */
export function jsProfileOf(mapKey: string | undefined, kind: IniFileKind): string | undefined {
  if (!mapKey) return undefined;
  if (kind === 'credentials' || mapKey === 'default') return mapKey;
  const name = mapKey.startsWith('profile.') ? mapKey.slice('profile.'.length) : undefined;
  return name === '__proto__' ? undefined : name;
}

/** Whether a JS SDK config-view entry is a profile (not `sso-session.x`/`services.x`). */
export const isJsProfileEntry = (name: string, kind: IniFileKind): boolean =>
  kind === 'credentials' || !(name.startsWith('sso-session.') || name.startsWith('services.'));

/** A section of the JS SDK's raw map (`name` is its key there), with the 1-based lines it came from. */
export type JsSection = {
  name: string;
  line: number;
  values: Record<string, string>;
  keyLines: Record<string, number>;
};

/**
 * Replays the JS SDK's parser over a document: what it did with each line of ours (`events`), its
 * raw map before the config file's renaming, in its insertion order (`raw`), and whether it throws
 * on the file and so reads it as empty (`throws`, at the 1-based line `throwsAt`).
 */
export function traceJsSdk(doc: IniDocument) {
  const events: JsLineEvent[] = [];
  const raw = new Map<string, JsSection>();
  let throwsAt = 0;
  let section: string | undefined;
  let header = 0;
  let sub: string | undefined;
  for (const {text, start, end} of splitOnLf(doc, false)) {
    let event: JsLineEvent = IGNORED;
    const cut = jsCommentCut(text);
    const trimmed = (cut === text.length ? text : text.slice(0, cut)).trim();
    if (trimmed[0] === '[' && trimmed[trimmed.length - 1] === ']') {
      const name = trimmed.slice(1, -1);
      section = jsSectionKey(name);
      header = start + 1;
      sub = undefined;
      const blocked = BLOCKED.has(name);
      if (blocked && throwsAt === 0) throwsAt = start + 1;
      event = {type: 'section', name, mapKey: section, throws: blocked};
    } else if (section) {
      const eq = trimmed.indexOf('=');
      if (eq > 0) {
        const name = trimmed.slice(0, eq).trim();
        const value = trimmed.slice(eq + 1).trim();
        if (value === '') {
          sub = name;
          event = {type: 'subsection', name};
        } else {
          if (sub !== undefined && text.trimStart() === text) sub = undefined;
          const key = sub !== undefined ? `${sub}.${name}` : name;
          // A `__proto__` key is swallowed by the prototype setter (its section still appears).
          const stored = key !== '__proto__';
          let target = raw.get(section);
          if (!target) raw.set(section, (target = {name: section, line: header, ...dicts()}));
          if (stored) {
            target.values[key] = value;
            target.keyLines[key] = start + 1;
          }
          event = {type: 'key', section, key, value, stored};
        }
      }
    }
    events.push(event);
    for (let j = start + 1; j < end; j++) events.push({type: 'merged', start});
  }
  return {events, raw, throws: throwsAt > 0, throwsAt};
}

/** Exactly what `loadSharedConfigFiles` from @smithy/shared-ini-file-loader returns for this file. */
export function jsSdkView(doc: IniDocument, kind: IniFileKind, trace = traceJsSdk(doc)): JsSdkView {
  if (trace.throws) return {};
  const out: JsSdkView = {};
  // The SDK walks its own object: Object.entries order (integer-like names first) decides collisions.
  const sections = Object.entries(Object.fromEntries(trace.raw));
  if (kind === 'credentials') {
    for (const [name, section] of sections) setOwn(out, name, {...section.values});
    return out;
  }
  const fallback = trace.raw.get('default');
  if (fallback) out.default = {...fallback.values};
  // getConfigData keeps default, `profile.x` as x, `sso-session.x`/`services.x` as is; no other.
  for (const [key, section] of sections) {
    const name = isJsProfileEntry(key, kind) ? jsProfileOf(key, kind) : key;
    if (key !== 'default' && name !== undefined) out[name] = {...section.values};
  }
  return out;
}
