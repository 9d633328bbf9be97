// The part of a file a write check needs to read. Checking a big file whole means three full
// parses per side (our botocore model, its diagnosis, the JS SDK's own parser); an edit changes one
// section. On files where every section starts the same way for both parsers, the sections an edit
// did not change read the same before and after, so checking the changed ones (with every section
// that could merge with them) decides exactly as checking the whole file does. The property tests
// in test/core/ini-window.test.ts hold the two verdicts equal.

import type {IniDocument, IniFileKind, IniLine} from './ini-document.js';

/** The texts to check instead of the whole file: the touched sections of before and after. */
export type CheckWindow = {before: string; after: string};

type Chunk = {name: string; lines: IniLine[]};

/**
 * Every line whose first non-blank character is `[` must be a section header that botocore and
 * the JS SDK both see, naming the same section: at column 0 (never a continuation for botocore),
 * ending in `]` (the JS SDK's test) and free of `;` and `#` (no comment either parser would strip
 * differently). Anything else could let one parser carry state across a section boundary.
 */
function plainHeader(line: IniLine): boolean {
  const raw = line.raw;
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 9)) i++;
  const c = raw.charCodeAt(i);
  if (c !== 91 /* [ */) {
    if (line.kind === 'section') return false;
    // Other blanks (Unicode spaces, form feeds) are rare: the JS SDK's trim() decides for them.
    return c > 32 && c < 127 ? true : !/^\s*\[/.test(raw);
  }
  return (
    line.kind === 'section' &&
    i === 0 &&
    raw.trimEnd().endsWith(']') &&
    !raw.includes(';') &&
    !raw.includes('#')
  );
}

/** The name sections merge under, for every reader: `profile x`, `profile  x` and `x` alike. */
function mergeName(header: string): string {
  return header.replace(/^profile\s+/, '').trim();
}

/** The file as preamble + sections, or undefined when it does not qualify (see plainHeader). */
function chunksOf(doc: IniDocument): {preamble: IniLine[]; chunks: Chunk[]} | undefined {
  if (doc.bom) return undefined;
  const preamble: IniLine[] = [];
  const chunks: Chunk[] = [];
  let current: IniLine[] = preamble;
  for (const line of doc.lines) {
    // A lone CR ends a line for our model and botocore but not for the JS SDK.
    if (line.eol === '\r' || !plainHeader(line)) return undefined;
    if (line.kind === 'section') {
      // botocore's DEFAULT section feeds every other section.
      if (line.name === 'DEFAULT') return undefined;
      current = [line];
      chunks.push({name: mergeName(line.name), lines: current});
    } else {
      current.push(line);
    }
  }
  return {preamble, chunks};
}

/**
 * The lines of each merge name, in file order. An edit keeps the very line objects it did not
 * touch (the document model never copies them), so comparing references finds the changed
 * sections without building or comparing any text.
 */
function byName(chunks: Chunk[]): Map<string, IniLine[]> {
  const out = new Map<string, IniLine[]>();
  for (const c of chunks) {
    const lines = out.get(c.name);
    if (lines) lines.push(...c.lines);
    else out.set(c.name, c.lines.slice());
  }
  return out;
}

const sameLines = (a: readonly IniLine[] | undefined, b: readonly IniLine[] | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.length === b.length &&
  a.every((line, i) => line === b[i] || (line.raw === b[i]!.raw && line.eol === b[i]!.eol));

const textOf = (lines: IniLine[]) => lines.map((l) => l.raw + l.eol).join('');

/**
 * The sections to check for the edit `before` → `after`, or undefined when the whole file must be
 * checked (a file with a BOM, a lone CR, `[DEFAULT]`, `__proto__`, a header either parser could
 * read differently, or a changed preamble).
 */
export function writeCheckWindow(
  beforeText: string,
  before: IniDocument,
  after: IniDocument,
  _kind: IniFileKind,
): CheckWindow | undefined {
  // The JS SDK refuses a whole file over one `__proto__` section: a global verdict.
  if (beforeText.includes('__proto__')) return undefined;
  const b = chunksOf(before);
  const a = chunksOf(after);
  if (!b || !a || !sameLines(b.preamble, a.preamble)) return undefined;
  const was = byName(b.chunks);
  const will = byName(a.chunks);
  const touched = new Set<string>();
  for (const name of new Set([...was.keys(), ...will.keys()])) {
    if (!sameLines(was.get(name), will.get(name))) touched.add(name);
  }
  const join = (chunks: Chunk[]) =>
    textOf(chunks.filter((c) => touched.has(c.name)).flatMap((c) => c.lines));
  return {before: join(b.chunks), after: join(a.chunks)};
}
