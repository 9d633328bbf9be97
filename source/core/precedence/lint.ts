// Finds the lines where the clients' INI readers disagree, so a conflict can say which line to fix
// and how. It explains differences; the views in parsers.ts decide outcomes. Its codes are the
// diagnostics' own (IniDiagnosticCode); its words name all four clients, the Go SDK included.
import type {IniDiagnosticCode} from '../ini/codes.js';
import {documentOf} from './parsers.js';

export type LintHit = {
  line: number;
  code: IniDiagnosticCode;
  /** The header of the section the line belongs to (as botocore reads it), or null before any. */
  section: string | null;
  key?: string;
  /** What the clients do differently here, and how to write it instead. Never includes a value. */
  message: string;
  fix: string;
};

/** What a hit knows, for its words. */
type Facts = {n: number; section: string; key: string; other: number};

const words: Partial<Record<IniDiagnosticCode, (f: Facts) => [message: string, fix: string]>> = {
  bom: () => [
    'the file starts with a UTF-8 byte-order mark: the AWS CLI and boto3 refuse the file, the Go SDK loses the first section, the JS SDK reads it',
    'save the file as UTF-8 without a byte-order mark',
  ],
  'duplicate-section': (f) => [
    `[${f.section}] appears again (first at line ${f.other}): the AWS CLI and boto3 refuse the file, the JS and Go SDKs merge the two`,
    `merge the two [${f.section}] sections into one`,
  ],
  'profile-defined-twice': (f) => [
    `both [default] and [profile default] (line ${f.other}): the AWS CLI and boto3 take the later one, the JS and Go SDKs take [profile default]`,
    'merge them into one [default] section',
  ],
  'default-section': () => [
    '[DEFAULT]: the AWS CLI and boto3 copy its keys into every section of this file; the JS and Go SDKs treat it as a profile named DEFAULT',
    'move its keys into the sections that need them and delete [DEFAULT]',
  ],
  'profile-name-differs': (f) => [
    `[${f.section}] is read as a different profile name (or none) by each client`,
    'write it as [profile NAME] with a single space and no quotes (or [NAME] in the credentials file)',
  ],
  'outside-section': (f) => [
    'a line before any [section]: the AWS CLI and boto3 refuse the file; the JS and Go SDKs ignore the line',
    `move line ${f.n} under a [section] header, or delete it`,
  ],
  'multi-line-value': (f) => [
    'an indented line after a key: the AWS CLI and boto3 append it to that key’s value, the JS SDK reads it as a key of its own, the Go SDK drops it',
    `remove the indentation on line ${f.n}`,
  ],
  'invalid-line': (f) => [
    'a line without = : the AWS CLI and boto3 refuse the file; the JS and Go SDKs ignore the line',
    `write line ${f.n} as key = value, or delete it`,
  ],
  'colon-delimiter': (f) => [
    `"${f.key}:" uses a colon: the AWS CLI, boto3 and the Go SDK accept it, the JS SDK ignores the line`,
    `write line ${f.n} as ${f.key.toLowerCase()} = …`,
  ],
  'uppercase-key': (f) => [
    `"${f.key}" has upper-case letters: the AWS CLI, boto3 and the Go SDK lower-case it, the JS SDK does not find it`,
    `write the key on line ${f.n} as ${f.key.toLowerCase()}`,
  ],
  'duplicate-key': (f) => [
    `${f.key} appears again in [${f.section}] (first at line ${f.other}): the AWS CLI and boto3 refuse the file, the JS and Go SDKs take the last one`,
    `delete one of the two ${f.key} lines`,
  ],
  'empty-value': (f) => [
    `${f.key} is empty: the AWS CLI, boto3 and the Go SDK see an empty value, the JS SDK drops the key`,
    `give ${f.key} a value or delete line ${f.n}`,
  ],
  'inline-comment': (f) => [
    `${f.key} has an inline comment: the AWS CLI and boto3 keep it in the value, the JS and Go SDKs strip it`,
    `move the comment on line ${f.n} to a line of its own`,
  ],
  'quoted-value': (f) => [
    `${f.key} is quoted: the Go SDK removes the quotes, the other clients keep them`,
    `remove the quotes on line ${f.n}`,
  ],
};

const ODD_NAME = [
  /^\s|\s$/,
  /^profile\s{2,}/,
  /^profile\s+["']/,
  /^profile\./,
  /^profile\s+\S+\s+\S/,
];

/** Every line of `text` that the AWS CLI, the JS SDK and the Go SDK would read differently. */
export function lintIni(text: string): LintHit[] {
  const doc = documentOf(text);
  const hits: LintHit[] = [];
  let section: string | null = null;
  const hit = (code: IniDiagnosticCode, i: number, f: Partial<Facts> = {}) => {
    const facts: Facts = {n: i + 1, section: section ?? '', key: '', other: 0, ...f};
    const [message, fix] = words[code]!(facts);
    hits.push({line: i + 1, code, section, ...(f.key ? {key: f.key} : {}), message, fix});
  };
  if (doc.bom) hit('bom', 0);
  const sections = new Map<string, number>();
  const defaults = new Map<'plain' | 'prefixed', {line: number; section: string}>();
  let keys = new Map<string, number>();
  let lastKeyEmpty = false;
  doc.lines.forEach((line, i) => {
    if (line.kind === 'section') {
      const name = (section = line.name);
      keys = new Map();
      const first = sections.get(name);
      if (first !== undefined) hit('duplicate-section', i, {other: first + 1});
      else sections.set(name, i);
      const which = /^\s*default\s*$/.test(name)
        ? 'plain'
        : /^\s*profile\s+default\s*$/.test(name)
          ? 'prefixed'
          : undefined;
      const other = which && defaults.get(which === 'plain' ? 'prefixed' : 'plain');
      if (other) {
        hit('profile-defined-twice', i, {other: other.line});
        hits.push({...hits[hits.length - 1], section: other.section});
      }
      if (which) defaults.set(which, {line: i + 1, section: name});
      if (name === 'DEFAULT') hit('default-section', i);
      else if (ODD_NAME.some((re) => re.test(name))) hit('profile-name-differs', i);
    } else if (section === null && (line.kind === 'key' || line.kind === 'invalid')) {
      hit('outside-section', i);
    } else if (line.kind === 'continuation') {
      if (!lastKeyEmpty) hit('multi-line-value', i);
    } else if (line.kind === 'invalid' && line.reason === 'no-delimiter') {
      hit('invalid-line', i);
    } else if (line.kind === 'key') {
      const key = line.key.toLowerCase();
      lastKeyEmpty = line.value === '';
      if (line.delimiter === ':') hit('colon-delimiter', i, {key: line.key});
      if (line.key !== key) hit('uppercase-key', i, {key: line.key});
      const dup = keys.get(key);
      if (dup !== undefined) hit('duplicate-key', i, {key, other: dup + 1});
      else keys.set(key, i);
      if (line.value === '') hit('empty-value', i, {key});
      else if (/\s[#;]/.test(line.value)) hit('inline-comment', i, {key});
      else if (/^(["']).+\1$/.test(line.value)) hit('quoted-value', i, {key});
    }
  });
  return hits;
}
