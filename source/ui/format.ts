// Text for the cells and lines of the screens: pure, so the view stays a function of state.
import {expiryState} from '../core/expiry.js';
import {expiryText} from '../core/profile-text.js';
import type {Profile} from '../core/profiles.js';

/** Cuts text to `width` columns, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** Truncates or pads to exactly `width` columns. */
export function fit(text: string, width: number): string {
  return truncate(text, width).padEnd(Math.max(0, width));
}

/** Splits text into lines of at most `width` columns at spaces (long words are cut). */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [''];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export {deviceText, linkText as linkCell} from '../core/profile-text.js';

/** The status an expiry cell is coloured by, recomputed at `now` so countdowns cross thresholds live. */
export type CellTone = 'ok' | 'warn' | 'bad' | 'muted' | 'plain';

/** The expiry column at `now`: text and tone. */
export function expiryCell(
  p: Profile,
  now: Date,
  warnSeconds: number,
): {text: string; tone: CellTone} {
  const text = expiryText(p, now, warnSeconds);
  if (p.state === 'long-term' || p.state === 'not-applicable') return {text, tone: 'plain'};
  if (p.state === 'broken') return {text, tone: 'bad'};
  const state = expiryState(p.expiresAt, now, warnSeconds);
  const tone: CellTone =
    state === 'valid'
      ? 'ok'
      : state === 'expiring'
        ? 'warn'
        : state === 'expired'
          ? 'bad'
          : 'muted';
  return {text, tone};
}

/** Does a profile match the filter text (case-insensitive, on name, kind, device and link)? */
export function matchesFilter(p: Profile, kindLabel: string, needle: string): boolean {
  if (!needle) return true;
  const n = needle.toLowerCase();
  return (
    p.name.toLowerCase().includes(n) ||
    kindLabel.toLowerCase().includes(n) ||
    (p.mfaSerial?.toLowerCase().includes(n) ?? false) ||
    (p.source?.toLowerCase().includes(n) ?? false) ||
    (p.target?.toLowerCase().includes(n) ?? false)
  );
}
