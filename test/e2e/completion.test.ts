// Shell completion, driven through bash's own completion machinery: the script from
// `mfa-tui completion bash`, COMP_WORDS as bash sets them on Tab, and the profiles of a temp HOME.
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {cliPath, runCli, runCommand} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const home = useTestHome();
let bin: string;

beforeEach(() => {
  home.write(
    'credentials',
    '[default]\naws_access_key_id = AKIAX\n[work-mfa]\naws_access_key_id = ASIAX\n',
  );
  home.write('config', '[profile dev]\nregion = eu-west-1\n[sso-session corp]\nsso_region = x\n');
  // `mfa-tui` on PATH, as npm installs it.
  bin = path.join(home.home, 'bin');
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'mfa-tui'),
    `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`,
  );
  chmodSync(path.join(bin, 'mfa-tui'), 0o755);
});

/** What bash offers on Tab after `words` (the last word is the one being completed). */
async function complete(...words: string[]): Promise<string[]> {
  const script = [
    'source <(mfa-tui completion bash)',
    `COMP_WORDS=(${['mfa-tui', ...words].map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length}`,
    '_mfa_tui',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const env = {...home.env, PATH: `${bin}:${process.env.PATH}`};
  const r = await runCommand('bash', ['-c', script], {env});
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('completion', () => {
  it('completes commands, flags and --format values', async () => {
    expect(await complete('re')).toEqual(['renew']);
    expect(await complete('')).toEqual(
      expect.arrayContaining(['list', 'env', 'completion', 'help']),
    );
    expect(await complete('')).not.toContain('__complete');
    expect(await complete('renew', '--co')).toEqual(['--code', '--code-from']);
    expect(await complete('env', '--')).toEqual(expect.arrayContaining(['--format', '--no-color']));
    expect(await complete('env', '--format', 'env')).toEqual(['env', 'env-no-export']);
    expect(await complete('--no-color', 'che')).toEqual(['check']);
    expect(await complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete('renew', '--code', '')).toEqual([]);
  });

  it('completes profile names from the files as they are now', async () => {
    expect(await complete('renew', '')).toEqual(['default', 'work-mfa', 'dev']);
    expect(await complete('--profile', 'w')).toEqual(['work-mfa']);
    expect(await complete('whoami', '--profile', 'd')).toEqual(['default', 'dev']);
    home.write('config', '[profile staging]\n');
    expect(await complete('env', 's')).toEqual(['staging']);
  });

  it('prints zsh and fish scripts, and refuses another shell', async () => {
    const zsh = await runCli(['completion', 'zsh'], {env: home.env});
    expect(zsh.stdout).toContain('bashcompinit');
    const fish = await runCli(['completion', 'fish'], {env: home.env});
    expect(fish.stdout).toContain(
      "complete -c mfa-tui -l profile -x -a '(mfa-tui __complete profiles)'",
    );
    expect((await runCli(['completion', 'tcsh'], {env: home.env})).code).toBe(2);
  });
});
