// The JS SDK's reading of each key against botocore's, and the net under them: every profile the
// two read differently carries a diagnostic.
import type {IniDiagnostic, IniDiagnosticCode} from './codes.js';
import type {Analysis} from './diagnose.js';
import type {KeyLine} from './document.js';
import {isJsProfileEntry, jsCommentCut, jsProfileOf, type JsLineEvent} from './js-sdk.js';
import type {WalkBlock, WalkKey} from './sections.js';

type Extra = Partial<Pick<IniDiagnostic, 'section' | 'key' | 'related' | 'parsers'>>;

/** What the checks share: the analysis, the diagnostics found so far and how to add one. */
export type Diagnosis = {
  a: Analysis;
  out: IniDiagnostic[];
  /** Adds a diagnostic on the 0-based line `index`. */
  add: (index: number, code: IniDiagnosticCode, message: string, extra?: Extra) => void;
  /** Lines the JS SDK joins into one because a lone CR separates them. */
  merged: Set<number>;
};

/** A section as each reader names its profile. */
export type BlockInfo = {block: WalkBlock; botocore: string | undefined; js: string | undefined};

type Keys = Record<string, string> | undefined;

/** Whether two key maps hold the same keys and values. */
export function sameKeys(a: Keys, b: Keys): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ka = Object.keys(a);
  return (
    ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k])
  );
}

const cutsComment = (raw: string) => jsCommentCut(raw) < raw.length;
const inlineComment = (name: string) =>
  `The JS SDK cuts this line at a " #" or " ;" (an inline comment); botocore keeps that text in the value of ${name}.`;
const indentedSection = (key: string) =>
  `botocore reads this indented line as part of ${key}; the JS SDK as a section header.`;

type Warn = (code: IniDiagnosticCode, message: string, at?: number, related?: number) => void;

/** The usual causes of a key read differently, in the order a reader should fix them; else `fallback`. */
function explain(line: KeyLine, k: WalkKey, warn: Warn, fallback: () => void) {
  if (line.delimiter === ':') {
    const message = `"${line.key}:" uses ":"; botocore accepts it, the JS SDK does not read it. Write "${k.key} = ...".`;
    warn('colon-delimiter', message);
  } else if (line.key !== k.key) {
    const message = `${line.key} has upper-case letters: botocore reads it as ${k.key}, the JS SDK only as ${line.key}.`;
    warn('uppercase-key', message);
  } else if (cutsComment(line.raw)) {
    warn('inline-comment', inlineComment(k.key));
  } else {
    fallback();
  }
}

type KeyCheck = Diagnosis & {mapKey: string | undefined; warn: Warn};

const readsKey = (c: KeyCheck, ev: JsLineEvent, key: string, value: string) =>
  ev.type === 'key' && ev.stored && ev.section === c.mapKey && ev.key === key && ev.value === value;

/** A nested block (`key =` and indented `sub = value` lines), which the JS SDK reads as `key.sub`. */
function checkNested(c: KeyCheck, k: WalkKey, line: KeyLine) {
  const {a, merged, warn} = c;
  const events = a.trace.events;
  const ev = events[k.line];
  if (!(ev.type === 'subsection' && ev.name === k.key)) {
    const message = `The JS SDK does not read the block under "${k.key} =" as botocore does.`;
    explain(line, k, warn, () => warn('js-reads-differently', message));
    return;
  }
  for (const sub of k.nested!) {
    const name = `${k.key}.${sub.key}`;
    const at = sub.line;
    if (merged.has(at) || readsKey(c, events[at], name, sub.value)) continue;
    if (cutsComment(a.doc.lines[at].raw)) {
      warn('inline-comment', inlineComment(name), at);
    } else if (sub.value === '') {
      const message = `${name} is empty: botocore reads "", the JS SDK ignores it and reads the indented lines after it as ${sub.key}.*.`;
      warn('empty-value', message, at);
    } else if (events[at].type === 'section') {
      warn('indented-section', indentedSection(k.key), at);
    } else {
      warn('js-reads-differently', `The JS SDK does not read ${name} as botocore does.`, at);
    }
  }
}

/** A plain key, its value perhaps continued on indented lines. */
function checkPlain(c: KeyCheck, k: WalkKey, line: KeyLine, section: string) {
  const {a, merged, warn} = c;
  const events = a.trace.events;
  const ev = events[k.line];
  for (const at of k.continuations) {
    if (!merged.has(at) && events[at].type === 'section') {
      warn('indented-section', indentedSection(k.key), at);
    }
  }
  if (k.value === '') {
    const message = `${k.key} is empty: botocore reads "", the JS SDK ignores the key. Remove it or give it a value.`;
    explain(line, k, warn, () => warn('empty-value', message));
    return;
  }
  if (readsKey(c, ev, k.key, k.value)) return;
  explain(line, k, warn, () => {
    if (k.continuations.length > 0) {
      const s = k.continuations.length > 1 ? 's' : '';
      const message = `botocore joins the indented line${s} below to the value of ${k.key}; the JS SDK reads only this line (and indented "a = b" lines as keys of their own).`;
      warn('multi-line-value', message, k.line, k.continuations[0] + 1);
    } else if (ev.type === 'key' && ev.key.endsWith(`.${line.key}`)) {
      const parent = ev.key.slice(0, -line.key.length - 1);
      const message = `The JS SDK reads this as ${ev.key}, because an empty "${parent} =" above opens a block for indented lines; botocore reads ${k.key}.`;
      warn('js-subsection', message);
    } else if (ev.type === 'key' && ev.section !== c.mapKey) {
      const message = `The JS SDK files ${ev.key} under [${ev.section}] (a header above it that botocore reads differently), not under [${section}].`;
      warn('js-reads-differently', message);
    } else {
      warn('js-reads-differently', `The JS SDK does not read ${k.key} as botocore does.`);
    }
  });
}

/** Compares, key line by key line, what the JS SDK read with what botocore read. */
export function checkKeys(d: Diagnosis, block: WalkBlock, mapKey: string | undefined): void {
  for (const k of block.keys) {
    if (d.merged.has(k.line)) continue;
    const extra = {section: block.header, key: k.key};
    const warn: Warn = (code, message, at = k.line, related) =>
      d.add(at, code, message, related === undefined ? extra : {...extra, related});
    const c: KeyCheck = {...d, mapKey, warn};
    const line = d.a.doc.lines[k.line] as KeyLine;
    if (k.nested) checkNested(c, k, line);
    else checkPlain(c, k, line, block.header);
  }
}

/** Makes sure every profile the two readers see differently carries at least one diagnostic. */
export function coverProfiles({a, out, add}: Diagnosis, infos: BlockInfo[]): void {
  const {kind, trace, js} = a;
  if (trace.throws) return;
  const ours = a.profiles;
  const names = new Set<string>(ours.keys());
  for (const name of Object.keys(js)) if (isJsProfileEntry(name, kind)) names.add(name);
  const jsLines = new Set(out.filter((d) => d.parsers.includes('js-sdk')).map((d) => d.line - 1));
  const byName = new Map<string, BlockInfo[]>();
  for (const info of infos) {
    for (const n of new Set([info.botocore, info.js])) {
      if (n !== undefined) byName.set(n, [...(byName.get(n) ?? []), info]);
    }
  }
  const noted = ({block}: BlockInfo) => {
    for (let l = block.line; l < block.end; l++) if (jsLines.has(l)) return true;
    return false;
  };
  for (const name of names) {
    const mine = ours.get(name)?.keys;
    const theirs = js[name];
    if (sameKeys(mine, theirs)) continue;
    // Sections whose header names the profile: that is where a reader looks. A profile only the
    // JS SDK sees (from a line botocore reads otherwise) is covered by a note on that line.
    const related = byName.get(name) ?? [];
    const covered =
      related.length > 0
        ? related.some(noted)
        : trace.events.some(
            (ev, i) =>
              ev.type === 'section' && jsProfileOf(ev.mapKey, kind) === name && jsLines.has(i),
          );
    if (covered) continue;
    const last = related[related.length - 1]?.block;
    const at = last?.line ?? 0;
    if (mine !== undefined && Object.keys(mine).length === 0 && theirs === undefined) {
      const message = `The JS SDK does not list profile "${name}" because it has no keys.`;
      add(at, 'empty-profile', message, last && {section: last.header});
    } else {
      const message = `The JS SDK reads profile "${name}" differently from botocore.`;
      add(at, 'js-reads-differently', message);
    }
  }
}
