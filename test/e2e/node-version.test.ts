// On a Node older than the floor (22.12), mfa-tui says which Node it needs, rather than failing to
// link with a SyntaxError about a missing export.
import {execFileSync} from 'node:child_process';
import {expect, it} from 'vitest';
import {cliPath, runCommand} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();

/** Node as it would report itself at `version`, set before any module of ours loads. */
const asVersion = (version: string) =>
  `data:text/javascript,Object.defineProperty(process.versions,"node",{value:"${version}"})`;

it.each(['20.20.2', '22.11.0', '18.0.0'])(
  'Node %s: one line naming the floor, exit 1',
  async (v) => {
    const r = await runCommand(process.execPath, ['--import', asVersion(v), cliPath, 'list'], {
      env: h.env,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`mfa-tui needs Node.js 22.12 or newer; this is Node.js ${v}.\n`);
  },
);

it.each(['22.12.0', '26.0.0'])('Node %s runs', async (v) => {
  const r = await runCommand(process.execPath, ['--import', asVersion(v), cliPath, '--version'], {
    env: h.env,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

/** The machine's own Node when it is older than the floor (Debian's, say): the real thing. */
const systemNode = (() => {
  try {
    const v = execFileSync('/usr/bin/node', ['--version'], {encoding: 'utf8'}).trim();
    return Number(v.slice(1).split('.')[0]) < 22 ? v : undefined;
  } catch {
    return undefined;
  }
})();

it.skipIf(!systemNode)('a real older Node (/usr/bin/node) gets the same message', async () => {
  const r = await runCommand('/usr/bin/node', [cliPath, 'list'], {env: h.env});
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('mfa-tui needs Node.js 22.12 or newer');
});
