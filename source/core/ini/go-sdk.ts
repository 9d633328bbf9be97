// How the Go SDK v2 (internal/ini) reads the same text: lines split on `\n` only; unrecognised lines
// ignored; keys lower-cased; `=` or `:`; comments after whitespace on properties and anywhere on
// section lines; an indented `a = b` under an empty key nests as `key.a`, other indented lines
// extend the value; quotes around a whole value removed; repeated sections merge.

import {splitOnLf, WIDE_SPACE, type IniDocument, type IniFileKind} from './document.js';
import {dicts, type JsSection} from './js-sdk.js';

/** A section as the Go SDK collects it: values and the 1-based lines they came from. */
export type GoSection = JsSection;

// unicode.IsSpace: no U+FEFF, so a BOM hides the first section header.
const GO_SPACE = `[\\t-\\r ${WIDE_SPACE}]`;
const goOuterSpace = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');
const trimSpace = (s: string) => s.replace(goOuterSpace, '');

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function splitProperty(s: string): [string, string] | undefined {
  const eq = s.indexOf('=');
  const colon = s.indexOf(':');
  const i = eq === -1 || (colon !== -1 && colon < eq) ? colon : eq;
  if (i < 0) return undefined;
  return [trimSpace(s.slice(0, i)).toLowerCase(), unquote(trimSpace(s.slice(i + 1)))];
}

function unquote(s: string): string {
  const q = s[0];
  return s.length > 2 && (q === '"' || q === "'") && s.endsWith(q) ? s.slice(1, -1) : s;
}

/** The section name the Go SDK reads from a `[header]` line, or undefined for any other line. */
export function goHeaderName(line: string): string | undefined {
  const header = trimSpace(line.split(/[#;]/, 1)[0]);
  if (!(header.startsWith('[') && header.endsWith(']') && header.length >= 2)) return undefined;
  // `type name`: the Go SDK joins the first run of blanks into one space.
  return trimSpace(header.slice(1, -1)).replace(/[ \t]+/, ' ');
}

/** The profile a section name defines for the Go SDK (`profile NAME` or `default` in config). */
export function goProfileOf(name: string, kind: IniFileKind): string | undefined {
  if (kind === 'credentials') return name.startsWith('profile ') ? undefined : name;
  if (name.startsWith('profile ')) return name.slice('profile '.length);
  return name.toLowerCase() === 'default' ? name : undefined;
}

/** The sections of a document as the Go SDK v2 reads them (it never refuses a file). */
export function goSections(doc: IniDocument): Map<string, GoSection> {
  const sections = new Map<string, GoSection>();
  let section: GoSection | undefined;
  let key = '';
  for (const {text: line, start} of splitOnLf(doc, true)) {
    if (trimSpace(line) === '') continue;
    const left = line.replace(/^[ \t]+/, '');
    if (left.startsWith('#') || left.startsWith(';')) continue;
    const name = goHeaderName(line);
    if (name !== undefined) {
      section = sections.get(name);
      if (!section) {
        section = {name, line: start + 1, ...dicts()};
        sections.set(name, section);
      }
      // `[]` makes an empty section whose properties the Go SDK ignores.
      if (name === '') section = undefined;
      key = '';
      continue;
    }
    if (!isBlank(line[0])) {
      const body = line.split(/[ \t][#;]/, 1)[0];
      const kv = splitProperty(body.replace(/[ \t]+$/, ''));
      if (!kv || !section) continue;
      key = kv[0];
      section.values[key] = kv[1];
      section.keyLines[key] = start + 1;
    } else if (section && key !== '') {
      const kv = splitProperty(left);
      // A sub-property only nests under a key whose value is empty; otherwise it is dropped.
      if (kv && section.values[key] === '') section.values[`${key}.${kv[0]}`] = kv[1];
      else if (!kv && section.values[key] !== '') section.values[key] += `\n${left}`;
    }
  }
  return sections;
}
