// `list` with wide profile names (CJK, emoji): every column starts at one display column on every row.
import stringWidth from 'string-width';
import {expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();

/** The display column at which each cell of a line starts (cells are apart by two spaces or more). */
function starts(line: string): number[] {
  return [...line.matchAll(/(?:^|(?<=\s{2}))\S/g)].map((m) => stringWidth(line.slice(0, m.index)));
}

it('aligns the columns after 開発 and 🚀prod with the header’s', async () => {
  const keys = (n: number) =>
    `aws_access_key_id = AKIAEXAMPLE0000000${n}\naws_secret_access_key = secret${n}\n`;
  h.write(
    'credentials',
    `[開発]\n${keys(1)}mfa_serial = arn:aws:iam::123456789012:mfa/dev\n\n[🚀prod]\n${keys(2)}\n[plain]\n${keys(3)}`,
  );
  const r = await runCli(['list'], {env: h.env});
  expect(r.code).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual([
    'PROFILE',
    '開発',
    '🚀prod',
    'plain',
  ]);
  const columns = starts(lines[0]!);
  expect(columns).toHaveLength(6);
  for (const line of lines.slice(1)) {
    const cells = starts(line);
    expect(cells.length, line).toBeGreaterThanOrEqual(4);
    for (const at of cells) expect(columns, line).toContain(at);
  }
});
