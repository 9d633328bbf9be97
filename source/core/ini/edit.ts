// Edits on the document model. Each returns a new document and leaves every line it does not have
// to touch as the very same object, so the bytes outside the edited keys cannot change.

import {fail, ok, type Result} from '../errors.js';
import {validateAll, validateHeader} from './validate.js';
import {
  dominantEol,
  skipSpace,
  type Eol,
  type IniDocument,
  type IniLine,
  type KeyLine,
  type SectionLine,
} from './document.js';
import {walkIni, type WalkBlock} from './sections.js';

/** The occurrences of `[header]`, as the model's walk groups the lines. */
const blocksOf = (doc: IniDocument, header: string): WalkBlock[] =>
  walkIni(doc).blocks.filter((b) => b.header === header);

/** The white space around a key line's delimiter, and the column the delimiter sits at. */
function spacingOf({raw, indent, key}: KeyLine) {
  const keyEnd = indent + key.length;
  let column = keyEnd;
  while (column < raw.length && raw[column] !== '=' && raw[column] !== ':') column++;
  const after = raw.slice(column + 1, skipSpace(raw, column + 1));
  return {before: raw.slice(keyEnd, column), after, column};
}

/** The text before and after `=`; `column` pads every key to one `=` column. */
type Style = {before: string; after: string; column?: number};

/** A `key = value` line to copy spacing from. */
const isReference = (l: IniLine): l is KeyLine =>
  l.kind === 'key' && l.delimiter === '=' && l.value !== '';

/**
 * The spacing most of the section's `key = value` lines use (the later on a tie), else the file's,
 * else ` = `. Columns padded to one `=` (as go-ini writes them for saml2aws) stay aligned.
 */
function styleOf(doc: IniDocument, blocks: WalkBlock[]): Style {
  let refs = blocks.flatMap((b) => b.keys.map((k) => doc.lines[k.line])).filter(isReference);
  if (refs.length === 0) refs = doc.lines.filter(isReference);
  if (refs.length === 0) return {before: ' ', after: ' '};
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const ref of refs) {
    const {before, after} = spacingOf(ref);
    // Padding to a column is one style whatever its width.
    const key = `${before.length > 1 && /^ +$/.test(before) ? '<pad>' : before}=${after}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n >= bestCount) {
      best = key;
      bestCount = n;
    }
  }
  const eq = best.lastIndexOf('=');
  const style: Style = {before: best.slice(0, eq), after: best.slice(eq + 1)};
  if (style.before === '<pad>') {
    style.before = ' ';
    const column = spacingOf(refs[refs.length - 1]).column;
    const aligned = refs.every((ref) => ref.indent === 0 && spacingOf(ref).column === column);
    if (aligned && refs.length >= 2) style.column = column;
  }
  return style;
}

function keyLine(key: string, value: string, style: Style, eol: Eol, indent = ''): KeyLine {
  const before =
    style.column !== undefined ? ' '.repeat(Math.max(1, style.column - key.length)) : style.before;
  const raw = `${indent}${key}${before}=${style.after}${value}`;
  return {kind: 'key', raw, eol, key, value, delimiter: '=', indent: indent.length};
}

/** A key line with a new value: `KEY = v` keeps its own spacing; `key: v` takes the section's. */
function rewriteKeyLine(line: KeyLine, key: string, value: string, style: Style): KeyLine {
  const own = spacingOf(line);
  const before = line.delimiter === '=' ? own.before : style.before;
  const after = line.delimiter === '=' && line.value !== '' ? own.after : style.after;
  return keyLine(key, value, {before, after}, line.eol, line.raw.slice(0, line.indent));
}

/** The document with some lines replaced, each by none, one or more lines. */
function applyEdits(doc: IniDocument, edits: Map<number, IniLine[]>): IniDocument {
  if (edits.size === 0) return doc;
  const lines = doc.lines.flatMap((line, i) => edits.get(i) ?? [line]);
  return finish(doc, lines);
}

/** Keeps the new line list reading back as the same lines. */
function finish(doc: IniDocument, lines: IniLine[]): IniDocument {
  // Only the old last line can lack a newline; once lines follow it, it needs one.
  const open = lines.findIndex((l, i) => l.eol === '' && i < lines.length - 1);
  if (open !== -1) lines[open] = {...lines[open], eol: dominantEol(doc)};
  // A lone CR followed by an empty line ending in LF would read back as one CRLF: keep them apart.
  for (let i = 0; i + 1 < lines.length; i++) {
    const next = lines[i + 1];
    if (lines[i].eol === '\r' && next.raw === '' && next.eol === '\n') {
      lines[i + 1] = {...next, eol: '\r\n'};
    }
  }
  return {bom: doc.bom, lines};
}

/** Whether the file separates sections with a blank line (then a new section gets one too). */
function separatesSections(doc: IniDocument): boolean {
  const lines = doc.lines;
  if (lines.length === 0 || lines[lines.length - 1].kind === 'blank') return false;
  return lines.some((l, i) => i > 0 && l.kind === 'section' && lines[i - 1].kind === 'blank');
}

function appendSection(doc: IniDocument, header: string, entries: [string, string][]): IniDocument {
  const style = styleOf(doc, []);
  const eol = dominantEol(doc);
  const lines = doc.lines.slice();
  if (separatesSections(doc)) lines.push({kind: 'blank', raw: '', eol});
  lines.push({kind: 'section', raw: `[${header}]`, eol, name: header});
  for (const [k, v] of entries) lines.push(keyLine(k, v, style, eol));
  return finish(doc, lines);
}

/**
 * Sets keys in `[header]`, appending the section if missing. A key is updated on its last line (the
 * one readers that accept repeats use; earlier ones are left alone), keeping its spacing and
 * dropping its continuation lines; missing keys go after the section's last key, spaced like its
 * others. Values are written bare: never quoted, never with a comment.
 */
export function setKeys(
  doc: IniDocument,
  header: string,
  values: Record<string, string>,
): Result<IniDocument> {
  const valid = validateAll(header, values);
  if (!valid.ok) return valid;
  const entries = valid.value;
  if (entries.length === 0) return ok(doc);
  const blocks = blocksOf(doc, header);
  if (blocks.length === 0) return ok(appendSection(doc, header, entries));
  // The last line of each key, as every reader that accepts repeats uses it.
  const lastKey = new Map(blocks.flatMap((b) => b.keys.map((k) => [k.key, k] as const)));
  const style = styleOf(doc, blocks);
  const edits = new Map<number, IniLine[]>();
  const missing: [string, string][] = [];
  for (const [key, value] of entries) {
    const found = lastKey.get(key);
    if (!found) {
      missing.push([key, value]);
      continue;
    }
    const line = doc.lines[found.line] as KeyLine;
    const conts = found.continuations;
    if (conts.length === 0 && line.key === key && line.delimiter === '=' && line.value === value) {
      continue;
    }
    edits.set(found.line, [rewriteKeyLine(line, key, value, style)]);
    for (const c of conts) edits.set(c, []);
  }
  if (missing.length > 0) {
    const last = blocks[blocks.length - 1];
    let at = last.end - 1;
    while (at > last.line && (doc.lines[at].kind === 'blank' || doc.lines[at].kind === 'comment')) {
      at--;
    }
    const anchorEol = doc.lines[at].eol;
    const eol = anchorEol === '' ? dominantEol(doc) : anchorEol;
    // A next header indented deeper than a new key would turn into that key's continuation.
    const next = doc.lines[last.end] as SectionLine | undefined;
    const indent = next ? next.raw.slice(0, skipSpace(next.raw, 0)) : '';
    const added = missing.map(([k, v]) => keyLine(k, v, style, eol, indent));
    edits.set(at, [...(edits.get(at) ?? [doc.lines[at]]), ...added]);
  }
  return ok(applyEdits(doc, edits));
}

/** Removes keys (any case, every occurrence, with their continuation lines) from `[header]`. */
export function removeKeys(
  doc: IniDocument,
  header: string,
  keys: readonly string[],
): Result<IniDocument> {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  const edits = new Map<number, IniLine[]>();
  for (const b of blocksOf(doc, header)) {
    for (const k of b.keys) {
      if (wanted.has(k.key)) for (const at of [k.line, ...k.continuations]) edits.set(at, []);
    }
  }
  return ok(applyEdits(doc, edits));
}

/** Adds an empty `[header]` at the end of the file; an error if the section exists. */
export function addSection(doc: IniDocument, header: string): Result<IniDocument> {
  const valid = validateHeader(header);
  if (!valid.ok) return valid;
  if (blocksOf(doc, header).length > 0) {
    return fail(
      'ini-section-exists',
      `[${header}] already exists.`,
      'Set keys in the existing section instead.',
    );
  }
  return ok(appendSection(doc, header, []));
}
