// A fast read of an AWS file's sections for callers that only read (list, check, the TUI's rows):
// one pass over the text, no per-line objects. It follows the document model's rules exactly
// (classify, walkIni, sectionsOf in ini-document.ts) for every file it accepts, and gives up
// (`suspect`) on anything a parser could refuse or read in a subtle way; the caller then takes
// the exact path. The property tests hold it to listSections and diagnoseErrors.

import {isPySpace, profileNameOf, pyStrip, setOwn, type IniFileKind} from './ini-document.js';

/**
 * A section as listSections gives it, without `keyLines` and `lines` (nothing that only reads
 * needs them; in a file the scan accepts, no header repeats, so `lines` would be `[line]`).
 */
export type ScannedSection = {
  header: string;
  profile: string | undefined;
  line: number;
  keys: Record<string, string>;
};

/**
 * `suspect: false`: `sections` equal listSections' (less keyLines) and the file has no errors.
 * `suspect: true`: the file has something the fast path does not settle (a BOM, a lone CR,
 * `__proto__`, an unreadable line, a key outside a section, a repeated section or key, `[DEFAULT]`,
 * a nested line without `=`); `sections` is then meaningless.
 */
export type ScanResult = {suspect: boolean; sections: ScannedSection[]};

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

const SUSPECT: ScanResult = Object.freeze({suspect: true, sections: []}) as ScanResult;

function pyRstripEnd(s: string): string {
  let b = s.length;
  while (b > 0 && isPySpace(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** Reads the sections of a file in one pass, or says it needs the exact path (see ScanResult). */
export function scanSections(text: string, kind: IniFileKind): ScanResult {
  if (text.charCodeAt(0) === 0xfeff || text.includes('__proto__')) return SUSPECT;
  // A CR that does not start a CRLF: the JS SDK joins the lines it separates.
  for (let r = text.indexOf('\r'); r !== -1; r = text.indexOf('\r', r + 1)) {
    if (text.charCodeAt(r + 1) !== 10) return SUSPECT;
  }
  const sections: ScannedSection[] = [];
  const headers = new Set<string>();
  let section: ScannedSection | undefined;
  // Keys seen in the current section (a repeat is an error for botocore): those in `keys`, and
  // the parents of nested blocks, which `keys` no longer holds.
  let parents: string[] = [];
  const seen = (key: string) =>
    hasOwn(section!.keys, key) || (parents.length > 0 && parents.includes(key));
  // classify()'s state.
  let hasKey = false;
  let indentLevel = 0;
  // walkIni()'s state for the open key.
  let curKey: string | undefined;
  let curValue = '';
  let blanks = 0;
  let parts: string[] | undefined;
  let conts: string[] | undefined;

  // Settles a key whose value ran over several lines, as walkIni's final pass does.
  const finishKey = (): boolean => {
    if (parts === undefined || section === undefined || curKey === undefined) return true;
    const value = pyRstripEnd(parts.join('\n'));
    if (value.startsWith('\n')) {
      // A nested block: the parent key is replaced by `parent.sub` keys.
      delete section.keys[curKey];
      parents.push(curKey);
      for (const t of conts!) {
        const eq = t.indexOf('=');
        if (eq === -1) return false;
        const name = `${curKey}.${pyStrip(t.slice(0, eq))}`;
        // A sub-key could collide with a plain key of the same section: leave that to the exact path.
        if (seen(name)) return false;
        setOwn(section.keys, name, pyStrip(t.slice(eq + 1)));
      }
    } else {
      section.keys[curKey] = value;
    }
    parts = undefined;
    conts = undefined;
    return true;
  };

  const n = text.length;
  let pos = 0;
  let lineNo = 0;
  // The next `=` and `:` at or after the current line: each search resumes where the last one
  // stopped, so finding every line's delimiter costs one pass over the text in all.
  let nextEq = -2;
  let nextColon = -2;
  // This runs once per command over files of thousands of profiles, mostly before the JIT has
  // warmed up: per line, few calls and few allocations (the space tests are inlined for ASCII).
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    let next: number;
    if (end === -1) {
      end = n;
      next = n;
    } else {
      next = end + 1;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    }
    lineNo++;
    let i = pos;
    let c = i < end ? text.charCodeAt(i) : 0;
    while (i < end && (c === 32 || c === 9 || ((c < 32 || c >= 0x85) && isPySpace(c)))) {
      c = text.charCodeAt(++i);
    }
    const lineStart = pos;
    pos = next;
    if (i === end) {
      if (curKey !== undefined) blanks++;
      continue;
    }
    if (c === 35 /* # */ || c === 59 /* ; */) continue;
    const indent = i - lineStart;
    if (section !== undefined && hasKey && indent > indentLevel) {
      // A continuation of the open key.
      if (curKey !== undefined) {
        const value = pyStrip(text.slice(i, end));
        if (parts === undefined) {
          parts = [curValue];
          conts = [];
        }
        for (; blanks > 0; blanks--) parts.push('');
        parts.push(value);
        conts!.push(value);
      }
      continue;
    }
    indentLevel = indent;
    if (c === 91 /* [ */) {
      const close = text.lastIndexOf(']', end - 1);
      if (close >= i + 2) {
        if (parts !== undefined && !finishKey()) return SUSPECT;
        const header = text.slice(i + 1, close);
        if (header === 'DEFAULT' || headers.has(header)) return SUSPECT;
        headers.add(header);
        section = {header, profile: profileNameOf(header, kind), line: lineNo, keys: {}};
        sections.push(section);
        if (parents.length > 0) parents = [];
        hasKey = false;
        curKey = undefined;
        continue;
      }
    }
    if (nextEq !== -1 && nextEq < i) nextEq = text.indexOf('=', i);
    if (nextColon !== -1 && nextColon < i) nextColon = text.indexOf(':', i);
    let d = end;
    if (nextEq !== -1 && nextEq < d) d = nextEq;
    if (nextColon !== -1 && nextColon < d) d = nextColon;
    // No delimiter, or nothing before it: a line botocore cannot read.
    if (d === end || section === undefined) return SUSPECT;
    let ke = d;
    while (ke > i) {
      const k = text.charCodeAt(ke - 1);
      if (k !== 32 && k !== 9 && !((k < 32 || k >= 0x85) && isPySpace(k))) break;
      ke--;
    }
    if (ke === i) return SUSPECT;
    let vs = d + 1;
    while (vs < end) {
      const k = text.charCodeAt(vs);
      if (k !== 32 && k !== 9 && !((k < 32 || k >= 0x85) && isPySpace(k))) break;
      vs++;
    }
    let ve = end;
    while (ve > vs) {
      const k = text.charCodeAt(ve - 1);
      if (k !== 32 && k !== 9 && !((k < 32 || k >= 0x85) && isPySpace(k))) break;
      ve--;
    }
    if (parts !== undefined && !finishKey()) return SUSPECT;
    const key = text.slice(i, ke).toLowerCase();
    // `__PROTO__` and the like: plain assignment would drop it (the text check is case-sensitive).
    if (key === '__proto__') return SUSPECT;
    const keys = section.keys;
    if (hasOwn(keys, key) || (parents.length > 0 && parents.includes(key))) return SUSPECT;
    const value = text.slice(vs, ve);
    keys[key] = value;
    hasKey = true;
    curKey = key;
    curValue = value;
    blanks = 0;
  }
  if (!finishKey()) return SUSPECT;
  return {suspect: false, sections};
}
