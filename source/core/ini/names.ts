// How botocore names the profile a section header defines.

import {shlexSplit} from '../shlex.js';
import type {IniFileKind} from './document.js';

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

/** A profile's config-file section as messages write it: `[default]` or `[profile NAME]`. */
export const configSection = (profile: string) => `[${profileHeader('config', profile)}]`;
