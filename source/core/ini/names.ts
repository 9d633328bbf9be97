// How botocore names the profile a section header defines.

import type {IniFileKind} from './document.js';

// A run of shlex's white space, a '…' or "…" part, a backslash-escaped character, or plain text.
const SHLEX_PART = /([ \t\r\n]+)|'([^']*)'|"((?:[^"\\]|\\[\s\S])*)"|\\([\s\S])|([^ \t\r\n'"\\]+)/y;

/** Python's shlex.split (POSIX mode), which botocore uses on `[profile …]` headers; undefined when unbalanced. */
export function shlexSplit(s: string): string[] | undefined {
  const out: string[] = [];
  let word: string | undefined;
  SHLEX_PART.lastIndex = 0;
  while (SHLEX_PART.lastIndex < s.length) {
    const m = SHLEX_PART.exec(s);
    // An open quote, or a backslash at the end.
    if (!m) return undefined;
    const [, space, single, double, escaped, plain] = m;
    if (space !== undefined) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else {
      // Inside "…" a backslash escapes only `"` and `\`; before anything else it stays.
      const text = single ?? double?.replace(/\\(["\\])/g, '$1') ?? escaped ?? plain;
      word = (word ?? '') + text;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}

const plainProfileHeader = /^profile [^\s'"\\]+$/;

/**
 * The profile a section header names, as botocore reads it. Config: `default` and `profile NAME`
 * (split like a shell word list, so `profile  foo` and `profile "foo"` are `foo`); other sections
 * (`sso-session x`, `services x`, `plugins`) are not profiles. Credentials: the header is the name.
 * `DEFAULT` is configparser's defaults section in both files, never a profile.
 */
export function profileNameOf(sectionHeader: string, kind: IniFileKind): string | undefined {
  if (sectionHeader === 'DEFAULT') return undefined;
  if (kind === 'credentials') return sectionHeader;
  if (sectionHeader.startsWith('profile')) {
    // The usual `profile NAME` needs no shell-style split.
    if (plainProfileHeader.test(sectionHeader)) return sectionHeader.slice(8);
    const parts = shlexSplit(sectionHeader);
    return parts && parts.length === 2 ? parts[1] : undefined;
  }
  return sectionHeader === 'default' ? 'default' : undefined;
}

/** The header a new section for `profile` gets: `profile NAME` (or `default`) in config, the name in credentials. */
export function profileHeader(kind: IniFileKind, profile: string): string {
  if (kind === 'credentials' || profile === 'default') return profile;
  return `profile ${profile}`;
}
