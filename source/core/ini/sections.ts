// The document as botocore sees it: sections with their values assembled, and views on that.

import {
  pyRstrip,
  pyStrip,
  type ContinuationLine,
  type IniDocument,
  type IniFileKind,
} from './document.js';
import {profileNameOf} from './names.js';

/** A key of a section as botocore reads it (lower-cased), with the 0-based lines it came from. */
export type WalkKey = {
  readonly key: string;
  readonly line: number;
  /** The indented lines botocore appends to this key's value. */
  continuations: readonly number[];
  /** Continuation lines joined with `\n`, trailing blanks dropped. */
  value: string;
  /** For `key =` followed by indented `sub = value` lines: botocore's nested block. */
  nested: {key: string; value: string; line: number}[] | undefined;
  /** Nested lines without `=` (botocore refuses the file). */
  nestedWithoutEquals: readonly number[];
};

/** One `[header]` and the lines up to `end` (0-based, exclusive), with its unreadable lines. */
export type WalkBlock = {
  readonly header: string;
  readonly line: number;
  end: number;
  readonly keys: WalkKey[];
  invalid: readonly number[];
};

/** The document seen as botocore sees it: blocks of keys, plus lines outside any section. */
export type Walk = {outside: number[]; blocks: WalkBlock[]};

// Most keys have neither continuations nor bad nested lines: they share this empty list.
const NONE: readonly number[] = Object.freeze([]);

/**
 * Joins a multi-line value as configparser does, keeping the blank lines between its lines
 * (empty_lines_in_values); a value that starts empty is a nested block.
 */
function settle(entry: WalkKey, doc: IniDocument) {
  const parts = [entry.value];
  let prev = entry.line;
  for (const li of entry.continuations) {
    for (let i = prev + 1; i < li; i++) if (doc.lines[i].kind === 'blank') parts.push('');
    parts.push((doc.lines[li] as ContinuationLine).value);
    prev = li;
  }
  entry.value = pyRstrip(parts.join('\n'));
  if (!entry.value.startsWith('\n')) return;
  entry.nested = [];
  for (const li of entry.continuations) {
    const text = (doc.lines[li] as ContinuationLine).value;
    const eq = text.indexOf('=');
    if (eq === -1) {
      entry.nestedWithoutEquals = [...entry.nestedWithoutEquals, li];
    } else {
      const key = pyStrip(text.slice(0, eq));
      entry.nested.push({key, value: pyStrip(text.slice(eq + 1)), line: li});
    }
  }
}

// A document never changes: each is walked once, for the store, the clients' views and diagnose.
const walks = new WeakMap<IniDocument, Walk>();

/** Groups lines into sections and assembles values exactly as configparser plus botocore do. */
export function walkIni(doc: IniDocument): Walk {
  const known = walks.get(doc);
  if (known) return known;
  const walk: Walk = {outside: [], blocks: []};
  let block: WalkBlock | undefined;
  let cur: WalkKey | undefined;
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === 'section') {
      if (block) block.end = i;
      block = {header: line.name, line: i, end: lines.length, keys: [], invalid: NONE};
      walk.blocks.push(block);
      cur = undefined;
    } else if ((line.kind === 'key' || line.kind === 'invalid') && !block) {
      walk.outside.push(i);
    } else if (line.kind === 'key') {
      cur = {
        key: line.key.toLowerCase(),
        line: i,
        continuations: NONE,
        value: line.value,
        nested: undefined,
        nestedWithoutEquals: NONE,
      };
      block!.keys.push(cur);
    } else if (line.kind === 'continuation' && cur) {
      // Only reachable inside a section with an open key (see classify).
      if (cur.continuations === NONE) cur.continuations = [];
      (cur.continuations as number[]).push(i);
    } else if (line.kind === 'invalid') {
      if (block!.invalid === NONE) block!.invalid = [];
      (block!.invalid as number[]).push(i);
      if (line.reason === 'empty-key') cur = undefined;
    }
  }
  for (const b of walk.blocks) for (const k of b.keys) if (k.continuations !== NONE) settle(k, doc);
  walks.set(doc, walk);
  return walk;
}

const plainProperty = {enumerable: true, writable: true, configurable: true};

/** Sets a key on a plain object, even one named `__proto__` (which plain assignment would swallow). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key !== '__proto__') target[key] = value;
  else Object.defineProperty(target, key, {...plainProperty, value});
}

/**
 * configparser's [DEFAULT] rule (botocore reads both files with it): every key of `defaults` that
 * a section does not set itself is copied into its `keys`. Returns the keys copied.
 */
export function inheritDefaults(keys: Record<string, string>, defaults: Record<string, string>) {
  const copied: string[] = [];
  for (const key of Object.keys(defaults)) {
    if (Object.hasOwn(keys, key)) continue;
    setOwn(keys, key, defaults[key]);
    copied.push(key);
  }
  return copied;
}

/**
 * A section of the merged read view: the text between the brackets as botocore reads it, the
 * profile it defines (see profileNameOf), its first 1-based header line and the blocks under it.
 */
export class IniSection {
  /** Lower-cased keys; nested blocks as `parent.sub` (as the JS SDK names them). */
  readonly keys: Record<string, string> = {};
  readonly blocks: WalkBlock[];
  readonly line: number;
  constructor(
    readonly header: string,
    readonly profile: string | undefined,
    block: WalkBlock,
  ) {
    this.line = block.line + 1;
    this.blocks = [block];
  }
  /** The 1-based line each key's value came from, worked out when asked (few callers do). */
  get keyLines(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of this.blocks.flatMap((b) => b.keys)) {
      if (!k.nested) setOwn(out, k.key, k.line + 1);
      else for (const sub of k.nested) setOwn(out, `${k.key}.${sub.key}`, sub.line + 1);
    }
    return out;
  }
}

/**
 * The merged read view, one entry per header in order of first appearance: keys lower-cased, the
 * last value winning, repeats of a section merged (the JS SDK's reading; botocore refuses them).
 * Indented lines after a key are joined to its value with `\n` as botocore does; after an empty
 * `key =` they form a nested block whose sub-keys appear as `key.sub` (case kept, as both botocore
 * and the JS SDK keep it), without the parent key. `[DEFAULT]` has no profile.
 */
export function sectionsOf(walk: Walk, kind: IniFileKind): IniSection[] {
  const byHeader = new Map<string, IniSection>();
  for (const block of walk.blocks) {
    let section = byHeader.get(block.header);
    if (!section) {
      section = new IniSection(block.header, profileNameOf(block.header, kind), block);
      byHeader.set(block.header, section);
    } else {
      section.blocks.push(block);
    }
    const keys = section.keys;
    for (const k of block.keys) {
      if (k.nested) for (const sub of k.nested) setOwn(keys, `${k.key}.${sub.key}`, sub.value);
      else setOwn(keys, k.key, k.value);
    }
  }
  return [...byHeader.values()];
}

/** sectionsOf a document. */
export const listSections = (doc: IniDocument, kind: IniFileKind): IniSection[] =>
  sectionsOf(walkIni(doc), kind);

/** Profiles as botocore resolves them: a later header naming the same profile replaces an earlier one. */
export function profilesOf(sections: IniSection[]): Map<string, IniSection> {
  const map = new Map<string, IniSection>();
  for (const s of sections) {
    if (s.profile === undefined) continue;
    map.delete(s.profile);
    map.set(s.profile, s);
  }
  return map;
}

/** profilesOf a document. */
export const profileView = (doc: IniDocument, kind: IniFileKind) =>
  profilesOf(listSections(doc, kind));

/** The header of the section that defines `profile` (the last one, as botocore reads it), if any. */
export const findProfileSection = (doc: IniDocument, kind: IniFileKind, profile: string) =>
  profileView(doc, kind).get(profile)?.header;
