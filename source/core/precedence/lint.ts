// The lines where the clients' INI readers disagree, in words a conflict can show: which line to
// fix and how. The diagnostics (core/ini/diagnose.ts) find them; this file only words them for all
// four clients. It explains differences; the views in parsers.ts decide outcomes.
import type {IniDiagnosticCode} from '../ini/codes.js';
import {diagnose} from '../ini/diagnose.js';
import {documentOf, pyStrip, type IniFileKind} from '../ini/document.js';
import {profileNameOf} from '../ini/names.js';

export type LintHit = {
  line: number;
  code: IniDiagnosticCode;
  /** The header of the section the line belongs to (as botocore reads it), or null before any. */
  section: string | null;
  /** What the clients do differently here, and how to write it instead. Never includes a value. */
  message: string;
  fix: string;
};

/** What a hit knows, for its words: its line, section and key, and the line it refers to. */
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
    'an indented line after a key: the AWS CLI and boto3 append it to that key’s value; an indented key = value is a key of its own for the JS SDK and dropped by the Go SDK, any other indented line the JS SDK ignores and the Go SDK appends',
    `remove the indentation on line ${f.other}`,
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

/** Every line of `text` that the AWS CLI, the JS SDK and the Go SDK would read differently. */
export function lintIni(text: string, kind: IniFileKind): LintHit[] {
  const doc = documentOf(text);
  const hits: LintHit[] = [];
  for (const d of diagnose(doc, kind, {go: true})) {
    const say = words[d.code];
    // Only [default] against [profile default] has words; other names repeated differ in name too.
    const twice = d.code === 'profile-defined-twice';
    if (!say || (twice && profileNameOf(d.section!, kind) !== 'default')) continue;
    // A BOM alone in the file is on a line the document does not have.
    const line = doc.lines[d.line - 1] ?? {kind: 'blank'};
    // The key as written, for the words that quote it; a nested line's as `parent.sub`.
    const key =
      line.kind === 'key' && (d.code === 'colon-delimiter' || d.code === 'uppercase-key')
        ? line.key
        : line.kind === 'continuation' && d.key
          ? `${d.key}.${pyStrip(line.value.slice(0, line.value.indexOf('=')))}`
          : (d.key ?? '');
    const [message, fix] = say({n: d.line, section: d.section ?? '', key, other: d.related ?? 0});
    const hit: LintHit = {line: d.line, code: d.code, section: d.section ?? null, message, fix};
    hits.push(hit);
    // Both sections name the profile: the hit belongs to each.
    const first = doc.lines[twice ? d.related! - 1 : -1];
    if (first?.kind === 'section') hits.push({...hit, section: first.name});
  }
  return hits;
}
