// Read-only views of the credentials and config files as each client parses them. Each client has
// its own INI rules (Python's configparser for botocore, a line splitter for the JS SDK, a
// tokenizer for the Go SDK); these views reproduce those rules so the engine sees what each sees.
import {jsCommentCut} from '../ini-js-sdk.js';
import type {FileKind, FileView, ProfileView} from './types.js';
import {isPySpace} from '../ini-document.js';

const dict = (): Record<string, string> => Object.create(null) as Record<string, string>;
const lineDict = (): Record<string, number> => Object.create(null) as Record<string, number>;

// ---------------------------------------------------------------------------------------------
// botocore: Python's RawConfigParser (strict, `=` or `:`, full-line comments only, continuation
// lines, [DEFAULT]), then botocore's own mapping of section names to profiles.

// str.isspace() in Python: unlike JS, U+FEFF (a BOM) is not whitespace.
const PY_SPACE =
  ' \\t\\n\\r\\v\\f\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

function pyFirstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return i;
}

const pyRstrip = (s: string) => {
  let end = s.length;
  while (end > 0 && isPySpace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
};
const pyStrip = (s: string) => {
  const start = pyFirstNonSpace(s);
  return start === 0 ? pyRstrip(s) : pyRstrip(s.slice(start));
};
const PY_OPTION = new RegExp(`^(.*?)[${PY_SPACE}]*([=:])[${PY_SPACE}]*(.*)$`);

/**
 * PY_OPTION.exec without the regex for the usual line: the text before the first `=` or `:` and
 * the text after it (leading spaces dropped). A line with a JS line terminator (which `.` does not
 * match) goes to the regex itself, so the answer is always the regex's.
 */
function pyOption(value: string): [string, string, string, string] | null {
  let d = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3d /* = */ || c === 0x3a /* : */) {
      if (d === -1) d = i;
    } else if (c === 0x2028 || c === 0x2029) {
      return PY_OPTION.exec(value) as [string, string, string, string] | null;
    }
  }
  if (d === -1) return null;
  let start = d + 1;
  while (start < value.length && isPySpace(value.charCodeAt(start))) start++;
  // The regex's key group stops where the spaces before the delimiter start.
  let keyEnd = d;
  while (keyEnd > 0 && isPySpace(value.charCodeAt(keyEnd - 1))) keyEnd--;
  return [value, value.slice(0, keyEnd), value[d]!, value.slice(start)];
}

type PySection = {
  name: string;
  line: number;
  values: Map<string, string[]>;
  keyLines: Map<string, number>;
};

type PyParse = {
  sections: PySection[];
  defaults: PySection;
  error?: {line: number; message: string};
};

/** Python's RawConfigParser.read over one file's text (universal newlines, strict mode). */
function pythonConfigParse(text: string): PyParse {
  const sections: PySection[] = [];
  const byName = new Map<string, PySection>();
  const defaults: PySection = {name: 'DEFAULT', line: 0, values: new Map(), keyLines: new Map()};
  let cursect: PySection | undefined;
  let optname: string | undefined;
  let indentLevel = 0;
  let deferred: {line: number; message: string} | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const lineno = i + 1;
    const line = lines[i];
    const stripped = pyStrip(line);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (!value) {
      // A blank line (not a comment) inside a multi-line value becomes part of it.
      if (!isComment && cursect && optname !== undefined) {
        cursect.values.get(optname)?.push('');
      }
      continue;
    }
    const curIndent = pyFirstNonSpace(line);
    if (cursect && optname !== undefined && curIndent > indentLevel) {
      cursect.values.get(optname)?.push(value);
      continue;
    }
    indentLevel = curIndent;
    const header = /^\[(.+)\]/.exec(value);
    if (header) {
      const name = header[1];
      const existing = byName.get(name);
      if (existing) {
        // Strict mode: within one file any repeated section is an error.
        return {
          sections,
          defaults,
          error: {
            line: lineno,
            message: `section [${name}] appears twice (first at line ${existing.line})`,
          },
        };
      } else if (name === 'DEFAULT') {
        cursect = defaults;
        if (!defaults.line) defaults.line = lineno;
      } else {
        cursect = {name, line: lineno, values: new Map(), keyLines: new Map()};
        sections.push(cursect);
        byName.set(name, cursect);
      }
      optname = undefined;
      continue;
    }
    if (!cursect) {
      const message =
        lineno === 1 && line.startsWith('\uFEFF')
          ? 'the file starts with a UTF-8 byte-order mark, which hides the first [section] header'
          : 'a line appears before any [section] header';
      return {sections, defaults, error: {line: lineno, message}};
    }
    const option = pyOption(value);
    if (!option) {
      deferred ??= {
        line: lineno,
        message: 'line is neither a [section], a comment nor key = value',
      };
      continue;
    }
    const key = pyRstrip(option[1]).toLowerCase();
    if (!key) deferred ??= {line: lineno, message: 'a line starts with = (no key name)'};
    if (cursect.keyLines.has(key)) {
      return {
        sections,
        defaults,
        error: {
          line: lineno,
          message: `key "${key}" appears twice in [${cursect.name}] (first at line ${cursect.keyLines.get(key)})`,
        },
      };
    }
    cursect.values.set(key, [pyStrip(option[3])]);
    cursect.keyLines.set(key, lineno);
    optname = key;
  }
  if (deferred) return {sections, defaults, error: deferred};
  return {sections, defaults};
}

/** botocore's `_parse_nested`: every non-blank line of an indented block must be `key = value`. */
function nestedIsValid(value: string): boolean {
  for (const raw of value.split(/\r\n|\r|\n/)) {
    const line = pyStrip(raw);
    if (line && !line.includes('=')) return false;
  }
  return true;
}

const PLAIN_HEADER = /^(\S+) ([^\s'"\\]+)$/;

/** shlexSplit for the usual `profile NAME` (one space, nothing to unquote), or undefined. */
function plainHeader(s: string): string[] | undefined {
  const m = PLAIN_HEADER.exec(s);
  return m && !/['"\\]/.test(m[1]!) ? [m[1]!, m[2]!] : undefined;
}

/** Python's shlex.split (POSIX mode, no comments), enough for section names like `profile "a b"`. */
export function shlexSplit(s: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let inToken = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return undefined;
      cur += s.slice(i + 1, end);
      i = end;
      inToken = true;
    } else if (c === '"') {
      i++;
      for (; ; i++) {
        if (i >= s.length) return undefined;
        const d = s[i];
        if (d === '"') break;
        if (d === '\\' && i + 1 < s.length && '\\"$`\n'.includes(s[i + 1])) {
          cur += s[++i];
        } else cur += d;
      }
      inToken = true;
    } else if (c === '\\') {
      if (i + 1 >= s.length) return undefined;
      cur += s[++i];
      inToken = true;
    } else if (' \t\r\n'.includes(c)) {
      if (inToken) out.push(cur);
      cur = '';
      inToken = false;
    } else {
      cur += c;
      inToken = true;
    }
  }
  if (inToken) out.push(cur);
  return out;
}

/** A value's lines as configparser joins them (a one-line value is already stripped). */
const joinValue = (v: string[]) => (v.length === 1 ? v[0]! : pyRstrip(v.join('\n')));

function pySectionToView(section: PySection, defaults: PySection, name: string): ProfileView {
  const values = dict();
  const keyLines = lineDict();
  // forEach, not for…of: no iterator and entry arrays per key (thousands of profiles).
  section.values.forEach((v, k) => {
    values[k] = joinValue(v);
    keyLines[k] = section.keyLines.get(k) ?? section.line;
  });
  // configparser copies [DEFAULT]'s keys into every section that does not set them itself.
  defaults.values.forEach((v, k) => {
    if (!(k in values)) {
      values[k] = joinValue(v);
      keyLines[k] = defaults.keyLines.get(k) ?? defaults.line;
    }
  });
  return {name, section: section.name, line: section.line, values, keyLines};
}

/** The file as botocore (AWS CLI v1/v2, boto3) reads it; `error` means the client refuses the file. */
export function botocoreView(text: string | null | undefined, kind: FileKind): FileView {
  const view: FileView = {profiles: new Map(), ssoSessions: new Map()};
  if (text == null) return view;
  const parsed = pythonConfigParse(text);
  if (parsed.error) return {...view, error: parsed.error};
  for (const section of parsed.sections) {
    let bad: string | undefined;
    section.values.forEach((v, k) => {
      // Only an empty first line with more after it makes a nested block.
      if (bad === undefined && v.length > 1 && v[0] === '' && !nestedIsValid(v.join('\n'))) {
        bad = k;
      }
    });
    if (bad !== undefined) {
      return {
        ...view,
        error: {
          line: section.keyLines.get(bad) ?? section.line,
          message: `the indented block under "${bad}" has a line without =`,
        },
      };
    }
  }
  for (const section of parsed.sections) {
    if (kind === 'credentials') {
      view.profiles.set(section.name, pySectionToView(section, parsed.defaults, section.name));
      continue;
    }
    if (section.name.startsWith('profile')) {
      const parts = plainHeader(section.name) ?? shlexSplit(section.name);
      if (parts?.length === 2) {
        view.profiles.set(parts[1], pySectionToView(section, parsed.defaults, parts[1]));
      }
    } else if (section.name.startsWith('sso-session')) {
      const parts = plainHeader(section.name) ?? shlexSplit(section.name);
      if (parts?.length === 2) {
        view.ssoSessions.set(parts[1], pySectionToView(section, parsed.defaults, parts[1]));
      }
    } else if (section.name === 'default') {
      view.profiles.set('default', pySectionToView(section, parsed.defaults, 'default'));
    }
  }
  return view;
}

// ---------------------------------------------------------------------------------------------
// JS SDK v3: @smithy/shared-ini-file-loader's parseIni (line based, lenient, case-sensitive keys,
// inline comments after whitespace stripped), then getConfigData for the config file.

const JS_SECTION_TYPES = ['profile', 'sso-session', 'services'];
const JS_PREFIXED = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/;

/** A section of a flat (no [DEFAULT], last-wins) parse: the JS and Go views share this shape. */
type FlatSection = {
  name: string;
  line: number;
  values: Record<string, string>;
  keyLines: Record<string, number>;
};

const toView = (s: FlatSection, name: string): ProfileView => ({
  name,
  section: s.name,
  line: s.line,
  values: s.values,
  keyLines: s.keyLines,
});

/** parseIni as in @smithy/shared-ini-file-loader; throws like it does on `[__proto__]`. */
function jsParseIni(text: string): Map<string, FlatSection> {
  const map = new Map<string, FlatSection>();
  let current: string | undefined;
  let currentLine = 0;
  let sub: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const cut = jsCommentCut(raw);
    const trimmed = (cut === raw.length ? raw : raw.slice(0, cut)).trim();
    const isSection = trimmed[0] === '[' && trimmed[trimmed.length - 1] === ']';
    if (isSection) {
      current = undefined;
      sub = undefined;
      const name = trimmed.substring(1, trimmed.length - 1);
      const m = JS_PREFIXED.exec(name);
      if (m) {
        if (JS_SECTION_TYPES.includes(m[1])) current = `${m[1]}.${m[3]}`;
      } else current = name;
      currentLine = i + 1;
      if (name === '__proto__' || name === 'profile __proto__') {
        throw Object.assign(new Error(`Found invalid profile name "${name}"`), {line: i + 1});
      }
    } else if (current !== undefined) {
      const eq = trimmed.indexOf('=');
      if (eq > 0) {
        const key = trimmed.substring(0, eq).trim();
        const value = trimmed.substring(eq + 1).trim();
        if (value === '') {
          sub = key;
        } else {
          if (sub && raw.trimStart() === raw) sub = undefined;
          let section = map.get(current);
          if (!section) {
            section = {name: current, line: currentLine, values: dict(), keyLines: lineDict()};
            map.set(current, section);
          }
          const fullKey = sub ? `${sub}.${key}` : key;
          section.values[fullKey] = value;
          section.keyLines[fullKey] = i + 1;
        }
      }
    }
  }
  return map;
}

/** The file as the JS SDK v3 reads it; `error` means the SDK silently treats the file as empty. */
export function jsView(text: string | null | undefined, kind: FileKind): FileView {
  const view: FileView = {profiles: new Map(), ssoSessions: new Map()};
  if (text == null) return view;
  let parsed: Map<string, FlatSection>;
  try {
    parsed = jsParseIni(text);
  } catch (e) {
    const err = e as Error & {line?: number};
    return {...view, error: {line: err.line ?? 1, message: err.message}};
  }
  if (kind === 'credentials') {
    for (const [name, s] of parsed) view.profiles.set(name, toView(s, name));
    return view;
  }
  const def = parsed.get('default');
  if (def) view.profiles.set('default', toView(def, 'default'));
  for (const [name, s] of parsed) {
    const dot = name.indexOf('.');
    if (dot < 0) continue;
    const prefix = name.substring(0, dot);
    if (!JS_SECTION_TYPES.includes(prefix)) continue;
    const rest = name.substring(dot + 1);
    if (prefix === 'profile') view.profiles.set(rest, toView(s, rest));
    else if (prefix === 'sso-session') view.ssoSessions.set(rest, toView(s, rest));
  }
  return view;
}

// ---------------------------------------------------------------------------------------------
// Go SDK v2: internal/ini's tokenizer (unrecognised lines ignored, keys lower-cased, `=` or `:`,
// comments after whitespace on properties, anywhere on section lines), then config's renaming.

// unicode.IsSpace in Go: no U+FEFF, so a BOM hides the first section header.
function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
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

function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}
const isLineSpace = (c: string | undefined) => c === ' ' || c === '\t';
const trimLeftBlank = (s: string) => s.replace(/^[ \t]+/, '');
const trimRightBlank = (s: string) => s.replace(/[ \t]+$/, '');

function cut(s: string, sep: string): string {
  const i = s.indexOf(sep);
  return i < 0 ? s : s.substring(0, i);
}

function goSplitProperty(s: string): [string, string] | undefined {
  const eq = s.indexOf('=');
  const colon = s.indexOf(':');
  const sep = eq === -1 || (colon !== -1 && colon < eq) ? ':' : '=';
  const i = s.indexOf(sep);
  if (i < 0) return undefined;
  return [goTrimSpace(s.substring(0, i)), goTrimSpace(s.substring(i + 1))];
}

function goUnquote(s: string): string {
  if (s.length > 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) {
    return s.substring(1, s.length - 1);
  }
  return s;
}

function goSplitProfile(s: string): [string, string] {
  let first = 0;
  for (let i = 0; i < s.length; i++) {
    if (isLineSpace(s[i])) {
      if (first === 0) first = i;
    } else if (first !== 0) {
      return [s.substring(0, first), s.substring(i)];
    }
  }
  return first === 0 ? ['', s] : ['', ''];
}

function goParse(text: string): Map<string, FlatSection> {
  const sections = new Map<string, FlatSection>();
  let current = '';
  let currentKey = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (goTrimSpace(line) === '') continue;
    const left = trimLeftBlank(line);
    if (left.startsWith('#') || left.startsWith(';')) continue;
    const profile = goTrimSpace(cut(cut(line, '#'), ';'));
    if (profile.startsWith('[') && profile.endsWith(']') && profile.length >= 2) {
      const [type, name] = goSplitProfile(goTrimSpace(profile.substring(1, profile.length - 1)));
      const full = type ? `${type} ${name}` : name;
      current = full;
      currentKey = '';
      if (!sections.has(full)) {
        sections.set(full, {name: full, line: i + 1, values: dict(), keyLines: lineDict()});
      }
      continue;
    }
    if (!isLineSpace(line[0])) {
      let body = line;
      body = cut(cut(cut(cut(body, ' #'), ' ;'), '\t#'), '\t;');
      const kv = goSplitProperty(trimRightBlank(body));
      if (!kv) continue; // unrecognised lines are ignored
      if (current === '') continue; // properties before any section are ignored
      const section = sections.get(current)!;
      currentKey = kv[0].toLowerCase();
      section.values[currentKey] = goUnquote(kv[1]);
      section.keyLines[currentKey] = i + 1;
      continue;
    }
    if (currentKey === '') continue;
    const section = sections.get(current)!;
    const kv = goSplitProperty(left);
    if (kv) {
      // A sub-property only nests under a key whose value is empty; otherwise it is dropped.
      if (section.values[currentKey] === '') {
        section.values[`${currentKey}.${kv[0].toLowerCase()}`] = goUnquote(kv[1]);
      }
    } else if (section.values[currentKey] !== '') {
      section.values[currentKey] = `${section.values[currentKey]}\n${left}`;
    }
  }
  return sections;
}

/** The file as the Go SDK v2 reads it (it never refuses a file; unreadable lines are skipped). */
export function goView(text: string | null | undefined, kind: FileKind): FileView {
  const view: FileView = {profiles: new Map(), ssoSessions: new Map()};
  if (text == null) return view;
  const parsed = goParse(text);
  if (kind === 'credentials') {
    for (const [name, s] of parsed) {
      if (!name.startsWith('profile ')) view.profiles.set(name, toView(s, name));
    }
    return view;
  }
  const renamed = new Set<string>();
  for (const [name, s] of parsed) {
    if (name.startsWith('profile ')) {
      const short = name.substring('profile '.length);
      // `[profile default]` replaces `[default]`, whichever comes first in the file.
      view.profiles.set(short, toView(s, short));
      renamed.add(short);
    } else if (name.startsWith('sso-session ')) {
      const short = name.substring('sso-session '.length);
      view.ssoSessions.set(short, toView(s, short));
    } else if (name.toLowerCase() === 'default' && !renamed.has(name)) {
      view.profiles.set(name, toView(s, name));
    }
  }
  return view;
}
