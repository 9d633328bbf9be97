// The conventions of the AWS CLI and of Node CLIs, through the built CLI: common flags anywhere,
// `help CMD`, short usage errors, --profile with the AWS CLI's default, and env's formats.
import {beforeEach, describe, expect, it} from 'vitest';
import {runCli, runCommand} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const home = useTestHome();

const session = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = long/term+secret
[mfa]
aws_access_key_id = ASIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCY=
aws_session_token = FwoGZXIvYXdzE+token/with=
x_security_token_expires = 2099-01-01T00:00:00Z
`;

beforeEach(() => {
  home.write('credentials', session);
  home.write('config', '[profile dev]\nregion = eu-west-1\n');
});

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(args, {env: {...home.env, ...env}});

describe('common flags', () => {
  it('takes common flags before the command as after it', async () => {
    const before = await run(['--no-color', '--region', 'eu-west-1', 'list', '--json']);
    expect(before.code).toBe(0);
    const after = await run(['list', '--json', '--no-color', '--region', 'eu-west-1']);
    expect(before.stdout).toBe(after.stdout);
  });

  it('takes --version and --help anywhere, and `help CMD` is `CMD --help`', async () => {
    for (const args of [['--version'], ['list', '--version'], ['--no-color', '--version']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
    }
    const flag = await run(['renew', '--help']);
    const word = await run(['help', 'renew']);
    const mixed = await run(['renew', '--bogus', '--help']);
    expect(flag.code).toBe(0);
    expect(word).toEqual(flag);
    expect(mixed).toEqual(flag);
    expect((await run(['help', 'nope'])).code).toBe(2);
  });

  it('says a usage error in one line and points to the command’s --help (exit 2)', async () => {
    const r = await run(['renew', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('--bogus');
    expect(lines[1]).toContain('mfa-tui renew --help');
    const extra = await run(['list', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('--profile, and the AWS CLI’s profile without it', () => {
  it('env and credential-process take PROFILE, --profile P, or AWS_PROFILE', async () => {
    const positional = await run(['credential-process', 'mfa']);
    expect(positional.code).toBe(0);
    expect(JSON.parse(positional.stdout).AccessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
    expect(await run(['credential-process', '--profile', 'mfa'])).toEqual(positional);
    expect(await run(['--profile', 'mfa', 'credential-process'])).toEqual(positional);
    expect(await run(['credential-process'], {AWS_PROFILE: 'mfa'})).toEqual(positional);
    const fromEnv = await run(['env'], {AWS_PROFILE: 'mfa'});
    expect(fromEnv.stdout).toContain('AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE');
    expect(await run(['env', '--profile', 'mfa'])).toEqual(await run(['env', 'mfa']));
    // Neither: default, whose session (its target, mfa) is what env hands out.
    expect(await run(['env'])).toEqual(await run(['env', 'default']));
    expect((await run(['env'])).stdout).toContain('AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE');
    expect((await run(['env', 'mfa', '--profile', 'default'])).code).toBe(2);
  });

  it('check takes --profile P as PROFILE', async () => {
    // secondsLeft moves with the clock between two runs; the rest must be the same.
    const checked = async (args: string[]) => {
      const r = await run(['check', ...args, '--json']);
      const json = JSON.parse(r.stdout) as {profiles: {secondsLeft?: number}[]};
      for (const p of json.profiles) delete p.secondsLeft;
      return {code: r.code, json};
    };
    const flag = await checked(['--profile', 'mfa']);
    expect(flag.code).toBe(0);
    expect(flag.json.profiles).toHaveLength(1);
    expect(flag).toEqual(await checked(['mfa']));
  });
});

describe('env --format, as aws configure export-credentials', () => {
  // The AWS CLI's lines for these credentials (awscli/customizations/configure/exportcreds.py).
  const vars = [
    ['AWS_ACCESS_KEY_ID', 'ASIAIOSFODNN7EXAMPLE'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY='],
    ['AWS_SESSION_TOKEN', 'FwoGZXIvYXdzE+token/with='],
    ['AWS_CREDENTIAL_EXPIRATION', '2099-01-01T00:00:00Z'],
  ];
  const awsLines: Record<string, string[]> = {
    env: vars.map(([n, v]) => `export ${n}=${v}`),
    'env-no-export': vars.map(([n, v]) => `${n}=${v}`),
    powershell: vars.map(([n, v]) => `$Env:${n}="${v}"`),
    'windows-cmd': vars.map(([n, v]) => `set ${n}=${v}`),
  };

  it('prints the AWS CLI’s lines in each format, in its order', async () => {
    for (const [format, lines] of Object.entries(awsLines)) {
      const r = await run(['env', 'mfa', '--format', format]);
      expect(r.code, format).toBe(0);
      const out = r.stdout.trimEnd().split('\n');
      const at = out.indexOf(lines[0]!);
      expect(at, format).toBeGreaterThanOrEqual(0);
      expect(out.slice(at, at + lines.length), format).toEqual(lines);
    }
    const exact = await run(['env', 'mfa', '--format', 'env-no-export']);
    expect(exact.stdout).toBe(`${awsLines['env-no-export']!.join('\n')}\n`);
  });

  it('prints credential_process JSON for --format process', async () => {
    const r = await run(['env', 'mfa', '--format', 'process']);
    expect(JSON.parse(r.stdout)).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY=',
      SessionToken: 'FwoGZXIvYXdzE+token/with=',
      Expiration: '2099-01-01T00:00:00Z',
    });
  });

  it('takes bash, zsh and sh as env, and --shell as --format', async () => {
    const env = await run(['env', 'mfa', '--format', 'env']);
    for (const name of ['bash', 'zsh', 'sh']) {
      expect(await run(['env', 'mfa', '--format', name])).toEqual(env);
      expect(await run(['env', 'mfa', '--shell', name])).toEqual(env);
    }
    expect((await run(['env', 'mfa', '--format', 'tcsh'])).code).toBe(2);
  });

  it('gives bash exactly the session when evaluated', async () => {
    const lines = await run(['env', 'mfa']);
    const r = await runCommand(
      'bash',
      ['-c', 'eval "$LINES"; echo "$AWS_ACCESS_KEY_ID $AWS_SESSION_TOKEN ${AWS_PROFILE-unset}"'],
      {env: {PATH: process.env.PATH, LINES: lines.stdout, AWS_PROFILE: 'other'}},
    );
    expect(r.stdout.trim()).toBe('ASIAIOSFODNN7EXAMPLE FwoGZXIvYXdzE+token/with= unset');
  });

  it('quotes a value that a shell would not read literally', async () => {
    home.write(
      'credentials',
      `[odd]\naws_access_key_id = AKIAODD\naws_secret_access_key = it's $(touch x)\n`,
    );
    const r = await run(['env', 'odd']);
    expect(r.stdout).toContain(`export AWS_SECRET_ACCESS_KEY='it'\\''s $(touch x)'`);
  });

  it('refuses, without the secret, a value windows-cmd cannot carry', async () => {
    home.write(
      'credentials',
      '[odd]\naws_access_key_id = AKIAODD\naws_secret_access_key = 100%secret\n',
    );
    const r = await run(['env', 'odd', '--format', 'windows-cmd']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('AWS_SECRET_ACCESS_KEY');
    expect(r.stderr).not.toContain('100%secret');
  });
});

describe('exit codes a script can gate on', () => {
  it('precedence exits 1 when a conflict of error severity exists, 0 otherwise', async () => {
    const clean = await run(['precedence', '--json']);
    expect(
      JSON.parse(clean.stdout).conflicts.filter((c: {severity: string}) => c.severity === 'error'),
    ).toEqual([]);
    expect(clean.code).toBe(0);
    const ghost = await run(['precedence', '--json'], {AWS_PROFILE: 'ghost'});
    const severities = JSON.parse(ghost.stdout).conflicts.map(
      (c: {severity: string}) => c.severity,
    );
    expect(severities).toContain('error');
    expect(ghost.code).toBe(1);
  });
});
