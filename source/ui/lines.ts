// Text laid out as lines of toned segments: pure, so a screen only windows and colours them.
import {wrap} from './format.js';
import type {Tone} from './theme.js';

export type Segment = {text: string; tone?: Tone; bold?: boolean; inverse?: boolean};
export type Line = Segment[];

export const seg = (text: string, tone?: Tone, extra: Partial<Segment> = {}): Segment => ({
  text,
  tone,
  ...extra,
});

/** `head` and then `body` wrapped to `width`, the lines after the first indented as far as the head. */
export function wrapped(
  head: string | Segment[],
  body: string,
  width: number,
  tone?: Tone,
  indent?: number,
): Line[] {
  const first = typeof head === 'string' ? [seg(head)] : head;
  const room = indent ?? first.reduce((n, s) => n + s.text.length, 0);
  const lines = wrap(body, Math.max(10, width - room));
  return lines.map((l, i) => [...(i === 0 ? first : [seg(' '.repeat(room))]), seg(l, tone)]);
}

/** A line as plain text (for tests and captures). */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}
