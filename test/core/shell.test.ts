import {describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {setLine, unsetLine} from '../../source/core/shell.js';

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
    expect(setLine('cmd', 'V', 'a%b&c')).toBe('set "V=a%%b^&c"');
    expect(unsetLine('cmd', 'AWS_PROFILE')).toBe('set AWS_PROFILE=');
  });
});
