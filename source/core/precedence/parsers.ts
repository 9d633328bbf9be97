// Read-only views of the credentials and config files as each client reads them, for the engine.
// Each is a function of the one document model (core/ini), which holds the clients' rules:
// botocore (Python's configparser plus botocore's naming), the JS SDK v3 and the Go SDK v2.
import type {IniDiagnostic, IniDiagnosticCode} from '../ini/codes.js';
import {diagnoseErrors} from '../ini/diagnose.js';
import {documentOf, type IniDocument} from '../ini/document.js';
import {goProfileOf, goSections, type GoSection} from '../ini/go-sdk.js';
import {traceJsSdk, type JsSection} from '../ini/js-sdk.js';
import {profileNameOf} from '../ini/names.js';
import {shlexSplit} from '../shlex.js';
import {inheritDefaults, walkIni, type WalkBlock} from '../ini/sections.js';
import type {FileKind, FileView, ProfileView} from './types.js';

const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
const emptyView = (): FileView => ({profiles: new Map(), ssoSessions: new Map()});

// configparser stops at the first repeat or line outside a section; it reports unreadable lines at
// the end of the file; botocore parses nested blocks after that.
const ORDER: Partial<Record<IniDiagnosticCode, number>> = {
  'invalid-line': 1,
  'empty-key-name': 1,
  'nested-without-equals': 2,
};

/** The words botocore's error gets in the engine's report (by default, a line outside any section). */
const PROBLEMS: Partial<Record<IniDiagnosticCode, (d: IniDiagnostic) => string>> = {
  bom: () => 'the file starts with a UTF-8 byte-order mark, which hides the first [section] header',
  'duplicate-section': (d) => `section [${d.section}] appears twice (first at line ${d.related})`,
  'duplicate-key': (d) =>
    `key "${d.key}" appears twice in [${d.section}] (first at line ${d.related})`,
  'nested-without-equals': (d) => `the indented block under "${d.key}" has a line without =`,
  'empty-key-name': () => 'a line starts with = (no key name)',
  'invalid-line': () => 'line is neither a [section], a comment nor key = value',
};

/** Why botocore refuses the file, as configparser finds it first, or undefined. */
function botocoreError(doc: IniDocument, kind: FileKind): FileView['error'] {
  const rank = (d: IniDiagnostic) => ORDER[d.code] ?? 0;
  const [first] = diagnoseErrors(doc, kind)
    .filter((d) => d.parsers.includes('botocore'))
    .sort((a, b) => rank(a) - rank(b) || a.line - b.line);
  if (!first) return undefined;
  const message = PROBLEMS[first.code]?.(first) ?? 'a line appears before any [section] header';
  return {line: first.code === 'nested-without-equals' ? first.related! : first.line, message};
}

/** A block's keys not yet in `values` (the first of a repeated key), with their 1-based lines. */
function firstKeys(
  block: WalkBlock,
  values: Record<string, string>,
  lines: Record<string, number>,
) {
  for (const k of block.keys) {
    if (k.key in values) continue;
    values[k.key] = k.value;
    lines[k.key] = k.line + 1;
  }
}

/** The file as botocore (AWS CLI v1/v2, boto3) reads it; `error` means the client refuses the file. */
export function botocoreView(text: string | null | undefined, kind: FileKind): FileView {
  const view = emptyView();
  if (text == null) return view;
  const doc = documentOf(text);
  const walk = walkIni(doc);
  const error = botocoreError(doc, kind);
  if (error) return {...view, error};
  const defaults = dict<string>();
  const defaultLines = dict<number>();
  for (const b of walk.blocks) if (b.header === 'DEFAULT') firstKeys(b, defaults, defaultLines);
  for (const block of walk.blocks) {
    const h = block.header;
    if (h === 'DEFAULT') continue;
    const values = dict<string>();
    const keyLines = dict<number>();
    firstKeys(block, values, keyLines);
    const inherited = new Set(inheritDefaults(values, defaults));
    for (const key of inherited) keyLines[key] = defaultLines[key];
    const add = (map: Map<string, ProfileView>, name: string | undefined) =>
      name !== undefined &&
      map.set(name, {section: h, line: block.line + 1, values, keyLines, inherited});
    const profile = profileNameOf(h, kind);
    if (profile !== undefined) add(view.profiles, profile);
    // `sso-session NAME`, split as botocore splits `profile NAME`.
    else if (kind === 'config' && h.startsWith('sso-session')) {
      const parts = shlexSplit(h);
      add(view.ssoSessions, parts?.length === 2 ? parts[1] : undefined);
    }
  }
  return view;
}

/** A client's section as the engine's profile view of it. */
const toView = ({name, line, values, keyLines}: JsSection | GoSection): ProfileView => ({
  section: name,
  line,
  values,
  keyLines,
});

/** Files a `profile X` or `sso-session X` section (`sep` between the words) under X; says which. */
function addPrefixed(view: FileView, key: string, sep: string, s: JsSection | GoSection) {
  for (const [prefix, map] of [
    ['profile', view.profiles],
    ['sso-session', view.ssoSessions],
  ] as const) {
    if (!key.startsWith(prefix + sep)) continue;
    const name = key.slice(prefix.length + 1);
    map.set(name, toView(s));
    return prefix;
  }
  return undefined;
}

/** The file as the JS SDK v3 reads it; `error` means the SDK silently treats the file as empty. */
export function jsView(text: string | null | undefined, kind: FileKind): FileView {
  const view = emptyView();
  if (text == null) return view;
  const trace = traceJsSdk(documentOf(text));
  if (trace.throws) {
    const ev = trace.events[trace.throwsAt - 1];
    const name = ev?.type === 'section' ? ev.name : '';
    return {
      ...view,
      error: {line: trace.throwsAt, message: `Found invalid profile name "${name}"`},
    };
  }
  if (kind === 'credentials') {
    for (const [name, s] of trace.raw) view.profiles.set(name, toView(s));
    return view;
  }
  const def = trace.raw.get('default');
  if (def) view.profiles.set('default', toView(def));
  for (const [key, s] of trace.raw) addPrefixed(view, key, '.', s);
  return view;
}

/** The file as the Go SDK v2 reads it (it never refuses a file; unreadable lines are skipped). */
export function goView(text: string | null | undefined, kind: FileKind): FileView {
  const view = emptyView();
  if (text == null) return view;
  const renamed = new Set<string>();
  for (const [name, s] of goSections(documentOf(text))) {
    const profile = goProfileOf(name, kind);
    if (profile === undefined) {
      if (kind === 'config') addPrefixed(view, name, ' ', s);
      continue;
    }
    // `[profile default]` replaces `[default]`, whichever comes first in the file.
    if (name !== profile) renamed.add(profile);
    else if (renamed.has(name)) continue;
    view.profiles.set(profile, toView(s));
  }
  return view;
}
