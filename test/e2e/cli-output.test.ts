// How the built CLI writes to pipes: all of a big output arrives, a reader that stops early ends
// the command quietly, and a pipe its opener left non-blocking loses nothing.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {beforeEach, describe, expect, it} from 'vitest';
import {cliPath, runCli, runCommand} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const home = useTestHome();

beforeEach(() => {
  // Enough profiles that `list --json` is far bigger than a pipe's buffer (64 KiB on Linux).
  const sections: string[] = [];
  for (let i = 0; i < 3000; i++) {
    sections.push(
      `[user${i}]\naws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, '0')}\naws_secret_access_key = secret${i}\n`,
    );
  }
  home.write('credentials', sections.join('\n'));
});

describe('output to pipes', () => {
  it('writes all of a big output to a pipe', async () => {
    const result = await runCli(['list', '--json'], {env: home.env});
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const {profiles} = JSON.parse(result.stdout) as {profiles: {name: string}[]};
    expect(profiles).toHaveLength(3000);
    expect(profiles[2999]!.name).toBe('user2999');
  });

  it('ends quietly when the reader stops reading (`| head`)', async () => {
    const child = spawn(process.execPath, [cliPath, 'list', '--json'], {
      env: home.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.skipIf(!existsSync('/usr/bin/python3'))(
    'loses nothing on a pipe its opener made non-blocking',
    async () => {
      // Python opens the pipe, sets O_NONBLOCK on the write end the CLI gets as stdout, and reads
      // only after a pause, so the CLI's writes find the pipe full.
      const opener = [
        'import fcntl, os, subprocess, sys, time',
        'r, w = os.pipe()',
        'fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)',
        'p = subprocess.Popen(sys.argv[1:], stdout=w)',
        'os.close(w)',
        'time.sleep(0.3)',
        'out = b"".join(iter(lambda: os.read(r, 65536), b""))',
        'sys.stdout.buffer.write(out)',
        'sys.exit(p.wait())',
      ].join('\n');
      const expected = await runCli(['list', '--json'], {env: home.env});
      const result = await runCommand(
        '/usr/bin/python3',
        ['-c', opener, process.execPath, cliPath, 'list', '--json'],
        {env: home.env},
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(expected.stdout);
    },
  );
});

describe('text from the files', () => {
  it('shows a control character in a profile name instead of sending it to the terminal', async () => {
    home.write(
      'credentials',
      '[evil\x1b[31mRED]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = x\n',
    );
    const table = await runCli(['list'], {env: home.env});
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('evil␛[31mRED');
    expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    // JSON keeps the exact name, escaped as JSON does.
    const json = await runCli(['list', '--json'], {env: home.env});
    expect(JSON.parse(json.stdout).profiles[0].name).toBe('evil\x1b[31mRED');
  });
});
