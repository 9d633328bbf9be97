// One builder of the precedence input for `list`, `precedence`, whoami and the TUI, one safe
// resolve, and one reading of the AWS CLI v2's result as the active row.
import {describe, expect, it} from 'vitest';
import {
  awsCliActive,
  precedenceInputOf,
  resolveAwsCli,
  resolveSafely,
  type PrecedenceInput,
} from '../../../source/core/precedence/index.js';

const now = new Date('2026-06-01T12:00:00Z');
const file = (text: string | undefined, path: string) => ({
  exists: text !== undefined,
  text: text ?? '',
  path,
  mode: 0o600,
});
const KEYS = 'aws_access_key_id = AKIADEFAULTKEY0001\naws_secret_access_key = s\n';

function input(credentials: string | undefined, env: Record<string, string> = {}) {
  return precedenceInputOf(
    {
      credentials: file(credentials, '/h/.aws/credentials'),
      config: file(undefined, '/h/.aws/config'),
    },
    {env: {AWS_EC2_METADATA_DISABLED: 'true', HOME: '/h', ...env}, now, warnSeconds: 0},
  );
}

describe('precedenceInputOf', () => {
  it('keeps the variables the clients read, and a missing file is absent, not empty', () => {
    const built = input(`[default]\n${KEYS}`, {AWS_PROFILE: 'default', BOTO_CONFIG: '/b'});
    expect(built).toMatchObject({
      env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'default', BOTO_CONFIG: '/b'},
      credentialsText: `[default]\n${KEYS}`,
      configText: null,
      credentialsMode: 0o600,
      credentialsPath: '/h/.aws/credentials',
      configPath: '/h/.aws/config',
    });
    expect(built.env).not.toHaveProperty('HOME');
  });
});

describe('resolveSafely', () => {
  it('turns a bug of the engine into one precedence-failed error value', () => {
    const bug = (_: PrecedenceInput): never => {
      throw new Error('boom');
    };
    const r = resolveSafely(bug, input(undefined));
    expect(r.ok || r.error.code).toBe('precedence-failed');
    expect(resolveSafely(resolveAwsCli, input(undefined)).ok).toBe(true);
  });
});

describe('awsCliActive', () => {
  const active = (credentials: string | undefined, env: Record<string, string> = {}) =>
    awsCliActive(resolveAwsCli(input(credentials, env)));

  it('is the profile the AWS CLI gets credentials from, and where its name came from', () => {
    expect(active(`[dev]\n${KEYS}`, {AWS_PROFILE: 'dev'})).toEqual({
      kind: 'profile',
      name: 'dev',
      from: 'AWS_PROFILE',
    });
  });

  it('is the environment when its keys win', () => {
    const env = {AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT0009', AWS_SECRET_ACCESS_KEY: 's'};
    expect(active(`[default]\n${KEYS}`, env)).toEqual({kind: 'env', accessKeyIdLast4: '0009'});
  });

  it('is no profile when the AWS CLI would fail, with its code', () => {
    expect(active(undefined, {AWS_PROFILE: 'gone'})).toMatchObject({
      kind: 'none',
      profile: 'gone',
      code: 'stopped',
    });
    expect(active(undefined)).toMatchObject({kind: 'none', code: 'no-credentials'});
  });
});
