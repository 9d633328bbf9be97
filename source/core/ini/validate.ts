// What mfa-tui may write: keys, values and section headers that read back unchanged in botocore
// and the JS SDK once written as `key = value` under `[header]`.

import {fail, ok, type Result} from '../errors.js';
import {isPySpace} from './document.js';

const KEY_PATTERN = /^[a-z0-9_][a-z0-9_-]*$/;

/** A lone surrogate: the text would not encode to UTF-8 and back unchanged. */
const loneSurrogate = /\p{Cs}/u;

/** White space at either end for JavaScript (which counts a BOM) or for Python. */
const hasOuterSpace = (s: string) =>
  s.trim() !== s || isPySpace(s.charCodeAt(0)) || isPySpace(s.charCodeAt(s.length - 1));

/** Checks that a value reads back unchanged in botocore and the JS SDK once written as `key = value`. */
function validateValue(key: string, value: string): Result<void> {
  const bad = (why: string, fix: string) =>
    fail(
      'ini-bad-value',
      `The value for ${key} ${why}, so it would not read back as written.`,
      fix,
    );
  if (value === '') {
    return bad('is empty (the JS SDK ignores empty values)', `Remove ${key} instead.`);
  }
  if (value.includes('\n') || value.includes('\r')) {
    return bad('contains a line break', 'Values must fit on one line.');
  }
  if (hasOuterSpace(value)) {
    return bad('starts or ends with white space', 'Trim the value.');
  }
  if (value[0] === '#' || value[0] === ';' || /\s[#;]/.test(value)) {
    return bad('contains "#" or ";" where the JS SDK starts a comment', 'Check the value.');
  }
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) {
    return bad('contains a control character', 'Check the value.');
  }
  if (loneSurrogate.test(value)) return bad('is not valid Unicode', 'Check the value.');
  return ok(undefined);
}

/** Checks a section header we may write, e.g. `default`, `profile work`, `mfa`. */
export function validateHeader(header: string): Result<void> {
  const bad = (why: string) =>
    fail(
      'ini-bad-section',
      `"[${header}]" ${why}.`,
      'Use a profile name of letters, digits and -_.@+%:/ only.',
    );
  if (header === '') return bad('has an empty name');
  if (hasOuterSpace(header)) return bad('starts or ends with white space');
  if (/[[\]#;\r\n]/.test(header)) return bad('contains "[", "]", "#", ";" or a line break');
  if (/[\u0000-\u001f\u007f]/.test(header)) return bad('contains a control character');
  if (loneSurrogate.test(header)) return bad('is not valid Unicode');
  if (header === 'DEFAULT') return bad('is special to botocore, which copies its keys everywhere');
  if (header === '__proto__' || header === 'profile __proto__') {
    return bad('makes the JS SDK refuse the whole file');
  }
  return ok(undefined);
}

/** Checks a header and every key and value to set under it. */
export function validateAll(
  header: string,
  values: Record<string, string>,
): Result<[string, string][]> {
  const h = validateHeader(header);
  if (!h.ok) return h;
  const entries = Object.entries(values);
  for (const [k, v] of entries) {
    // No nested `a.b`; `__proto__` would vanish into the JS SDK's prototype setter.
    if (!KEY_PATTERN.test(k) || k === '__proto__') {
      return fail(
        'ini-bad-key',
        `"${k}" is not a key mfa-tui writes: keys are lower-case letters, digits, "_" and "-".`,
        'Use the lower-case key name, e.g. aws_session_token.',
      );
    }
    const checked = validateValue(k, v);
    if (!checked.ok) return checked;
  }
  return ok(entries);
}
