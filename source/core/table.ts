import {printable, widthFor} from './printable.js';

/**
 * Rows as left-aligned columns two spaces apart, for a terminal: control characters shown, not sent
 * (see printable), and cells padded by the columns they take on screen (CJK and emoji take two).
 */
export async function formatTable(header: string[], cells: string[][]): Promise<string> {
  const rows = cells.map((r) => r.map(printable));
  const displayWidth = await widthFor([...header, ...rows.flat()]);
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const pad = (c: string, width: number) => c + ' '.repeat(Math.max(0, width - displayWidth(c)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
