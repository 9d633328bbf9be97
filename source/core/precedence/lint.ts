// Finds the lines where the clients' INI parsers disagree, so a conflict can say which line to fix
// and how. It explains differences; the views in parsers.ts decide outcomes.

export type LintFeature =
  | 'bom'
  | 'key-before-section'
  | 'inline-comment'
  | 'colon-separator'
  | 'no-separator'
  | 'upper-case-key'
  | 'indented-line'
  | 'empty-value'
  | 'odd-section-name'
  | 'default-section'
  | 'duplicate-section'
  | 'duplicate-key'
  | 'default-twice'
  | 'quoted-value';

export type LintHit = {
  line: number;
  feature: LintFeature;
  /** The raw text between the brackets of the section the line belongs to, or null before any. */
  section: string | null;
  key?: string;
  /** What the clients do differently here, and how to write it instead. Never includes a value. */
  message: string;
  fix: string;
};

const SECTION = /^\s*\[(.*)\]\s*(?:[#;].*)?$/;

/** Every line of `text` that the AWS CLI, the JS SDK and the Go SDK would read differently. */
export function lintIni(text: string): LintHit[] {
  const hits: LintHit[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let section: string | null = null;
  const seenSections = new Map<string, number>();
  const defaults = new Map<'plain' | 'prefixed', {line: number; section: string}>();
  let seenKeys = new Map<string, number>();
  let lastKeyIndent = -1;
  let lastKeyEmpty = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const n = i + 1;
    if (i === 0 && line.startsWith('\uFEFF')) {
      hits.push({
        line: 1,
        feature: 'bom',
        section: null,
        message:
          'the file starts with a UTF-8 byte-order mark: the AWS CLI and boto3 refuse the file, the Go SDK loses the first section, the JS SDK reads it',
        fix: 'save the file as UTF-8 without a byte-order mark',
      });
      line = line.slice(1);
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const indent = line.length - line.trimStart().length;
    const header = SECTION.exec(line);
    if (header && indent === 0) {
      const name = header[1];
      section = name;
      seenKeys = new Map();
      lastKeyIndent = -1;
      const first = seenSections.get(name);
      if (first !== undefined) {
        hits.push({
          line: n,
          feature: 'duplicate-section',
          section: name,
          message: `[${name}] appears again (first at line ${first}): the AWS CLI and boto3 refuse the file, the JS and Go SDKs merge the two`,
          fix: `merge the two [${name}] sections into one`,
        });
      } else seenSections.set(name, n);
      const isDefault = /^\s*default\s*$/.test(name)
        ? 'plain'
        : /^\s*profile\s+default\s*$/.test(name)
          ? 'prefixed'
          : undefined;
      if (isDefault) {
        const other = defaults.get(isDefault === 'plain' ? 'prefixed' : 'plain');
        if (other) {
          hits.push({
            line: n,
            feature: 'default-twice',
            section: name,
            message: `both [default] and [profile default] (line ${other.line}): the AWS CLI and boto3 take the later one, the JS and Go SDKs take [profile default]`,
            fix: 'merge them into one [default] section',
          });
          hits.push({...hits[hits.length - 1], section: other.section});
        }
        defaults.set(isDefault, {line: n, section: name});
      }
      if (name === 'DEFAULT') {
        hits.push({
          line: n,
          feature: 'default-section',
          section: name,
          message:
            '[DEFAULT]: the AWS CLI and boto3 copy its keys into every section of this file; the JS and Go SDKs treat it as a profile named DEFAULT',
          fix: 'move its keys into the sections that need them and delete [DEFAULT]',
        });
      } else if (
        /^\s|\s$/.test(name) ||
        /^profile\s{2,}/.test(name) ||
        /^profile\s+["']/.test(name) ||
        /^profile\./.test(name) ||
        /^profile\s+\S+\s+\S/.test(name)
      ) {
        hits.push({
          line: n,
          feature: 'odd-section-name',
          section: name,
          message: `[${name}] is read as a different profile name (or none) by each client`,
          fix: `write it as [profile NAME] with a single space and no quotes (or [NAME] in the credentials file)`,
        });
      }
      continue;
    }
    if (section === null) {
      hits.push({
        line: n,
        feature: 'key-before-section',
        section: null,
        message:
          'a line before any [section]: the AWS CLI and boto3 refuse the file; the JS and Go SDKs ignore the line',
        fix: `move line ${n} under a [section] header, or delete it`,
      });
      continue;
    }
    if (indent > 0 && lastKeyIndent >= 0 && indent > lastKeyIndent) {
      if (!lastKeyEmpty) {
        hits.push({
          line: n,
          feature: 'indented-line',
          section,
          message:
            'an indented line after a key: the AWS CLI and boto3 append it to that key’s value, the JS SDK reads it as a key of its own, the Go SDK drops it',
          fix: `remove the indentation on line ${n}`,
        });
      }
      continue;
    }
    const eq = line.indexOf('=');
    const colon = line.indexOf(':');
    if (eq < 0 && colon < 0) {
      hits.push({
        line: n,
        feature: 'no-separator',
        section,
        message:
          'a line without = : the AWS CLI and boto3 refuse the file; the JS and Go SDKs ignore the line',
        fix: `write line ${n} as key = value, or delete it`,
      });
      continue;
    }
    const sepAt = eq < 0 || (colon >= 0 && colon < eq) ? colon : eq;
    const key = line.slice(0, sepAt).trim();
    const value = line.slice(sepAt + 1).trim();
    lastKeyIndent = indent;
    lastKeyEmpty = value === '';
    if (sepAt === colon && (eq < 0 || colon < eq)) {
      hits.push({
        line: n,
        feature: 'colon-separator',
        section,
        key,
        message: `"${key}:" uses a colon: the AWS CLI, boto3 and the Go SDK accept it, the JS SDK ignores the line`,
        fix: `write line ${n} as ${key.toLowerCase()} = …`,
      });
    }
    if (key !== key.toLowerCase()) {
      hits.push({
        line: n,
        feature: 'upper-case-key',
        section,
        key,
        message: `"${key}" has upper-case letters: the AWS CLI, boto3 and the Go SDK lower-case it, the JS SDK does not find it`,
        fix: `write the key on line ${n} as ${key.toLowerCase()}`,
      });
    }
    const lowerKey = key.toLowerCase();
    const dup = seenKeys.get(lowerKey);
    if (dup !== undefined) {
      hits.push({
        line: n,
        feature: 'duplicate-key',
        section,
        key: lowerKey,
        message: `${lowerKey} appears again in [${section}] (first at line ${dup}): the AWS CLI and boto3 refuse the file, the JS and Go SDKs take the last one`,
        fix: `delete one of the two ${lowerKey} lines`,
      });
    } else seenKeys.set(lowerKey, n);
    if (value === '') {
      hits.push({
        line: n,
        feature: 'empty-value',
        section,
        key: lowerKey,
        message: `${lowerKey} is empty: the AWS CLI, boto3 and the Go SDK see an empty value, the JS SDK drops the key`,
        fix: `give ${lowerKey} a value or delete line ${n}`,
      });
    } else if (/\s[#;]/.test(value)) {
      hits.push({
        line: n,
        feature: 'inline-comment',
        section,
        key: lowerKey,
        message: `${lowerKey} has an inline comment: the AWS CLI and boto3 keep it in the value, the JS and Go SDKs strip it`,
        fix: `move the comment on line ${n} to a line of its own`,
      });
    } else if (/^(["']).+\1$/.test(value) && value.length > 2) {
      hits.push({
        line: n,
        feature: 'quoted-value',
        section,
        key: lowerKey,
        message: `${lowerKey} is quoted: the Go SDK removes the quotes, the other clients keep them`,
        fix: `remove the quotes on line ${n}`,
      });
    }
  }
  return hits;
}
