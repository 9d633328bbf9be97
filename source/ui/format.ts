// Text for the cells and lines of the screens: pure, so the view stays a function of state.
import stringWidth from 'string-width';
import {expiryState, type ExpiryState} from '../core/expiry.js';
import {keyAge, keyAgeText} from '../core/key-age.js';
import {isPlainAscii, printable} from '../core/printable.js';
import {expiryText, markedKind} from '../core/profile-text.js';
import {kindLabels, warnSecondsOf, type Profile, type ProfileKind} from '../core/profiles.js';
import type {Tone} from './theme.js';

/** Cuts text to `width` terminal columns (wide characters count two), ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (isPlainAscii(text)) {
    if (text.length <= width) return text;
    return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  }
  const shown = printable(text);
  if (stringWidth(shown) <= width) return shown;
  let out = '';
  let used = 0;
  for (const char of shown) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** A narrow kind column's word for a label too long for it: the kind's name, or this. */
const shortKindLabels: Partial<Record<ProfileKind, string>> = {'config-keys': 'in config'};

/** A profile's kind as it fits `width` columns (full label, else the short one), marked when it renews on demand. */
export function kindText(p: Pick<Profile, 'kind' | 'renewsOnDemand'>, width: number): string {
  const room = width - markedKind('', p).length;
  const full = kindLabels[p.kind];
  const label = full.length <= room ? full : (shortKindLabels[p.kind] ?? p.kind);
  return markedKind(label, p);
}

/** Truncates or pads to exactly `width` terminal columns. */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  const used = isPlainAscii(cut) ? cut.length : stringWidth(cut);
  return cut + ' '.repeat(Math.max(0, width - used));
}

/** Splits text into lines of at most `width` columns at spaces (long words are cut). */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [''];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = printable(word);
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

export type CellTone = 'ok' | 'warn' | 'bad' | 'muted' | 'plain';

const stateTone: Record<ExpiryState, CellTone> = {
  valid: 'ok',
  expiring: 'warn',
  expired: 'bad',
  unknown: 'muted',
};

/** The expiry column at `now` (so countdowns cross thresholds live); a long-term key's age when known, marked when old. */
export function expiryCell(
  p: Profile,
  now: Date,
  warnSeconds: number,
  keyAgeDays = 90,
): {text: string; tone: CellTone} {
  const text = expiryText(p, now, warnSeconds);
  if (p.state === 'long-term' && p.keyCreatedAt) {
    // `long-term 120d old` is 18 columns: the narrowest expiry column still says "old".
    const age = keyAge(p.keyCreatedAt, now, keyAgeDays);
    return {text: `${text} ${keyAgeText(age)}`, tone: age.old ? 'warn' : 'plain'};
  }
  if (p.state === 'long-term' || p.state === 'not-applicable') return {text, tone: 'plain'};
  if (p.state === 'broken') return {text, tone: 'bad'};
  return {text, tone: stateTone[expiryState(p.expiresAt, now, warnSecondsOf(p, warnSeconds))]};
}

// Text laid out as lines of toned segments, so a screen only windows and colours them.
type Segment = {text: string; tone?: Tone; bold?: boolean; inverse?: boolean};
export type Line = Segment[];

export function seg(text: string, tone?: Tone, extra?: Partial<Segment>): Segment {
  return {text, tone, ...extra};
}

/** `head` and then `body` wrapped to `width`, the lines after the first indented as far as the head. */
export function wrapped(head: string | Segment[], body: string, width: number, tone?: Tone) {
  const first = typeof head === 'string' ? [seg(head)] : head;
  const room = first.reduce((n, s) => n + s.text.length, 0);
  const lines = wrap(body, Math.max(10, width - room));
  return lines.map((l, i) => [...(i === 0 ? first : [seg(' '.repeat(room))]), seg(l, tone)]);
}
