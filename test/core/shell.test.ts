import {describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {setLine, unsetLine, UnquotableValueError} from '../../source/core/shell.js';

const tricky = 'a\'b"c$d`e\\f g';

describe('shell lines', () => {
  it('sh: a value with quotes, $ and backslashes survives eval in a real bash', () => {
    const script = `${setLine('sh', 'X', tricky)}\nprintf %s "$X"`;
    const r = spawnSync('bash', ['-c', script], {encoding: 'utf8'});
    expect(r.stdout).toBe(tricky);
    const cleared = spawnSync(
      'bash',
      ['-c', `export X=1\n${unsetLine('sh', 'X')}\nprintf %s "\${X-unset}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(cleared.stdout).toBe('unset');
  });
  it('writes each shell’s own syntax', () => {
    expect(setLine('fish', 'AWS_ACCESS_KEY_ID', 'ASIAX')).toBe("set -gx AWS_ACCESS_KEY_ID 'ASIAX'");
    expect(unsetLine('fish', 'AWS_PROFILE')).toBe('set -e AWS_PROFILE');
    expect(setLine('powershell', 'AWS_SESSION_TOKEN', "it's")).toBe(
      "$Env:AWS_SESSION_TOKEN = 'it''s'",
    );
    expect(unsetLine('powershell', 'AWS_PROFILE')).toBe(
      'Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue',
    );
    expect(setLine('cmd', 'AWS_ACCESS_KEY_ID', 'ASIAX')).toBe('set "AWS_ACCESS_KEY_ID=ASIAX"');
    // Inside the quotes of `set "…"`, cmd reads ^ & | < > ( ) as plain text: nothing to escape.
    expect(setLine('cmd', 'V', 'a^b&c|d<e>f(g)')).toBe('set "V=a^b&c|d<e>f(g)"');
    expect(unsetLine('cmd', 'AWS_PROFILE')).toBe('set AWS_PROFILE=');
  });

  it('sh: hostile values stay inside the quotes in bash and dash', () => {
    for (const value of hostile) {
      for (const sh of ['bash', 'dash']) {
        const r = spawnSync(sh, ['-c', `${setLine('sh', 'X', value)}\nprintf %s "$X"`], {
          encoding: 'utf8',
        });
        expect(r.stdout, `${sh}: ${JSON.stringify(value)}`).toBe(value);
      }
    }
  });
  it("powershell: every single quote PowerShell knows (' ‘ ’ ‚ ‛) is doubled", () => {
    for (const q of ["'", '\u2018', '\u2019', '\u201a', '\u201b']) {
      const line = setLine('powershell', 'X', `a${q}; calc; ${q}b`);
      expect(line).toBe(`$Env:X = 'a${q}${q}; calc; ${q}${q}b'`);
      expect(closesQuote(line.slice("$Env:X = '".length, -1))).toBe(false);
    }
  });
  it('cmd: a value it cannot hold inside quotes is refused, never written', () => {
    for (const value of ['a"&calc&"', '%PATH%', '!x!', 'a\r\ncalc', 'a\u0000b']) {
      expect(() => setLine('cmd', 'X', value)).toThrow(UnquotableValueError);
    }
  });
});

/** Values a hostile endpoint or file could hand over: quotes of every kind, expansions, line breaks. */
const hostile = [
  "'; touch /tmp/pwned; '",
  '"$(touch /tmp/pwned)"',
  '`id`',
  "$HOME ${HOME} \\ \\'",
  'a\nb\r\nc\td',
  '\u2018\u2019\u201a\u201b ” “',
  '-n',
];

/** Whether a PowerShell single-quoted body ends early: a quote character not doubled. */
function closesQuote(body: string): boolean {
  const quotes = /['\u2018\u2019\u201a\u201b]/;
  for (let i = 0; i < body.length; i++) {
    if (!quotes.test(body[i]!)) continue;
    if (!quotes.test(body[i + 1] ?? '')) return true;
    i++;
  }
  return false;
}
