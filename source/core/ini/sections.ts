// The document seen as botocore sees it: sections of keys with their values assembled, and the
// merged per-profile views built on that.

import {
  pyRstrip,
  pyStrip,
  type ContinuationLine,
  type IniDocument,
  type IniFileKind,
  type IniLine,
} from './document.js';
import {profileNameOf} from './names.js';

/** A key of a section as botocore reads it, with the lines it came from. */
export type WalkKey = {
  /** As written in the file. */
  readonly rawKey: string;
  /** Lower-cased, as botocore stores it. */
  readonly key: string;
  /** 0-based index of the key line. */
  readonly line: number;
  /** 0-based indexes of the continuation lines botocore appends to this key. */
  continuations: readonly number[];
  /** The value as botocore reads it: continuation lines joined with `\n`, trailing blanks dropped. */
  value: string;
  /** For `key =` followed by indented `sub = value` lines: the sub-keys, as botocore's nested blocks. */
  nested: {key: string; value: string; line: number}[] | undefined;
  /** 0-based indexes of nested lines without `=` (botocore refuses the file). */
  nestedWithoutEquals: readonly number[];
};

/** One `[header]` and the lines up to the next one. */
export type WalkBlock = {
  readonly header: string;
  /** 0-based index of the header line. */
  readonly line: number;
  /** 0-based index one past the last line of the block. */
  end: number;
  readonly keys: WalkKey[];
  /** 0-based indexes of the lines botocore cannot read (InvalidLine) inside the block. */
  invalid: readonly number[];
};

/** The document seen as botocore sees it: blocks of keys, plus lines outside any section. */
export type Walk = {outside: number[]; blocks: WalkBlock[]};

// Most keys have neither continuations nor bad nested lines: they share this empty list.
const NONE: readonly number[] = Object.freeze([]);

/** Joins a multi-line value as configparser does; a value that starts empty is a nested block. */
function settle(entry: WalkKey, parts: string[], lines: readonly IniLine[]) {
  const value = pyRstrip(parts.join('\n'));
  entry.value = value;
  if (!value.startsWith('\n')) return;
  const nested: {key: string; value: string; line: number}[] = [];
  for (const li of entry.continuations) {
    const text = (lines[li] as ContinuationLine).value;
    const eq = text.indexOf('=');
    if (eq === -1) {
      if (entry.nestedWithoutEquals === NONE) entry.nestedWithoutEquals = [];
      (entry.nestedWithoutEquals as number[]).push(li);
      continue;
    }
    nested.push({key: pyStrip(text.slice(0, eq)), value: pyStrip(text.slice(eq + 1)), line: li});
  }
  entry.nested = nested;
}

/** Groups lines into sections and assembles values exactly as configparser plus botocore do. */
export function walkIni(doc: IniDocument): Walk {
  const outside: number[] = [];
  const blocks: WalkBlock[] = [];
  let block: WalkBlock | undefined;
  let cur: WalkKey | undefined;
  // Blank lines count only when a continuation follows them: trailing ones are stripped anyway.
  let blanks = 0;
  let parts: string[] | undefined;
  const multi: {entry: WalkKey; parts: string[]}[] = [];
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    switch (line.kind) {
      case 'section':
        if (block) block.end = i;
        block = {header: line.name, line: i, end: lines.length, keys: [], invalid: NONE};
        blocks.push(block);
        cur = undefined;
        break;
      case 'key':
        if (!block) {
          outside.push(i);
          break;
        }
        cur = {
          rawKey: line.key,
          key: line.key.toLowerCase(),
          line: i,
          continuations: NONE,
          value: line.value,
          nested: undefined,
          nestedWithoutEquals: NONE,
        };
        blanks = 0;
        parts = undefined;
        block.keys.push(cur);
        break;
      case 'continuation':
        // Only reachable inside a section with an open key (see classify).
        if (cur) {
          if (!parts) {
            parts = [cur.value];
            multi.push({entry: cur, parts});
          }
          for (; blanks > 0; blanks--) parts.push('');
          parts.push(line.value);
          if (cur.continuations === NONE) cur.continuations = [];
          (cur.continuations as number[]).push(i);
        }
        break;
      case 'blank':
        // configparser keeps blank lines inside multi-line values (empty_lines_in_values).
        if (cur) blanks++;
        break;
      case 'invalid':
        if (!block) {
          outside.push(i);
          break;
        }
        if (block.invalid === NONE) block.invalid = [];
        (block.invalid as number[]).push(i);
        if (line.reason === 'empty-key') cur = undefined;
        break;
      case 'comment':
        break;
    }
  }
  for (const {entry, parts: all} of multi) settle(entry, all, lines);
  return {outside, blocks};
}

/** A section of the merged read view. */
export type IniSection = {
  /** The text between the brackets, as botocore reads it. */
  header: string;
  /** The profile it defines (see profileNameOf), or undefined for other sections. */
  profile: string | undefined;
  /** 1-based line of the first `[header]`. */
  line: number;
  /** 1-based lines of every `[header]` (more than one when the file repeats the section). */
  readonly lines: number[];
  /** Lower-cased keys; nested blocks as `parent.sub` (as the JS SDK names them). */
  keys: Record<string, string>;
  /** 1-based line each key's value came from. */
  readonly keyLines: Record<string, number>;
  /** The blocks under this header, in file order. */
  readonly blocks: readonly WalkBlock[];
};

/**
 * The merged read view: one entry per distinct header, in order of first appearance. Keys are
 * lower-cased (botocore), the last value wins, and repeated sections are merged key by key (the JS
 * SDK's reading; botocore refuses such a file, which diagnose reports). Indented lines after a key
 * are joined to its value with `\n` as botocore does; after an empty `key =` they form a nested
 * block whose sub-keys appear as `key.sub` (case kept, as both botocore and the JS SDK keep it),
 * and the parent key itself is not listed. `[DEFAULT]` is listed as a section without a profile.
 */
export function listSections(doc: IniDocument, kind: IniFileKind): IniSection[] {
  return sectionsOf(walkIni(doc), kind);
}

/** Sets a key on a plain object, even one named `__proto__` (which plain assignment would swallow). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** A merged section; where its keys came from is worked out only when asked (few callers do). */
class Section implements IniSection {
  readonly keys: Record<string, string> = {};
  readonly blocks: WalkBlock[];
  #keyLines: Record<string, number> | undefined;
  constructor(
    readonly header: string,
    readonly profile: string | undefined,
    block: WalkBlock,
  ) {
    this.line = block.line + 1;
    this.blocks = [block];
  }
  readonly line: number;
  get lines(): number[] {
    return this.blocks.map((b) => b.line + 1);
  }
  get keyLines(): Record<string, number> {
    if (!this.#keyLines) {
      const out: Record<string, number> = {};
      for (const k of this.blocks.flatMap((b) => b.keys)) {
        if (!k.nested) setOwn(out, k.key, k.line + 1);
        else for (const sub of k.nested) setOwn(out, `${k.key}.${sub.key}`, sub.line + 1);
      }
      this.#keyLines = out;
    }
    return this.#keyLines;
  }
}

/** listSections from an existing walk. */
export function sectionsOf(walk: Walk, kind: IniFileKind): IniSection[] {
  const byHeader = new Map<string, Section>();
  const out: Section[] = [];
  for (const block of walk.blocks) {
    let section = byHeader.get(block.header);
    if (!section) {
      const profile = profileNameOf(block.header, kind);
      section = new Section(block.header, profile, block);
      byHeader.set(block.header, section);
      out.push(section);
    } else {
      section.blocks.push(block);
    }
    const keys = section.keys;
    for (const k of block.keys) {
      if (k.nested) for (const sub of k.nested) setOwn(keys, `${k.key}.${sub.key}`, sub.value);
      else if (k.key !== '__proto__') keys[k.key] = k.value;
      else setOwn(keys, k.key, k.value);
    }
  }
  return out;
}

export type ProfileView = Map<string, {header: string; keys: Record<string, string>}>;

/** Profiles as botocore resolves them: a later header naming the same profile replaces an earlier one. */
export function profileView(doc: IniDocument, kind: IniFileKind): ProfileView {
  return profilesOf(listSections(doc, kind));
}

/** The keys of each section of one profile, as listSections gives them. */
export function profileSectionKeys(
  doc: IniDocument,
  kind: IniFileKind,
  profile: string,
): Record<string, string>[] {
  return listSections(doc, kind)
    .filter((s) => s.profile === profile)
    .map((s) => s.keys);
}

/** profileView from existing sections. */
export function profilesOf(sections: IniSection[]): ProfileView {
  const map: ProfileView = new Map();
  for (const s of sections) {
    if (s.profile === undefined) continue;
    map.delete(s.profile);
    map.set(s.profile, {header: s.header, keys: s.keys});
  }
  return map;
}

/** The header of the section that defines `profile` (the last one, as botocore reads it), if any. */
export function findProfileSection(
  doc: IniDocument,
  kind: IniFileKind,
  profile: string,
): string | undefined {
  return profileView(doc, kind).get(profile)?.header;
}
