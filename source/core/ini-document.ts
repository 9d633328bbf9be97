// The lossless document model for ~/.aws/credentials and ~/.aws/config.
//
// Every line keeps its exact text and its own line ending, so serializing a parsed document gives
// back the input byte for byte. Lines are classified the way botocore (Python's configparser plus
// botocore's nested-block rule) reads them; what the JS SDK reads differently is the business of
// ini-js-sdk.ts and ini-diagnose.ts.

/** Which of the two AWS files a document is: they name profiles differently. */
export type IniFileKind = 'credentials' | 'config';

/** A line ending as found in the file; '' only on a last line without a final newline. */
export type Eol = '\n' | '\r\n' | '\r' | '';

type LineBase = {readonly raw: string; readonly eol: Eol};
export type BlankLine = LineBase & {readonly kind: 'blank'};
export type CommentLine = LineBase & {readonly kind: 'comment'};
/** `[name]`; `name` is what botocore sees between the `[` and the last `]`. */
export type SectionLine = LineBase & {readonly kind: 'section'; readonly name: string};
/** `key = value` or `key: value`; `key` as written (not lower-cased), `value` stripped. */
export type KeyLine = LineBase & {
  readonly kind: 'key';
  readonly key: string;
  readonly value: string;
  readonly delimiter: '=' | ':';
  readonly indent: number;
};
/** A line indented deeper than the key above it: botocore appends it to that key's value. */
export type ContinuationLine = LineBase & {
  readonly kind: 'continuation';
  readonly value: string;
  readonly indent: number;
};
/** A line botocore cannot read: no `=` or `:` (`no-delimiter`), or nothing before it (`empty-key`). */
export type InvalidLine = LineBase & {
  readonly kind: 'invalid';
  readonly reason: 'no-delimiter' | 'empty-key';
  readonly indent: number;
};
export type IniLine =
  BlankLine | CommentLine | SectionLine | KeyLine | ContinuationLine | InvalidLine;

/** A parsed file: a UTF-8 byte-order-mark flag and every line with its own ending. */
export type IniDocument = {readonly bom: boolean; readonly lines: readonly IniLine[]};

const BOM = '\uFEFF';

/** Python's str.isspace(), which botocore's configparser uses to strip and to measure indents. */
export function isPySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python's str.strip(). */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && isPySpace(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** Parser state carried from line to line (configparser's cursect/optname/indent_level). */
type ClassifyState = {inSection: boolean; hasKey: boolean; indentLevel: number};

function classify(raw: string, eol: Eol, st: ClassifyState): IniLine {
  const n = raw.length;
  let i = 0;
  while (i < n && isPySpace(raw.charCodeAt(i))) i++;
  if (i === n) return {kind: 'blank', raw, eol};
  const c = raw.charCodeAt(i);
  if (c === 35 /* # */ || c === 59 /* ; */) return {kind: 'comment', raw, eol};
  // Deeper than the key above: part of that key's value, whatever it looks like.
  if (st.inSection && st.hasKey && i > st.indentLevel) {
    return {kind: 'continuation', raw, eol, value: pyStrip(raw.slice(i)), indent: i};
  }
  st.indentLevel = i;
  if (c === 91 /* [ */) {
    // configparser: `\[(?P<header>.+)\]` matched at the start, greedy, so up to the last `]`.
    const close = raw.lastIndexOf(']');
    if (close >= i + 2) {
      st.inSection = true;
      st.hasKey = false;
      return {kind: 'section', raw, eol, name: raw.slice(i + 1, close)};
    }
  }
  let d = i;
  while (d < n) {
    const ch = raw.charCodeAt(d);
    if (ch === 61 /* = */ || ch === 58 /* : */) break;
    d++;
  }
  if (d === n) {
    // configparser keeps the previous option open after a line it cannot read.
    return {kind: 'invalid', raw, eol, reason: 'no-delimiter', indent: i};
  }
  const key = pyRstrip(raw.slice(i, d));
  if (key === '') {
    if (st.inSection) st.hasKey = false;
    return {kind: 'invalid', raw, eol, reason: 'empty-key', indent: i};
  }
  if (st.inSection) st.hasKey = true;
  return {
    kind: 'key',
    raw,
    eol,
    key,
    value: pyStrip(raw.slice(d + 1)),
    delimiter: raw.charCodeAt(d) === 61 ? '=' : ':',
    indent: i,
  };
}

/** Parses file text into a document; never fails, and `serializeIni` gives the text back exactly. */
export function parseIni(text: string): IniDocument {
  let bom = false;
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    bom = true;
    start = 1;
  }
  const lines: IniLine[] = [];
  const st: ClassifyState = {inSection: false, hasKey: false, indentLevel: 0};
  const n = text.length;
  let nextLf = text.indexOf('\n', start);
  let nextCr = text.indexOf('\r', start);
  let pos = start;
  while (pos < n) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    let end: number;
    let eol: Eol;
    if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
      end = nextCr;
      if (nextLf === nextCr + 1) {
        eol = '\r\n';
      } else {
        eol = '\r';
      }
    } else if (nextLf !== -1) {
      end = nextLf;
      eol = '\n';
    } else {
      end = n;
      eol = '';
    }
    lines.push(classify(text.slice(pos, end), eol, st));
    pos = end + eol.length;
  }
  return {bom, lines};
}

/** Writes a document back to text, byte for byte as parsed plus whatever edits made. */
export function serializeIni(doc: IniDocument): string {
  let out = doc.bom ? BOM : '';
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) out += lines[i].raw + lines[i].eol;
  return out;
}

/** The line ending most used in the file (first seen wins a tie), `\n` for a file without one. */
export function dominantEol(doc: IniDocument): Exclude<Eol, ''> {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  let first: Exclude<Eol, ''> | undefined;
  for (const line of doc.lines) {
    if (line.eol === '') continue;
    first ??= line.eol;
    if (line.eol === '\n') lf++;
    else if (line.eol === '\r\n') crlf++;
    else cr++;
  }
  const best = Math.max(lf, crlf, cr);
  if (best === 0 || first === undefined) return '\n';
  const counts = {'\n': lf, '\r\n': crlf, '\r': cr};
  if (counts[first] === best) return first;
  return lf === best ? '\n' : crlf === best ? '\r\n' : '\r';
}

/** Python's shlex.split (POSIX mode), which botocore uses on `[profile …]` headers; undefined when unbalanced. */
export function shlexSplit(s: string): string[] | undefined {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === "'") {
      const close = s.indexOf("'", i + 1);
      if (close === -1) return undefined;
      word += s.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (ch === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= s.length) return undefined;
        const q = s[i];
        if (q === '"') {
          i++;
          break;
        }
        if (q === '\\' && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === '\\')) {
          word += s[i + 1];
          i += 2;
        } else {
          word += q;
          i++;
        }
      }
    } else if (ch === '\\') {
      if (i + 1 >= s.length) return undefined;
      word += s[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) out.push(word);
  return out;
}

const plainProfileHeader = /^profile [^\s'"\\]+$/;

/**
 * The profile a section header names, as botocore reads it. Config: `default` and `profile NAME`
 * (split like a shell word list, so `profile  foo` and `profile "foo"` are `foo`); other sections
 * (`sso-session x`, `services x`, `plugins`) are not profiles. Credentials: the header is the name.
 * `DEFAULT` is configparser's defaults section in both files, never a profile.
 */
export function profileNameOf(sectionHeader: string, kind: IniFileKind): string | undefined {
  if (sectionHeader === 'DEFAULT') return undefined;
  if (kind === 'credentials') return sectionHeader;
  if (sectionHeader.startsWith('profile')) {
    // The usual `profile NAME` needs no shell-style split.
    if (plainProfileHeader.test(sectionHeader)) return sectionHeader.slice(8);
    const parts = shlexSplit(sectionHeader);
    return parts && parts.length === 2 ? parts[1] : undefined;
  }
  return sectionHeader === 'default' ? 'default' : undefined;
}

/** The header a new section for `profile` gets: `profile NAME` (or `default`) in config, the name in credentials. */
export function profileHeader(kind: IniFileKind, profile: string): string {
  if (kind === 'credentials' || profile === 'default') return profile;
  return `profile ${profile}`;
}

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
};

/** The document seen as botocore sees it: blocks of keys, plus lines outside any section. */
export type Walk = {outside: number[]; blocks: WalkBlock[]};

// Most keys have neither continuations nor bad nested lines: they share this empty list.
const NONE: readonly number[] = Object.freeze([]);

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
        block = {header: line.name, line: i, end: lines.length, keys: []};
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
        if (!block) outside.push(i);
        else if (line.reason === 'empty-key') cur = undefined;
        break;
      case 'comment':
        break;
    }
  }
  for (const {entry, parts: all} of multi) {
    const value = pyRstrip(all.join('\n'));
    entry.value = value;
    if (value.startsWith('\n')) {
      const nested: {key: string; value: string; line: number}[] = [];
      for (const li of entry.continuations) {
        const text = (lines[li] as ContinuationLine).value;
        const eq = text.indexOf('=');
        if (eq === -1) {
          if (entry.nestedWithoutEquals === NONE) entry.nestedWithoutEquals = [];
          (entry.nestedWithoutEquals as number[]).push(li);
          continue;
        }
        nested.push({
          key: pyStrip(text.slice(0, eq)),
          value: pyStrip(text.slice(eq + 1)),
          line: li,
        });
      }
      entry.nested = nested;
    }
  }
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
  lines: number[];
  /** Lower-cased keys; nested blocks as `parent.sub` (as the JS SDK names them). */
  keys: Record<string, string>;
  /** 1-based line each key's value came from. */
  keyLines: Record<string, number>;
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

/** listSections from an existing walk. */
export function sectionsOf(walk: Walk, kind: IniFileKind): IniSection[] {
  const byHeader = new Map<string, IniSection>();
  const out: IniSection[] = [];
  for (const block of walk.blocks) {
    let section = byHeader.get(block.header);
    if (!section) {
      section = {
        header: block.header,
        profile: profileNameOf(block.header, kind),
        line: block.line + 1,
        lines: [],
        keys: {},
        keyLines: {},
      };
      byHeader.set(block.header, section);
      out.push(section);
    }
    section.lines.push(block.line + 1);
    for (const k of block.keys) {
      if (k.nested) {
        for (const sub of k.nested) {
          const name = `${k.key}.${sub.key}`;
          setOwn(section.keys, name, sub.value);
          setOwn(section.keyLines, name, sub.line + 1);
        }
      } else {
        setOwn(section.keys, k.key, k.value);
        setOwn(section.keyLines, k.key, k.line + 1);
      }
    }
  }
  return out;
}

export type ProfileView = Map<string, {header: string; keys: Record<string, string>}>;

/** Profiles as botocore resolves them: a later header naming the same profile replaces an earlier one. */
export function profileView(doc: IniDocument, kind: IniFileKind): ProfileView {
  return profilesOf(listSections(doc, kind));
}

/**
 * The keys of each section of one profile, as listSections gives them, without walking the whole
 * file: a section line starts a section whatever came before it, so the profile's sections read
 * the same on their own.
 */
export function profileSectionKeys(
  doc: IniDocument,
  kind: IniFileKind,
  profile: string,
): Record<string, string>[] {
  const lines: IniLine[] = [];
  let inside = false;
  for (const line of doc.lines) {
    if (line.kind === 'section') {
      inside = profileNameOf(line.name, kind) === profile;
    }
    if (inside) lines.push(line);
  }
  return listSections({bom: false, lines}, kind)
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
