// The lossless document model for ~/.aws/credentials and ~/.aws/config: every line keeps its text
// and its own line ending, so a parsed document serializes back byte for byte. Lines are classified
// as botocore (configparser plus its nested-block rule) reads them. Nothing else reads the text:
// every view is a function of this parse.

/** Which of the two AWS files a document is: they name profiles differently. */
export type IniFileKind = 'credentials' | 'config';

/** A line ending as found in the file; '' only on a last line without a final newline. */
export type Eol = '\n' | '\r\n' | '\r' | '';

type LineBase = {readonly raw: string; readonly eol: Eol};
/** A blank line, or a comment (`#` or `;` first). */
type PlainLine = LineBase & {readonly kind: 'blank' | 'comment'};
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
export type ContinuationLine = LineBase & {readonly kind: 'continuation'; readonly value: string};
/** A line botocore cannot read: no `=` or `:` (`no-delimiter`), or nothing before it (`empty-key`). */
export type InvalidLine = LineBase & {
  readonly kind: 'invalid';
  readonly reason: 'no-delimiter' | 'empty-key';
};
export type IniLine = PlainLine | SectionLine | KeyLine | ContinuationLine | InvalidLine;

/** A parsed file: a UTF-8 byte-order-mark flag and every line with its own ending. */
export type IniDocument = {readonly bom: boolean; readonly lines: readonly IniLine[]};

const BOM = '\uFEFF';

/** The white space beyond ASCII that Python and Go both count as space (a regex class body). */
export const WIDE_SPACE = '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const wideSpace = new RegExp(`[${WIDE_SPACE}]`);

/** Python's str.isspace(), which botocore's configparser uses to strip and to measure indents. */
export function isPySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  return c >= 0x85 && wideSpace.test(String.fromCharCode(c));
}

/** Python's str.strip(). */
export function pyStrip(s: string): string {
  const a = skipSpace(s, 0);
  return pyRstrip(a === 0 ? s : s.slice(a));
}

/** Python's str.rstrip(). */
export function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && isPySpace(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** Parser state carried from line to line (configparser's cursect/optname/indent_level). */
type ClassifyState = {inSection: boolean; hasKey: boolean; indentLevel: number};

/** The first index at or after `from` that is not Python white space. */
export function skipSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return i;
}

function classify(raw: string, eol: Eol, st: ClassifyState): IniLine {
  const n = raw.length;
  const i = skipSpace(raw, 0);
  if (i === n) return {kind: 'blank', raw, eol};
  const c = raw.charCodeAt(i);
  if (c === 35 /* # */ || c === 59 /* ; */) return {kind: 'comment', raw, eol};
  // Deeper than the key above: part of that key's value, whatever it looks like.
  if (st.inSection && st.hasKey && i > st.indentLevel) {
    return {kind: 'continuation', raw, eol, value: pyStrip(raw.slice(i))};
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
  const eq = raw.indexOf('=', i);
  // A value may be long and full of colons: look for one only before the `=`.
  const colon = eq === -1 || raw.lastIndexOf(':', eq) >= i ? raw.indexOf(':', i) : -1;
  const d = colon === -1 || (eq !== -1 && eq < colon) ? eq : colon;
  if (d === -1) {
    // configparser keeps the previous option open after a line it cannot read.
    return {kind: 'invalid', raw, eol, reason: 'no-delimiter'};
  }
  const key = pyRstrip(raw.slice(i, d));
  if (key === '') {
    if (st.inSection) st.hasKey = false;
    return {kind: 'invalid', raw, eol, reason: 'empty-key'};
  }
  if (st.inSection) st.hasKey = true;
  const v = skipSpace(raw, d + 1);
  const value = v === n ? '' : pyRstrip(raw.slice(v));
  const delimiter = raw.charCodeAt(d) === 61 ? '=' : ':';
  return {kind: 'key', raw, eol, key, value, delimiter, indent: i};
}

/** Parses file text into a document; never fails, and `serializeIni` gives the text back exactly. */
export function parseIni(text: string): IniDocument {
  const bom = text.charCodeAt(0) === 0xfeff;
  const lines: IniLine[] = [];
  const st: ClassifyState = {inSection: false, hasKey: false, indentLevel: 0};
  // Split on LF by the engine's own split; the rare CR (CRLF, or a lone CR) is split here.
  const pieces = (bom ? text.slice(1) : text).split('\n');
  const last = pieces.length - 1;
  for (let p = 0; p <= last; p++) {
    const piece = pieces[p];
    const eol: Eol = p < last ? '\n' : '';
    let start = 0;
    for (let cr = piece.indexOf('\r'); cr !== -1; cr = piece.indexOf('\r', start)) {
      const crlf = cr === piece.length - 1 && eol === '\n';
      lines.push(classify(piece.slice(start, cr), crlf ? '\r\n' : '\r', st));
      start = crlf ? cr + 2 : cr + 1;
    }
    if (start < piece.length || (eol !== '' && start === piece.length)) {
      lines.push(classify(start === 0 ? piece : piece.slice(start), eol, st));
    }
  }
  return {bom, lines};
}

// The last documents parsed (one per file and one being replaced), shared by every reader.
const recent: {text: string; doc: IniDocument}[] = [];

/** The document model of `text`, parsed once for every reader of the same text. */
export function documentOf(text: string): IniDocument {
  const hit = recent.find((p) => p.text === text);
  if (hit) return hit.doc;
  const doc = parseIni(text);
  recent.unshift({text, doc});
  if (recent.length > 3) recent.pop();
  return doc;
}

/** Writes a document back to text, byte for byte as parsed plus whatever edits made. */
export const serializeIni = (doc: IniDocument): string =>
  (doc.bom ? BOM : '') + doc.lines.map((l) => l.raw + l.eol).join('');

/** The line ending most used in the file (first seen wins a tie), `\n` for a file without one. */
export function dominantEol(doc: IniDocument): Exclude<Eol, ''> {
  const counts = {'\n': 0, '\r\n': 0, '\r': 0};
  let first: Exclude<Eol, ''> | undefined;
  for (const {eol} of doc.lines) {
    if (eol === '') continue;
    first ??= eol;
    counts[eol]++;
  }
  const best = Math.max(...Object.values(counts));
  return ([first ?? '\n', '\n', '\r\n', '\r'] as const).find((e) => counts[e] === best)!;
}

/**
 * The document's lines as the JS and Go SDKs split them, each with the lines of ours it spans
 * (`start` to `end`, exclusive): on `\n` only, so a lone CR joins the lines it separates;
 * `keepCr` keeps the CR of a CRLF (Go does, the JS SDK's `\r?\n` does not).
 */
export function splitOnLf(doc: IniDocument, keepCr: boolean) {
  const out: {text: string; start: number; end: number}[] = [];
  const lines = doc.lines;
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let text = lines[i].raw;
    while (lines[i].eol === '\r' && i + 1 < lines.length) text += '\r' + lines[++i].raw;
    const eol = lines[i].eol;
    if (eol === '\r' || (keepCr && eol === '\r\n')) text += '\r';
    i++;
    out.push({text: start === 0 && doc.bom ? BOM + text : text, start, end: i});
  }
  return out;
}
