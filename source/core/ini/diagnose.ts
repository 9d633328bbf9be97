// What botocore refuses and what the JS SDK reads differently, with line numbers; and the rule that
// decides whether an edited document may be written.

import type {IniDiagnostic, IniDiagnosticCode, IniParser} from './codes.js';
import type {IniDocument, IniFileKind, KeyLine} from './document.js';
import {profileNameOf} from './names.js';
import {
  profilesOf,
  sectionsOf,
  walkIni,
  type IniSection,
  type ProfileView,
  type Walk,
  type WalkBlock,
} from './sections.js';
import {
  isJsProfileEntry,
  jsCommentCut,
  jsProfileOf,
  jsSdkView,
  traceJsSdk,
  type JsLineEvent,
  type JsSdkView,
  type JsTrace,
} from './js-sdk.js';

/** A diagnostic and its identity, which does not move with line numbers (see checkWritable). */
export type Found = {d: IniDiagnostic; id: string};

const BOTH: IniParser[] = ['botocore', 'js-sdk'];

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Whether two key maps hold the same keys and values. */
export function sameKeys(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
) {
  if (a === undefined || b === undefined) return a === b;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!Object.prototype.hasOwnProperty.call(b, k) || a[k] !== b[k]) return false;
  return true;
}

type BlockInfo = {block: WalkBlock; botocore: string | undefined; js: string | undefined};

/** Everything both readers make of one document, computed once. */
export type Analysis = {
  doc: IniDocument;
  kind: IniFileKind;
  walk: Walk;
  trace: JsTrace;
  sections: IniSection[];
  profiles: ProfileView;
  js: JsSdkView;
};

/** Sets up the analysis of a document: each view is worked out when first asked for. */
export function analyse(
  doc: IniDocument,
  kind: IniFileKind,
  js?: JsSdkView,
  walk?: Walk,
): Analysis {
  // Each view is worked out when first asked for: an errors-only pass over a clean file needs
  // only the walk.
  const w = walk ?? walkIni(doc);
  let trace: JsTrace | undefined;
  let sections: IniSection[] | undefined;
  let profiles: ProfileView | undefined;
  let view: JsSdkView | undefined = js;
  return {
    doc,
    kind,
    walk: w,
    get trace() {
      return (trace ??= traceJsSdk(doc));
    },
    get sections() {
      return (sections ??= sectionsOf(w, kind));
    },
    get profiles() {
      return (profiles ??= profilesOf(this.sections));
    },
    get js() {
      return (view ??= jsSdkView(doc, kind, this.trace));
    },
  };
}

/**
 * Whether the JS SDK's line-by-line replay can matter to the errors: a lone CR (it joins lines),
 * a BOM, or `__proto__` (a section name it refuses). Without them a line's JS reading is its own.
 */
function errorsNeedTrace(doc: IniDocument): boolean {
  if (doc.bom) return true;
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].eol === '\r' || lines[i].raw.includes('__proto__')) return true;
  }
  return false;
}

/** Whether the JS SDK reads this one line (not joined to others) as a section header. */
function jsLineIsSection(text: string): boolean {
  const cut = jsCommentCut(text);
  const trimmed = (cut === text.length ? text : text.slice(0, cut)).trim();
  return trimmed[0] === '[' && trimmed[trimmed.length - 1] === ']';
}

/** All diagnostics, or (errorsOnly) just the errors, which is all a write check needs of `before`. */
export function diagnoseDetailed(a: Analysis, errorsOnly = false): Found[] {
  const {doc, kind, walk} = a;
  const out: Found[] = [];
  const add = (
    index: number,
    severity: IniDiagnostic['severity'],
    parsers: IniParser[],
    code: IniDiagnosticCode,
    message: string,
    extra: {section?: string; key?: string; id?: string} = {},
  ) => {
    const d: IniDiagnostic = {line: index + 1, severity, parsers, code, message};
    if (extra.section !== undefined) d.section = extra.section;
    if (extra.key !== undefined) d.key = extra.key;
    out.push({d, id: `${code}|${extra.section ?? ''}|${extra.key ?? ''}|${extra.id ?? ''}`});
  };
  const lines = doc.lines;
  // Errors alone rarely need the JS SDK's replay of every line: see errorsNeedTrace.
  const light = errorsOnly && !errorsNeedTrace(doc);
  const events = light ? [] : a.trace.events;
  const jsSectionAt = (i: number) =>
    light ? jsLineIsSection(lines[i].raw) : events[i].type === 'section';

  if (doc.bom) {
    add(
      0,
      'error',
      ['botocore'],
      'bom',
      'The file starts with a UTF-8 byte-order mark, which botocore (AWS CLI, boto3) cannot parse.',
    );
  }
  for (const i of walk.outside) {
    add(
      i,
      'error',
      BOTH,
      'outside-section',
      'This line comes before any [section]: botocore refuses the file; the JS SDK ignores the line.',
      {id: hash(lines[i].raw)},
    );
  }

  // Lines the JS SDK joins into one because a lone CR separates them.
  const merged = new Set<number>();
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev.type !== 'merged') continue;
    if (!merged.has(ev.start)) {
      merged.add(ev.start);
      if (errorsOnly) continue;
      let last = i;
      while (last + 1 < events.length && events[last + 1].type === 'merged') last++;
      add(
        ev.start,
        'warning',
        ['js-sdk'],
        'lone-cr',
        `Lines ${ev.start + 1}-${last + 1} are separated by a lone CR (old Mac line ending): botocore reads them as separate lines, the JS SDK as one.`,
      );
    }
    merged.add(i);
  }

  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev.type === 'section' && ev.throws) {
      add(
        i,
        'error',
        ['js-sdk'],
        'js-refuses-file',
        `The JS SDK refuses a section named "${ev.name}" and then reads nothing from this file.`,
        {section: ev.name},
      );
    }
  }

  // botocore parses a [DEFAULT] value only when some section inherits it (has no key of that name).
  let ownKeys: Map<string, Set<string>> | undefined;
  const inherited = (key: string) => {
    if (!ownKeys) {
      ownKeys = new Map();
      for (const block of walk.blocks) {
        if (block.header === 'DEFAULT') continue;
        const keys = ownKeys.get(block.header) ?? new Set<string>();
        for (const k of block.keys) keys.add(k.key);
        ownKeys.set(block.header, keys);
      }
    }
    for (const keys of ownKeys.values()) if (!keys.has(key)) return true;
    return false;
  };

  const seen = new Map<string, number>();
  const profileHeaders = new Map<string, {header: string; line: number}>();
  const defaultKeys = new Map<string, number>();
  const blockKeys = new Map<string, number>();
  const infos: BlockInfo[] = [];
  for (const block of walk.blocks) {
    const h = block.header;
    const section = {section: h};
    if (h === 'DEFAULT') {
      if (!errorsOnly) {
        add(
          block.line,
          'warning',
          BOTH,
          'default-section',
          'botocore copies the keys of [DEFAULT] into every other section of this file; the JS SDK reads it as an ordinary section.',
          section,
        );
      }
    } else if (seen.has(h)) {
      add(
        block.line,
        'error',
        ['botocore'],
        'duplicate-section',
        `[${h}] appears again (first on line ${seen.get(h)! + 1}): botocore refuses the file; the JS SDK merges the two.`,
        section,
      );
    } else {
      seen.set(h, block.line);
    }
    const keysSeen = h === 'DEFAULT' ? defaultKeys : blockKeys;
    if (keysSeen === blockKeys) blockKeys.clear();
    for (const k of block.keys) {
      const first = keysSeen.get(k.key);
      if (first !== undefined) {
        add(
          k.line,
          'error',
          ['botocore'],
          'duplicate-key',
          `${k.key} appears again in [${h}] (first on line ${first + 1}): botocore refuses the file; the JS SDK takes the last value.`,
          {section: h, key: k.key},
        );
      } else {
        keysSeen.set(k.key, k.line);
      }
      if (k.nestedWithoutEquals.length === 0) continue;
      if (h === 'DEFAULT' && !inherited(k.key)) continue;
      for (const bad of k.nestedWithoutEquals) {
        const js = jsSectionAt(bad) ? 'reads it as a section header' : 'ignores it';
        add(
          bad,
          'error',
          BOTH,
          'nested-without-equals',
          `This line is indented under "${k.key} =" but has no "=": botocore refuses the file; the JS SDK ${js}.`,
          {section: h, key: k.key, id: hash(lines[bad].raw)},
        );
      }
    }
    for (let i = block.line + 1; i < block.end; i++) {
      const line = lines[i];
      if (line.kind !== 'invalid') continue;
      const js = jsSectionAt(i) ? 'reads it as a section header' : 'ignores it';
      if (line.reason === 'empty-key') {
        add(
          i,
          'error',
          BOTH,
          'empty-key-name',
          `This line has nothing before its "=" or ":": botocore refuses the file; the JS SDK ${js}.`,
          {section: h, id: hash(line.raw)},
        );
      } else {
        add(
          i,
          'error',
          BOTH,
          'invalid-line',
          `This line is neither [section], key = value nor a comment: botocore refuses the file; the JS SDK ${js}.`,
          {section: h, id: hash(line.raw)},
        );
      }
    }

    if (errorsOnly) continue;
    const botocore = profileNameOf(h, kind);
    if (botocore !== undefined && kind === 'config') {
      const other = profileHeaders.get(botocore);
      if (other && other.header !== h) {
        const js =
          botocore === 'default' ? ', the JS SDK the [profile default] section' : ' section';
        add(
          block.line,
          'warning',
          BOTH,
          'profile-defined-twice',
          `Profile "${botocore}" is also defined by [${other.header}] on line ${other.line + 1}: botocore uses the later${js}.`,
          section,
        );
      }
      if (!other || other.header !== h) profileHeaders.set(botocore, {header: h, line: block.line});
    }

    const info: BlockInfo = {block, botocore, js: undefined};
    infos.push(info);
    const ev = events[block.line];
    let comparable = false;
    if (merged.has(block.line)) {
      // Reported as lone-cr.
    } else if (h === 'DEFAULT') {
      // Reported as default-section.
    } else if (ev.type !== 'section') {
      add(
        block.line,
        'warning',
        ['js-sdk'],
        'section-not-read',
        `The JS SDK does not read [${h}] as a section header (text after "]", or a " #"/" ;" comment inside it), so it files the keys below under the section above.`,
        section,
      );
    } else {
      info.js = jsProfileOf(ev.mapKey, kind);
      if (ev.throws) {
        // Reported above, with every other line the JS SDK refuses.
      } else if (botocore !== info.js) {
        const message =
          botocore !== undefined && info.js !== undefined
            ? `botocore reads [${h}] as profile "${botocore}", the JS SDK as profile "${info.js}".`
            : botocore !== undefined
              ? `botocore reads [${h}] as profile "${botocore}"; the JS SDK ignores this section${kind === 'config' ? ` (it reads only [profile NAME] with one space and a plain name)` : ''}.`
              : `The JS SDK reads [${h}] as profile "${info.js}"; botocore does not treat it as a profile.`;
        add(block.line, 'warning', ['js-sdk'], 'profile-name-differs', message, section);
      } else if (ev.name !== h) {
        add(
          block.line,
          'warning',
          ['js-sdk'],
          'section-name-differs',
          `botocore reads this section as [${h}], the JS SDK as [${ev.name}].`,
          section,
        );
      } else {
        comparable = true;
      }
    }
    if (comparable && ev.type === 'section') checkKeys(block, ev.mapKey, add, doc, events, merged);
  }

  if (errorsOnly) return out;
  for (let i = 0; i < lines.length; i++) {
    const kind = lines[i].kind;
    if ((kind === 'blank' || kind === 'comment') && !merged.has(i)) {
      if (events[i].type !== 'ignored') {
        add(
          i,
          'warning',
          ['js-sdk'],
          'js-reads-differently',
          'botocore skips this line; the JS SDK reads something from it.',
        );
      }
    }
  }

  coverProfiles(a, infos, out, add);
  out.sort((a, b) => a.d.line - b.d.line);
  return out;
}

type Add = (
  index: number,
  severity: IniDiagnostic['severity'],
  parsers: IniParser[],
  code: IniDiagnosticCode,
  message: string,
  extra?: {section?: string; key?: string; id?: string},
) => void;

/** Compares, key line by key line, what the JS SDK read with what botocore read. */
function checkKeys(
  block: WalkBlock,
  mapKey: string | undefined,
  add: Add,
  doc: IniDocument,
  events: JsLineEvent[],
  merged: Set<number>,
) {
  const h = block.header;
  const readsKey = (ev: JsLineEvent, key: string, value: string) =>
    ev.type === 'key' && ev.stored && ev.section === mapKey && ev.key === key && ev.value === value;
  for (const k of block.keys) {
    if (merged.has(k.line)) continue;
    const line = doc.lines[k.line] as KeyLine;
    const ev = events[k.line];
    const extra = {section: h, key: k.key};
    const cut = jsCommentCut(line.raw) < line.raw.length;
    const warn = (code: IniDiagnosticCode, message: string, at = k.line) =>
      add(at, 'warning', ['js-sdk'], code, message, extra);
    const explain = (fallback: () => void) => {
      if (line.delimiter === ':') {
        warn(
          'colon-delimiter',
          `"${k.rawKey}:" uses ":"; botocore accepts it, the JS SDK does not read it. Write "${k.key} = ...".`,
        );
      } else if (k.rawKey !== k.key) {
        warn(
          'uppercase-key',
          `${k.rawKey} has upper-case letters: botocore reads it as ${k.key}, the JS SDK only as ${k.rawKey}.`,
        );
      } else if (cut) {
        warn(
          'inline-comment',
          `The JS SDK cuts this line at a " #" or " ;" (an inline comment); botocore keeps that text in the value of ${k.key}.`,
        );
      } else {
        fallback();
      }
    };
    if (k.nested) {
      if (!(ev.type === 'subsection' && ev.name === k.key)) {
        explain(() =>
          warn(
            'js-reads-differently',
            `The JS SDK does not read the block under "${k.key} =" as botocore does.`,
          ),
        );
        continue;
      }
      for (const sub of k.nested) {
        if (merged.has(sub.line)) continue;
        const evc = events[sub.line];
        if (readsKey(evc, `${k.key}.${sub.key}`, sub.value)) continue;
        const raw = doc.lines[sub.line].raw;
        const name = `${k.key}.${sub.key}`;
        const at = sub.line;
        if (jsCommentCut(raw) < raw.length) {
          warn(
            'inline-comment',
            `The JS SDK cuts this line at a " #" or " ;" (an inline comment); botocore keeps that text in the value of ${name}.`,
            at,
          );
        } else if (sub.value === '') {
          warn(
            'empty-value',
            `${name} is empty: botocore reads "", the JS SDK ignores it and reads the indented lines after it as ${sub.key}.*.`,
            at,
          );
        } else if (evc.type === 'section') {
          warn(
            'indented-section',
            `botocore reads this indented line as part of ${k.key}; the JS SDK as a section header.`,
            at,
          );
        } else {
          warn('js-reads-differently', `The JS SDK does not read ${name} as botocore does.`, at);
        }
      }
      continue;
    }
    for (const c of k.continuations) {
      if (!merged.has(c) && events[c].type === 'section') {
        warn(
          'indented-section',
          `botocore reads this indented line as part of ${k.key}; the JS SDK as a section header.`,
          c,
        );
      }
    }
    if (k.value === '') {
      explain(() =>
        warn(
          'empty-value',
          `${k.key} is empty: botocore reads "", the JS SDK ignores the key. Remove it or give it a value.`,
        ),
      );
      continue;
    }
    if (readsKey(ev, k.key, k.value)) continue;
    explain(() => {
      if (k.continuations.length > 0) {
        warn(
          'multi-line-value',
          `botocore joins the indented line${k.continuations.length > 1 ? 's' : ''} below to the value of ${k.key}; the JS SDK reads only this line (and indented "a = b" lines as keys of their own).`,
        );
      } else if (ev.type === 'key' && ev.key.endsWith(`.${k.rawKey}`)) {
        warn(
          'js-subsection',
          `The JS SDK reads this as ${ev.key}, because an empty "${ev.key.slice(0, -k.rawKey.length - 1)} =" above opens a block for indented lines; botocore reads ${k.key}.`,
        );
      } else if (ev.type === 'key' && ev.section !== mapKey) {
        warn(
          'js-reads-differently',
          `The JS SDK files ${ev.key} under [${ev.section}] (a header above it that botocore reads differently), not under [${h}].`,
        );
      } else {
        warn('js-reads-differently', `The JS SDK does not read ${k.key} as botocore does.`);
      }
    });
  }
}

/** Makes sure every profile the two readers see differently carries at least one diagnostic. */
function coverProfiles(a: Analysis, infos: BlockInfo[], out: Found[], add: Add) {
  const {kind, trace, js} = a;
  if (trace.throws) return;
  const ours = a.profiles;
  const names = new Set<string>(ours.keys());
  for (const name of Object.keys(js)) if (isJsProfileEntry(name, kind)) names.add(name);
  const jsLines = out.filter((f) => f.d.parsers.includes('js-sdk')).map((f) => f.d.line - 1);
  for (const name of names) {
    const mine = ours.get(name)?.keys;
    const theirs = js[name];
    if (sameKeys(mine, theirs)) continue;
    // Sections whose header names the profile: that is where a reader looks. A profile only the
    // JS SDK sees (from a line botocore reads otherwise) is covered by a note on that line.
    const related = infos.filter((info) => info.botocore === name || info.js === name);
    const covered =
      related.length > 0
        ? jsLines.some((l) => related.some((r) => r.block.line <= l && l < r.block.end))
        : trace.events.some(
            (ev, i) =>
              ev.type === 'section' && jsProfileOf(ev.mapKey, kind) === name && jsLines.includes(i),
          );
    if (covered) continue;
    const at = related.length > 0 ? related[related.length - 1].block.line : 0;
    if (mine !== undefined && Object.keys(mine).length === 0 && theirs === undefined) {
      add(
        at,
        'warning',
        ['js-sdk'],
        'empty-profile',
        `The JS SDK does not list profile "${name}" because it has no keys.`,
        {section: related[related.length - 1]?.block.header},
      );
    } else {
      add(
        at,
        'warning',
        ['js-sdk'],
        'js-reads-differently',
        `The JS SDK reads profile "${name}" differently from botocore.`,
      );
    }
  }
}

/**
 * What botocore (AWS CLI v1/v2, boto3) refuses in this file and what the JS SDK v3 silently drops
 * or reads differently, each with its 1-based line, in line order.
 */
export function diagnose(doc: IniDocument, kind: IniFileKind): IniDiagnostic[] {
  return diagnoseDetailed(analyse(doc, kind)).map((f) => f.d);
}

/**
 * Only the errors of diagnose (what makes a parser refuse the file), cheaply: a clean file costs
 * one pass over the walk. Pass the walk when the caller already has one.
 */
export function diagnoseErrors(doc: IniDocument, kind: IniFileKind, walk?: Walk): IniDiagnostic[] {
  return diagnoseDetailed(analyse(doc, kind, undefined, walk), true)
    .sort((a, b) => a.d.line - b.d.line)
    .map((f) => f.d);
}
