// The rule that decides whether an edited document may be written: it may fix nothing and break
// nothing, as botocore and the JS SDK read the file.

import {fail, ok, type Result} from '../errors.js';
import type {IniDiagnostic} from './codes.js';
import {analyse, diagnoseDetailed, type Found} from './diagnose.js';
import {sameKeys} from './diagnose-keys.js';
import type {IniDocument, IniFileKind} from './document.js';
import {isJsProfileEntry, jsSectionKey, type JsSdkView} from './js-sdk.js';
import {profileNameOf} from './names.js';

/** The JS SDK's views of the file before and after an edit, when the caller has the real ones. */
export type WriteCheckOptions = {jsBefore?: JsSdkView; jsAfter?: JsSdkView};

const REFUSED_FIX = 'mfa-tui left the file as it was. Fix the line by hand, then try again.';

/**
 * Decides whether `after` may replace `before`. Refused: a file neither parser can read; a result
 * with an error that `before` did not have (so a write can fix nothing and break nothing);
 * a changed key that the JS SDK would not read back under the same profile, or that botocore takes
 * from another section; any change in how the JS SDK reads the sections the edit did not touch.
 * Problems `before` already had elsewhere do not block the write; they come back as diagnostics.
 */
export function checkWritable(
  before: IniDocument,
  after: IniDocument,
  kind: IniFileKind,
  options: WriteCheckOptions = {},
): Result<{diagnostics: IniDiagnostic[]}> {
  const was = analyse(before, kind, options.jsBefore);
  const will = analyse(after, kind, options.jsAfter);
  const found = diagnoseDetailed(was, true);
  // The decision needs the errors only; the warnings (for messages and the caller) come on demand.
  const errorsAfter = diagnoseDetailed(will, true).sort((a, b) => a.d.line - b.d.line);
  let full: Found[] | undefined;
  const foundAfter = () => (full ??= diagnoseDetailed(will));

  const botocoreError = found.find(
    (f) => f.d.severity === 'error' && f.d.parsers[0] === 'botocore',
  );
  const jsError = found.find((f) => f.d.code === 'js-refuses-file');
  if (botocoreError && jsError) {
    return fail(
      'ini-unparseable',
      `Line ${botocoreError.d.line}: ${botocoreError.d.message} Line ${jsError.d.line}: ${jsError.d.message}`,
      'No AWS client can read this file; fix it by hand first (mfa-tui never repairs files).',
    );
  }

  const counts = new Map<string, number>();
  for (const f of found) {
    if (f.d.severity === 'error') counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  }
  for (const f of errorsAfter) {
    const n = counts.get(f.id) ?? 0;
    if (n > 0) {
      counts.set(f.id, n - 1);
      continue;
    }
    return fail(
      'ini-write-refused',
      `The change would break line ${f.d.line}: ${f.d.message}`,
      REFUSED_FIX,
    );
  }

  const jsBefore = was.js;
  const jsAfter = will.js;
  const sectionsBefore = new Map(was.sections.map((s) => [s.header, s]));
  const sectionsAfter = new Map(will.sections.map((s) => [s.header, s]));
  const profilesAfter = will.profiles;
  const touched = new Set<string>();
  const reasonAt = (line: number) => {
    const d = foundAfter().find((f) => f.d.line === line && f.d.parsers.includes('js-sdk'));
    return d ? `: ${d.d.message}` : '.';
  };
  for (const header of new Set([...sectionsBefore.keys(), ...sectionsAfter.keys()])) {
    const b = sectionsBefore.get(header);
    const a = sectionsAfter.get(header);
    if (a && b && sameKeys(a.keys, b.keys)) continue;
    const profile = profileNameOf(header, kind);
    let jsName: string | undefined = profile;
    if (profile === undefined && kind === 'config') {
      const key = jsSectionKey(header);
      if (key && !isJsProfileEntry(key, kind)) jsName = key;
    }
    if (jsName === undefined) continue;
    touched.add(jsName);
    if (!a) continue;
    if (profile !== undefined) {
      const winner = profilesAfter.get(profile);
      if (winner && winner.header !== header) {
        return fail(
          'ini-write-refused',
          `botocore would not read the change to [${header}] (line ${a.line} as written): it takes profile "${profile}" from [${winner.header}].`,
          REFUSED_FIX,
        );
      }
    }
    const keys = new Set([...Object.keys(a.keys), ...Object.keys(b?.keys ?? {})]);
    for (const key of keys) {
      const want = a.keys[key];
      if (b && b.keys[key] === want) continue;
      const got = jsAfter[jsName]?.[key];
      if (got === want) continue;
      const line = a.keyLines[key] ?? a.line;
      const reason = reasonAt(line) === '.' ? reasonAt(a.line) : reasonAt(line);
      return fail(
        'ini-write-refused',
        `The JS SDK would not read ${key} of [${header}] back (line ${line} as written)${reason}`,
        REFUSED_FIX,
      );
    }
  }
  for (const name of new Set([...Object.keys(jsBefore), ...Object.keys(jsAfter)])) {
    if (touched.has(name) || sameKeys(jsBefore[name], jsAfter[name])) continue;
    return fail(
      'ini-write-refused',
      `The change would alter how the JS SDK reads [${name}], which it was not meant to touch.`,
      REFUSED_FIX,
    );
  }
  return ok({
    get diagnostics() {
      return foundAfter().map((f) => f.d);
    },
  });
}
