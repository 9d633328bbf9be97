// The rule that decides whether an edited document may be written: it may fix nothing and break
// nothing, as botocore and the JS SDK read the file.

import {fail, ok, type AppError, type Result} from '../errors.js';
import type {IniDiagnostic, IniDiagnosticCode} from './codes.js';
import {analyse, diagnoseAnalysis, type Analysis} from './diagnose.js';
import {sameKeys} from './diagnose-keys.js';
import type {IniDocument, IniFileKind} from './document.js';
import {isJsProfileEntry, jsSectionKey} from './js-sdk.js';
import {profileNameOf} from './names.js';
import type {IniSection} from './sections.js';

const refused = (message: string): {ok: false; error: AppError} =>
  fail(
    'ini-write-refused',
    message,
    'mfa-tui left the file as it was. Fix the line by hand, then try again.',
  );

// Errors on lines their section and key do not tell apart are known by the line's text too.
const BY_TEXT = new Set<IniDiagnosticCode>([
  'outside-section',
  'nested-without-equals',
  'invalid-line',
  'empty-key-name',
]);

/** An error's identity, which does not move with line numbers. */
const idOf = (a: Analysis, d: IniDiagnostic) =>
  `${d.code}|${d.section ?? ''}|${d.key ?? ''}|${BY_TEXT.has(d.code) ? a.doc.lines[d.line - 1].raw : ''}`;

/** A file no reader can read, or an error the edit would add (each error of `before` may stay). */
function newErrors(was: Analysis, will: Analysis): Result<void> {
  const found = diagnoseAnalysis(was, true);
  const botocoreError = found.find((d) => d.parsers[0] === 'botocore');
  const jsError = found.find((d) => d.code === 'js-refuses-file');
  if (botocoreError && jsError) {
    return fail(
      'ini-unparseable',
      `Line ${botocoreError.line}: ${botocoreError.message} Line ${jsError.line}: ${jsError.message}`,
      'No AWS client can read this file; fix it by hand first (mfa-tui never repairs files).',
    );
  }
  const counts = new Map<string, number>();
  for (const id of found.map((d) => idOf(was, d))) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const d of diagnoseAnalysis(will, true)) {
    const id = idOf(will, d);
    const n = counts.get(id) ?? 0;
    if (n === 0) return refused(`The change would break line ${d.line}: ${d.message}`);
    counts.set(id, n - 1);
  }
  return ok(undefined);
}

/** The name the JS SDK files a section under, if it is a profile or a config section it keeps. */
function jsNameOf(header: string, kind: IniFileKind): string | undefined {
  const profile = profileNameOf(header, kind);
  if (profile !== undefined || kind !== 'config') return profile;
  const key = jsSectionKey(header);
  return key && !isJsProfileEntry(key, kind) ? key : undefined;
}

/** A changed section that botocore or the JS SDK would not read back as written. */
function unreadChange(
  header: string,
  b: IniSection | undefined,
  a: IniSection,
  will: Analysis,
  reasonAt: (line: number) => string,
): Result<void> {
  const profile = profileNameOf(header, will.kind);
  const winner = profile === undefined ? undefined : will.profiles.get(profile);
  if (winner && winner.header !== header) {
    return refused(
      `botocore would not read the change to [${header}] (line ${a.line} as written): it takes profile "${profile}" from [${winner.header}].`,
    );
  }
  const jsName = jsNameOf(header, will.kind)!;
  for (const key of new Set([...Object.keys(a.keys), ...Object.keys(b?.keys ?? {})])) {
    const want = a.keys[key];
    if ((b && b.keys[key] === want) || will.js[jsName]?.[key] === want) continue;
    const line = a.keyLines[key] ?? a.line;
    const reason = reasonAt(line) === '.' ? reasonAt(a.line) : reasonAt(line);
    return refused(
      `The JS SDK would not read ${key} of [${header}] back (line ${line} as written)${reason}`,
    );
  }
  return ok(undefined);
}

/**
 * Decides whether `after` may replace `before`. Refused: a file neither parser can read; an error
 * `before` did not have (so a write can fix nothing and break nothing); a changed key the JS SDK
 * would not read back under the same profile, or botocore takes from another section; any change
 * in how the JS SDK reads the untouched sections. Problems `before` already had do not block the
 * write; they come back as diagnostics.
 */
export function checkWritable(
  before: IniDocument,
  after: IniDocument,
  kind: IniFileKind,
): Result<{diagnostics: IniDiagnostic[]}> {
  const was = analyse(before, kind);
  const will = analyse(after, kind);
  const errors = newErrors(was, will);
  if (!errors.ok) return errors;
  // The decision needs the errors only; the warnings (for messages and the caller) come on demand.
  let full: IniDiagnostic[] | undefined;
  const foundAfter = () => (full ??= diagnoseAnalysis(will));
  const reasonAt = (line: number) => {
    const d = foundAfter().find((f) => f.line === line && f.parsers.includes('js-sdk'));
    return d ? `: ${d.message}` : '.';
  };
  const sectionsBefore = new Map(was.sections.map((s) => [s.header, s]));
  const sectionsAfter = new Map(will.sections.map((s) => [s.header, s]));
  const touched = new Set<string>();
  for (const header of new Set([...sectionsBefore.keys(), ...sectionsAfter.keys()])) {
    const b = sectionsBefore.get(header);
    const a = sectionsAfter.get(header);
    const jsName = jsNameOf(header, kind);
    if ((a && b && sameKeys(a.keys, b.keys)) || jsName === undefined) continue;
    touched.add(jsName);
    const read = a ? unreadChange(header, b, a, will, reasonAt) : ok(undefined);
    if (!read.ok) return read;
  }
  for (const name of new Set([...Object.keys(was.js), ...Object.keys(will.js)])) {
    if (touched.has(name) || sameKeys(was.js[name], will.js[name])) continue;
    return refused(
      `The change would alter how the JS SDK reads [${name}], which it was not meant to touch.`,
    );
  }
  return ok({
    get diagnostics() {
      return foundAfter();
    },
  });
}
