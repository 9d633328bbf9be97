// What botocore refuses and what the JS SDK reads differently, with line numbers: a function of
// the document's walk (botocore's reading) and the JS SDK's replay of the same lines.

import {VERDICTS, type IniDiagnostic} from './codes.js';
import type {IniDocument, IniFileKind, InvalidLine} from './document.js';
import {checkKeys, coverProfiles, type BlockInfo, type Diagnosis} from './diagnose-keys.js';
import {goHeaderName, goProfileOf} from './go-sdk.js';
import {jsProfileOf, jsSdkView, traceJsSdk, type JsSdkView} from './js-sdk.js';
import {profileNameOf} from './names.js';
import {profilesOf, sectionsOf, walkIni, type IniSection, type WalkBlock} from './sections.js';

/** Everything both readers make of one document, each part worked out when first asked for. */
export type Analysis = ReturnType<typeof analyse>;

/** Sets up the analysis of a document: an errors-only pass over a clean file needs only the sections. */
export function analyse(doc: IniDocument, kind: IniFileKind, sections?: IniSection[]) {
  const walk = walkIni(doc);
  let trace: ReturnType<typeof traceJsSdk> | undefined;
  let profiles: Map<string, IniSection> | undefined;
  let view: JsSdkView | undefined;
  return {
    doc,
    kind,
    walk,
    get trace() {
      return (trace ??= traceJsSdk(doc));
    },
    get sections() {
      return (sections ??= sectionsOf(walk, kind));
    },
    get profiles() {
      return (profiles ??= profilesOf(this.sections));
    },
    get js() {
      return (view ??= jsSdkView(doc, kind, this.trace));
    },
  };
}

const READS_BY_JS = (a: Analysis, i: number) =>
  a.trace.events[i].type === 'section' ? 'reads it as a section header' : 'ignores it';

/** The errors outside sections: a BOM, lines before any section, a section name the JS SDK refuses. */
function fileErrors({a, add, merged}: Diagnosis, errorsOnly: boolean) {
  const {doc, walk} = a;
  if (doc.bom) {
    const why = 'botocore (AWS CLI, boto3) cannot parse';
    add(0, 'bom', `The file starts with a UTF-8 byte-order mark, which ${why}.`);
  }
  for (const i of walk.outside) {
    const message =
      'This line comes before any [section]: botocore refuses the file; the JS SDK ignores the line.';
    add(i, 'outside-section', message);
  }
  // Only a `[__proto__]` header makes the JS SDK refuse the file, and botocore reads that line as a
  // header or as part of a value; then (or for the lone CRs the warnings need) the JS SDK's replay.
  const proto = doc.lines.some(
    (l) => (l.kind === 'section' || l.kind === 'continuation') && l.raw.includes('__proto__'),
  );
  if (errorsOnly && !proto) return;
  const events = a.trace.events;
  events.forEach((ev, i) => {
    if (ev.type !== 'merged') return;
    if (!merged.has(ev.start) && !errorsOnly) {
      let last = i;
      while (events[last + 1]?.type === 'merged') last++;
      const message = `Lines ${ev.start + 1}-${last + 1} are separated by a lone CR (old Mac line ending): botocore reads them as separate lines, the JS SDK as one.`;
      add(ev.start, 'lone-cr', message);
    }
    merged.add(ev.start).add(i);
  });
  events.forEach((ev, i) => {
    if (ev.type !== 'section' || !ev.throws) return;
    const message = `The JS SDK refuses a section named "${ev.name}" and then reads nothing from this file.`;
    add(i, 'js-refuses-file', message, {section: ev.name});
  });
}

/** Whether some section inherits [DEFAULT]'s `key` (has none of its own): only then botocore parses it. */
const inherits = (a: Analysis, key: string) =>
  a.sections.some(
    (s) => s.header !== 'DEFAULT' && !s.blocks.some((b) => b.keys.some((k) => k.key === key)),
  );

/** The 0-based line of each key's first occurrence. */
type Firsts = Map<string, number>;

/** What makes botocore refuse one block: a repeat of its section or of a key, an unreadable line. */
function blockErrors({a, add}: Diagnosis, block: WalkBlock, first: number, defaults: Firsts) {
  const h = block.header;
  if (h !== 'DEFAULT' && block.line !== first) {
    const message = `[${h}] appears again (first on line ${first + 1}): botocore refuses the file; the JS SDK merges the two.`;
    add(block.line, 'duplicate-section', message, {section: h, related: first + 1});
  }
  const firsts = h === 'DEFAULT' ? defaults : new Map<string, number>();
  for (const k of block.keys) {
    const at = firsts.get(k.key);
    if (at === undefined) {
      firsts.set(k.key, k.line);
    } else {
      const message = `${k.key} appears again in [${h}] (first on line ${at + 1}): botocore refuses the file; the JS SDK takes the last value.`;
      add(k.line, 'duplicate-key', message, {section: h, key: k.key, related: at + 1});
    }
    if (k.nestedWithoutEquals.length === 0 || (h === 'DEFAULT' && !inherits(a, k.key))) continue;
    for (const bad of k.nestedWithoutEquals) {
      const message = `This line is indented under "${k.key} =" but has no "=": botocore refuses the file; the JS SDK ${READS_BY_JS(a, bad)}.`;
      add(bad, 'nested-without-equals', message, {section: h, key: k.key, related: k.line + 1});
    }
  }
  for (const i of block.invalid) {
    const empty = (a.doc.lines[i] as InvalidLine).reason === 'empty-key';
    const what = empty
      ? 'has nothing before its "=" or ":"'
      : 'is neither [section], key = value nor a comment';
    const message = `This line ${what}: botocore refuses the file; the JS SDK ${READS_BY_JS(a, i)}.`;
    add(i, empty ? 'empty-key-name' : 'invalid-line', message, {section: h});
  }
}

/** The message for `[h]`: botocore reads profile `botocore`, `reader` `other` (or does `none`). */
function namesDiffer(reader: string, none: string, h: string, botocore?: string, other?: string) {
  if (botocore === undefined) {
    return `The ${reader} reads [${h}] as profile "${other}"; botocore does not treat it as a profile.`;
  }
  const theirs =
    other === undefined ? `; the ${reader} ${none}` : `, the ${reader} as profile "${other}"`;
  return `botocore reads [${h}] as profile "${botocore}"${theirs}.`;
}

/** The header that last defined a profile, and its 0-based line. */
type Header = {header: string; line: number};

/** How the JS SDK reads one section's header against botocore; then its keys, when comparable. */
function blockWarnings(d: Diagnosis, block: WalkBlock, profiles: Map<string, Header>): BlockInfo {
  const {a, add, merged} = d;
  const {kind} = a;
  const h = block.header;
  const section = {section: h};
  const botocore = profileNameOf(h, kind);
  if (h === 'DEFAULT') {
    const message =
      'botocore copies the keys of [DEFAULT] into every other section of this file; the JS SDK reads it as an ordinary section.';
    add(block.line, 'default-section', message, section);
  }
  if (botocore !== undefined && kind === 'config') {
    const other = profiles.get(botocore);
    if (other && other.header !== h) {
      const js = botocore === 'default' ? ', the JS SDK the [profile default] section' : ' section';
      const message = `Profile "${botocore}" is also defined by [${other.header}] on line ${other.line + 1}: botocore uses the later${js}.`;
      add(block.line, 'profile-defined-twice', message, {...section, related: other.line + 1});
    }
    if (!other || other.header !== h) profiles.set(botocore, {header: h, line: block.line});
  }
  const info: BlockInfo = {block, botocore, js: undefined};
  const ev = a.trace.events[block.line];
  // A lone CR and [DEFAULT] have their own diagnostics.
  if (merged.has(block.line) || h === 'DEFAULT') return info;
  if (ev.type !== 'section') {
    const message = `The JS SDK does not read [${h}] as a section header (text after "]", or a " #"/" ;" comment inside it), so it files the keys below under the section above.`;
    add(block.line, 'section-not-read', message, section);
    return info;
  }
  info.js = jsProfileOf(ev.mapKey, kind);
  // A refused name is reported with the file's errors.
  if (ev.throws) return info;
  if (botocore !== info.js) {
    const only =
      kind === 'config' ? ' (it reads only [profile NAME] with one space and a plain name)' : '';
    const message = namesDiffer('JS SDK', `ignores this section${only}`, h, botocore, info.js);
    add(block.line, 'profile-name-differs', message, section);
  } else if (ev.name !== h) {
    const message = `botocore reads this section as [${h}], the JS SDK as [${ev.name}].`;
    add(block.line, 'section-name-differs', message, section);
  } else {
    checkKeys(d, block, ev.mapKey);
  }
  return info;
}

const quoted = /^(["']).+\1$/;

/** What only the Go SDK reads otherwise: a header it names another profile, a quoted value. */
function goWarnings({a, add, merged, out}: Diagnosis) {
  const named = new Set(out.filter((d) => d.code === 'profile-name-differs').map((d) => d.line));
  for (const block of a.walk.blocks) {
    const h = block.header;
    const extra = {section: h, parsers: ['go-sdk' as const]};
    // A BOM, a lone CR and [DEFAULT] have their own diagnostics.
    const skip = merged.has(block.line) || (block.line === 0 && a.doc.bom) || h === 'DEFAULT';
    const header = goHeaderName(a.doc.lines[block.line].raw);
    const go = header === undefined ? undefined : goProfileOf(header, a.kind);
    const botocore = profileNameOf(h, a.kind);
    if (!skip && go !== botocore && !named.has(block.line + 1)) {
      const message = namesDiffer('Go SDK', 'does not', h, botocore, go);
      add(block.line, 'profile-name-differs', message, extra);
    }
    for (const k of block.keys) {
      if (merged.has(k.line) || k.continuations.length > 0 || !quoted.test(k.value)) continue;
      const message = `The Go SDK removes the quotes around the value of ${k.key}; botocore and the JS SDK keep them.`;
      add(k.line, 'quoted-value', message, {...extra, key: k.key});
    }
  }
}

/**
 * All diagnostics, or (errorsOnly) just the errors, which is all a write check needs of `before`;
 * `go` adds what only the Go SDK reads otherwise (the precedence engine speaks for it too).
 */
export function diagnoseAnalysis(a: Analysis, errorsOnly = false, go = false): IniDiagnostic[] {
  const out: IniDiagnostic[] = [];
  const add: Diagnosis['add'] = (index, code, message, extra) =>
    out.push({line: index + 1, ...VERDICTS[code], code, message, ...extra});
  const d: Diagnosis = {a, out, add, merged: new Set()};
  fileErrors(d, errorsOnly);
  const defaults: Firsts = new Map();
  // By section: sectionsOf has found the repeated ones. Sorting by line restores the file's order.
  for (const {blocks} of a.sections) {
    for (const block of blocks) blockErrors(d, block, blocks[0].line, defaults);
  }
  if (!errorsOnly) {
    const profiles = new Map<string, Header>();
    const infos = a.walk.blocks.map((block) => blockWarnings(d, block, profiles));
    a.doc.lines.forEach((line, i) => {
      if (line.kind !== 'blank' && line.kind !== 'comment') return;
      if (d.merged.has(i) || a.trace.events[i].type === 'ignored') return;
      const message = 'botocore skips this line; the JS SDK reads something from it.';
      add(i, 'js-reads-differently', message);
    });
    coverProfiles(d, infos);
    if (go) goWarnings(d);
  }
  return out.sort((x, y) => x.line - y.line);
}

/**
 * What botocore (AWS CLI v1/v2, boto3) refuses in this file and what the JS SDK v3 (and, with
 * `go`, the Go SDK v2) silently drops or reads differently, each with its 1-based line, in line order.
 */
export function diagnose(
  doc: IniDocument,
  kind: IniFileKind,
  {go = false}: {go?: boolean} = {},
): IniDiagnostic[] {
  return diagnoseAnalysis(analyse(doc, kind), false, go);
}

// A document never changes: its errors are found once, whoever asks (the store, botocore's view).
const errorsOf = new WeakMap<IniDocument, Partial<Record<IniFileKind, readonly IniDiagnostic[]>>>();

/** Only the errors of diagnose (what makes a parser refuse the file); pass the sections if made. */
export function diagnoseErrors(
  doc: IniDocument,
  kind: IniFileKind,
  sections?: IniSection[],
): readonly IniDiagnostic[] {
  let known = errorsOf.get(doc);
  if (!known) errorsOf.set(doc, (known = {}));
  return (known[kind] ??= diagnoseAnalysis(analyse(doc, kind, sections), true));
}
