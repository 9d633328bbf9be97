// How a profile's columns read, shared by `list` and the TUI so both say the same thing.
import {describeExpiry} from './expiry.js';
import {warnSecondsOf, type Profile} from './profiles.js';

/** The MFA device as a short column: `mfa/alice` instead of the whole ARN. */
export function deviceText(serial: string | undefined): string {
  if (!serial) return '';
  const i = serial.indexOf(':mfa/');
  return i >= 0 ? serial.slice(i + 1) : serial;
}

/** The linked profile: `← default` for a session's source, `→ mfa` for long-term keys' target. */
export function linkText(p: Profile): string {
  if (p.source) return `← ${p.source}`;
  if (p.target) return `→ ${p.target}`;
  return '';
}

/** A kind label, marked when the profile's credential_process renews on demand: `credential_process ↻`. */
export function markedKind(label: string, p: Pick<Profile, 'renewsOnDemand'>): string {
  return p.renewsOnDemand ? `${label} ↻` : label;
}

/** The expiry column at `now`: `long-term`, `valid 11h 02m`, `expired 3h ago`, `broken: …`. */
export function expiryText(p: Profile, now: Date, warnSeconds: number): string {
  switch (p.state) {
    case 'long-term':
      return 'long-term';
    case 'not-applicable':
      return '';
    case 'broken':
      return `broken: ${p.problems[0] ?? ''}`;
    case 'not-logged-in':
      return 'not logged in';
    default:
      return describeExpiry(p.expiresAt, now, warnSecondsOf(p, warnSeconds));
  }
}
