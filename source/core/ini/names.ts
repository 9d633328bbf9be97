// How botocore names the profile a section header defines.

import type {IniFileKind} from './document.js';

/** Python's shlex.split (POSIX mode), which botocore uses on `[profile …]` headers; undefined when unbalanced. */
export function shlexSplit(s: string): string[] | undefined {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === "'") {
      const close = s.indexOf("'", i + 1);
      if (close === -1) return undefined;
      word += s.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (ch === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= s.length) return undefined;
        const q = s[i];
        if (q === '"') {
          i++;
          break;
        }
        if (q === '\\' && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === '\\')) {
          word += s[i + 1];
          i += 2;
        } else {
          word += q;
          i++;
        }
      }
    } else if (ch === '\\') {
      if (i + 1 >= s.length) return undefined;
      word += s[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) out.push(word);
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
