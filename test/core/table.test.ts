import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {formatTable} from '../../source/core/table.js';

/** The display column at which each cell of a line starts, cells being split at two spaces or more. */
function starts(line: string): number[] {
  const out: number[] = [];
  for (const m of line.matchAll(/(?:^|(?<=\s{2}))\S/g)) {
    out.push(stringWidth(line.slice(0, m.index)));
  }
  return out;
}

describe('formatTable', () => {
  it('pads by display width: CJK and emoji names keep every column aligned', async () => {
    const text = await formatTable(
      ['PROFILE', 'KIND', 'EXPIRY'],
      [
        ['開発', 'long-term keys', 'long-term'],
        ['🚀prod', 'MFA session', 'valid 1h'],
        ['plain', 'role', 'unknown'],
        ['e\u0301t\u00e9', 'role', '-'],
      ],
    );
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(starts(line)).toEqual(starts(lines[0]!));
  });

  it('ASCII as before: padded to the widest cell, two spaces between, no trailing space', async () => {
    expect(
      await formatTable(
        ['A', 'BB'],
        [
          ['xyz', ''],
          ['', 'q'],
        ],
      ),
    ).toBe('A    BB\nxyz\n     q');
  });
});
