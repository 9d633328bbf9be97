import {printable} from './printable.js';

/**
 * Lays out rows as left-aligned columns separated by two spaces (no trailing spaces), for a
 * terminal: control characters in a cell are shown, not sent (see printable).
 */
export function formatTable(header: string[], cells: string[][]): string {
  const rows = cells.map((r) => r.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
