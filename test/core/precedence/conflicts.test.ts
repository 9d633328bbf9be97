// Conflicts: each case of "Conflicts worth flagging" and the other traps, with concrete fixes; and
// the rule that no secret (and no full key id) ever reaches a message, a fix or a chain reason.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  conflictText,
  precedenceJson,
  resolvePrecedence,
  type Conflict,
  type PrecedenceInput,
} from '../../../source/core/precedence/index.js';

/** A conflict with its message and fix in the CLI's words. */
type Rendered = Conflict & {message: string; fix: string};

const now = new Date('2026-06-01T12:00:00Z');

function conflicts(input: Partial<PrecedenceInput>): Rendered[] {
  return resolvePrecedence({
    now,
    warnSeconds: 900,
    credentialsPath: '/home/u/.aws/credentials',
    configPath: '/home/u/.aws/config',
    ...input,
    env: {AWS_EC2_METADATA_DISABLED: 'true', ...input.env},
  }).conflicts.map((c) => ({...c, ...conflictText(c)}));
}
const byId = (list: Rendered[], id: string) => list.find((c) => c.id === id);
const ids = (list: Rendered[]) => list.map((c) => c.id);

const MFA =
  '[mfa]\naws_access_key_id = ASIAMFASESSIONK002\naws_secret_access_key = s\naws_session_token = t\n';
const ENV = {AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004', AWS_SECRET_ACCESS_KEY: 's'};

describe('conflicts worth flagging', () => {
  it('AWS_PROFILE against environment keys, with the SPEC’s fix', () => {
    const c = byId(
      conflicts({env: {...ENV, AWS_PROFILE: 'mfa'}, credentialsText: MFA}),
      'env-keys-beat-profile',
    );
    expect(c?.severity).toBe('warning');
    expect(c?.message).toContain(
      'AWS_ACCESS_KEY_ID is set (…T004), so the AWS CLI, boto3 and the Go SDK ignore AWS_PROFILE=mfa',
    );
    expect(c?.message).toContain('the JS SDK uses profile mfa');
    expect(c?.fix).toContain('`unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN`');
  });

  it('AWS_PROFILE and AWS_DEFAULT_PROFILE differ', () => {
    const c = byId(
      conflicts({
        env: {AWS_PROFILE: 'mfa', AWS_DEFAULT_PROFILE: 'dev'},
        credentialsText: `${MFA}[dev]\naws_access_key_id = AKIADEV00000000003\naws_secret_access_key = s\n`,
      }),
      'profile-vs-default-profile',
    );
    expect(c?.message).toMatch(
      /the AWS CLI v2 and the Go SDK use mfa, boto3 and the AWS CLI v1 use dev/,
    );
    expect(c?.fix).toBe('Run `unset AWS_DEFAULT_PROFILE` (or set both to the same profile).');
  });

  it('only AWS_ACCESS_KEY_ID', () => {
    const c = byId(conflicts({env: {AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004'}}), 'partial-env-keys');
    expect(c?.severity).toBe('error');
    expect(c?.message).toContain('"Partial credentials found in env"');
    expect(c?.fix).toContain('unset AWS_ACCESS_KEY_ID');
  });

  it('AWS_SECURITY_TOKEN that differs from AWS_SESSION_TOKEN', () => {
    const c = byId(
      conflicts({env: {...ENV, AWS_SECURITY_TOKEN: 'old', AWS_SESSION_TOKEN: 'new'}}),
      'security-token',
    );
    expect(c?.message).toContain('a stale one breaks only the Python clients');
    expect(c?.fix).toBe('Run `unset AWS_SECURITY_TOKEN`.');
    expect(
      byId(
        conflicts({env: {...ENV, AWS_SECURITY_TOKEN: 'same', AWS_SESSION_TOKEN: 'same'}}),
        'security-token',
      ),
    ).toBeUndefined();
  });

  it('environment web identity plus AWS_PROFILE', () => {
    const c = byId(
      conflicts({
        env: {
          AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
          AWS_ROLE_ARN: 'arn:aws:iam::1:role/w',
          AWS_PROFILE: 'mfa',
        },
        credentialsText: MFA,
      }),
      'web-identity-vs-profile',
    );
    expect(c?.message).toContain('the JS SDK uses profile mfa');
  });

  it('a session token next to long-term keys, in the environment and in a file', () => {
    expect(
      byId(conflicts({env: {...ENV, AWS_SESSION_TOKEN: 't'}}), 'env-token-with-long-term-key')
        ?.severity,
    ).toBe('error');
    const c = byId(
      conflicts({
        credentialsText:
          '[default]\naws_access_key_id = AKIALONGTERM000001\naws_secret_access_key = s\naws_session_token = t\n',
      }),
      'token-with-long-term-key-default',
    );
    expect(c?.message).toContain('aws_session_token next to the long-term key …0001');
    expect(c?.fix).toContain('Remove aws_session_token from [default] in /home/u/.aws/credentials');
  });

  // botocore sends aws_security_token, the JS and Go SDKs aws_session_token: the fix names both.
  it('names every token key a client sends when a section holds both', () => {
    const c = byId(
      conflicts({
        credentialsText:
          '[default]\naws_access_key_id = AKIALONGTERM000001\naws_secret_access_key = s\n' +
          'aws_session_token = t\naws_security_token = u\n',
      }),
      'token-with-long-term-key-default',
    );
    expect(c).toMatchObject({
      code: 'token-with-long-term-key',
      token: 'aws_security_token and aws_session_token',
    });
  });

  // An empty token is sent by no client: removing the one with a value is the fix, and an empty one
  // alone is no conflict.
  it('names only token keys with a value', () => {
    const key = '[default]\naws_access_key_id = AKIALONGTERM000001\naws_secret_access_key = s\n';
    const c = byId(
      conflicts({credentialsText: `${key}aws_security_token =\naws_session_token = t\n`}),
      'token-with-long-term-key-default',
    );
    expect(c?.fix).toContain('Remove aws_session_token from [default]');
    expect(
      byId(
        conflicts({credentialsText: `${key}aws_security_token =\n`}),
        'token-with-long-term-key-default',
      ),
    ).toBeUndefined();
  });

  it('session keys in the environment break a renewal', () => {
    const c = byId(
      conflicts({
        env: {
          AWS_ACCESS_KEY_ID: 'ASIASESSIONENV0005',
          AWS_SECRET_ACCESS_KEY: 's',
          AWS_SESSION_TOKEN: 't',
        },
      }),
      'env-session-breaks-renewal',
    );
    expect(c?.message).toContain('Cannot call GetSessionToken with session credentials');
    expect(c?.fix).toContain('`unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN`');
  });
});

describe('profiles named by the environment', () => {
  it('AWS_PROFILE naming a missing profile', () => {
    const c = byId(
      conflicts({env: {AWS_PROFILE: 'nope'}, credentialsText: MFA}),
      'missing-profile-aws_profile',
    );
    expect(c?.severity).toBe('error');
    expect(c?.message).toContain('AWS_PROFILE=nope names a profile that is in neither file');
    expect(c?.fix).toContain('`unset AWS_PROFILE`');
  });

  it('AWS_DEFAULT_PROFILE naming a missing profile', () => {
    const c = byId(
      conflicts({env: {AWS_DEFAULT_PROFILE: 'nope'}, credentialsText: MFA}),
      'missing-profile-aws_default_profile',
    );
    expect(c?.message).toContain('AWS_DEFAULT_PROFILE=nope');
    expect(c?.message).toContain('the Go SDK v2 ignores it');
  });

  it('AWS_PROFILE set but empty', () => {
    expect(
      byId(conflicts({env: {AWS_PROFILE: ''}, credentialsText: MFA}), 'empty-aws_profile')?.fix,
    ).toBe('Run `unset AWS_PROFILE`.');
  });

  it('a profile only some clients can see', () => {
    const c = byId(
      conflicts({
        env: {AWS_PROFILE: 'foo'},
        configText:
          '[profile.foo]\naws_access_key_id = AKIACONFIG00000003\naws_secret_access_key = s\n',
      }),
      'missing-profile-aws_profile',
    );
    expect(c?.message).toContain('only some clients can see');
  });
});

describe('parser differences that change an outcome', () => {
  it('a file botocore cannot parse names the line and the fix', () => {
    const c = byId(
      conflicts({
        credentialsText:
          '[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n[default]\nregion = r\n',
      }),
      'parse-error-credentials',
    );
    expect(c?.message).toMatch(
      /^\/home\/u\/\.aws\/credentials, line 4: section \[default\] appears twice/,
    );
    expect(c?.fix).toBe('Merge the two [default] sections into one.');
    // Regression: the cause named the colon on the repeated key's line, not the repeat botocore refuses.
    expect(
      byId(
        conflicts({
          credentialsText: '[default]\naws_access_key_id = AKIA1\nAWS_ACCESS_KEY_ID: AKIA2\n',
        }),
        'parse-error-credentials',
      )?.fix,
    ).toBe('Delete one of the two aws_access_key_id lines.');
    expect(
      byId(conflicts({credentialsText: '\uFEFF[default]\nk = v\n'}), 'parse-error-credentials')
        ?.fix,
    ).toBe('Save the file as UTF-8 without a byte-order mark.');
  });

  it.each([
    [
      'an inline comment',
      '[default]\naws_access_key_id = AKIAEXAMPLE0000001 # old\naws_secret_access_key = s\n',
      /inline comment/,
      'Move the comment on line 2 to a line of its own.',
    ],
    [
      'upper-case keys',
      '[default]\nAWS_ACCESS_KEY_ID = AKIAEXAMPLE0000001\nAWS_SECRET_ACCESS_KEY = s\n',
      /upper-case/,
      'write the key on line 2 as aws_access_key_id',
    ],
    [
      'key: value',
      '[default]\naws_access_key_id: AKIAEXAMPLE0000001\naws_secret_access_key: s\n',
      /colon/,
      'write line 2 as aws_access_key_id = …',
    ],
    [
      '[DEFAULT]',
      '[DEFAULT]\naws_access_key_id = AKIAEXAMPLE0000001\naws_secret_access_key = s\n[default]\nregion = r\n',
      /\[DEFAULT\]/,
      'delete [DEFAULT]',
    ],
    [
      'an indented line',
      '[default]\naws_access_key_id = AKIAEXAMPLE0000001\n  aws_secret_access_key = s\n',
      /indented line/,
      'remove the indentation on line 3',
    ],
    [
      'a quoted value (only the Go SDK removes the quotes)',
      '[default]\naws_access_key_id = "AKIAEXAMPLE0000001"\naws_secret_access_key = s\n',
      /quoted/,
      'remove the quotes on line 2',
    ],
  ])('%s in the credentials file', (_name, text, cause, fix) => {
    const c = byId(conflicts({credentialsText: text}), 'parser-difference-credentials-default');
    expect(c?.message).toMatch(cause);
    expect(c?.fix.toLowerCase()).toContain(fix.toLowerCase());
  });

  it('a conflict keeps what a lint hit says (line, message, fix), not the hit itself', () => {
    const parse = byId(
      conflicts({credentialsText: '[default]\nk = v\n[default]\nregion = r\n'}),
      'parse-error-credentials',
    );
    expect(parse?.code === 'parse-error' && parse.cause).toEqual({
      line: 3,
      message: expect.any(String),
      fix: 'merge the two [default] sections into one',
    });
    const differ = byId(
      conflicts({
        credentialsText:
          '[default]\naws_access_key_id = AKIAEXAMPLE0000001 # old\naws_secret_access_key = s\n',
      }),
      'parser-difference-credentials-default',
    );
    expect(differ?.code === 'parser-difference' && differ.causes).toEqual([
      {line: 2, message: expect.any(String), fix: expect.any(String)},
    ]);
  });

  it('[profile  foo] and [default] with [profile default] in the config file', () => {
    const foo = byId(
      conflicts({
        env: {AWS_PROFILE: 'foo'},
        configText:
          '[profile  foo]\naws_access_key_id = AKIAEXAMPLE0000001\naws_secret_access_key = s\n',
      }),
      'parser-difference-config-foo',
    );
    expect(foo?.message).toContain('the JS SDK does not see it at all');
    const twice = byId(
      conflicts({
        configText:
          '[profile default]\naws_access_key_id = AKIAEXAMPLE0000001\naws_secret_access_key = s\n[default]\naws_access_key_id = AKIAEXAMPLE0000002\naws_secret_access_key = s\n',
      }),
      'parser-difference-config-default',
    );
    expect(twice?.message).toContain('both [default] and [profile default]');
    expect(twice?.severity).toBe('error');
  });

  it('is silent when every client reads the relevant profile alike', () => {
    const list = conflicts({
      credentialsText:
        '[default]\naws_access_key_id = AKIAEXAMPLE0000001\naws_secret_access_key = s\n[other]\nregion = r # note\n',
    });
    expect(ids(list).filter((id) => id.startsWith('parser-difference'))).toEqual([]);
  });

  it('a [__proto__] section makes the JS SDK ignore the file', () => {
    expect(
      byId(
        conflicts({credentialsText: '[default]\nk = v\n[__proto__]\n'}),
        'js-ignores-credentials',
      )?.severity,
    ).toBe('error');
  });
});

describe('files and sessions', () => {
  it('the same profile in both files with different keys', () => {
    const c = byId(
      conflicts({
        credentialsText: '[p]\naws_access_key_id = AKIACREDS000000001\naws_secret_access_key = a\n',
        configText:
          '[profile p]\naws_access_key_id = AKIACONFIG00000002\naws_secret_access_key = b\n',
      }),
      'profile-in-both-files-p',
    );
    expect(c?.message).toContain(
      'aws_access_key_id (…0001 in credentials, …0002 in config) and aws_secret_access_key',
    );
    expect(c?.fix).toBe(
      'Remove aws_access_key_id and aws_secret_access_key from [profile p] in /home/u/.aws/config so only the credentials file sets them.',
    );
  });

  it('half a pair in the credentials file', () => {
    const c = byId(
      conflicts({
        env: {AWS_PROFILE: 'p'},
        credentialsText: '[p]\naws_access_key_id = AKIACREDS000000001\n',
        configText: '[profile p]\naws_secret_access_key = b\n',
      }),
      'half-pair-p',
    );
    expect(c?.severity).toBe('error');
    expect(c?.message).toContain(
      "the JS SDK builds a pair with the config file's aws_secret_access_key",
    );
  });

  it('a credentials file readable by group or others', () => {
    expect(
      byId(
        conflicts({credentialsText: MFA, credentialsMode: 0o100644}),
        'credentials-file-readable',
      ),
    ).toMatchObject({
      code: 'credentials-file-readable',
      path: '/home/u/.aws/credentials',
      mode: 0o644,
      readers: ['group', 'others'],
      message: '/home/u/.aws/credentials is readable by group and others (mode 644).',
      fix: 'Run `chmod 600 /home/u/.aws/credentials`.',
    });
    expect(
      byId(
        conflicts({credentialsText: MFA, credentialsMode: 0o100640}),
        'credentials-file-readable',
      )?.message,
    ).toContain('readable by group (mode 640)');
    expect(
      byId(
        conflicts({credentialsText: MFA, credentialsMode: 0o100600}),
        'credentials-file-readable',
      ),
    ).toBeUndefined();
  });

  it('the winner’s session expired or expiring, in a file or in the environment', () => {
    const session = (expiration: string) =>
      `[s]\naws_access_key_id = ASIASESSION0000001\naws_secret_access_key = s\naws_session_token = t\nexpiration = ${expiration}\n`;
    const expired = byId(
      conflicts({env: {AWS_PROFILE: 's'}, credentialsText: session('2026-06-01 09:00:00')}),
      'expired-shared-credentials-file-s',
    );
    expect(expired).toMatchObject({severity: 'error', fix: 'Run `mfa-tui renew s`.'});
    expect(expired?.message).toContain('it expired 3h 00m ago');
    const expiring = byId(
      conflicts({env: {AWS_PROFILE: 's'}, credentialsText: session('2026-06-01 12:10:00')}),
      'expiring-shared-credentials-file-s',
    );
    expect(expiring?.message).toContain('it expires in 10m');
    const env = byId(
      conflicts({
        env: {
          AWS_ACCESS_KEY_ID: 'ASIAENV00000000005',
          AWS_SECRET_ACCESS_KEY: 's',
          AWS_SESSION_TOKEN: 't',
          AWS_CREDENTIAL_EXPIRATION: '2026-06-01T11:00:00Z',
        },
      }),
      'expired-env-env',
    );
    expect(env?.message).toMatch(/^The environment keys \(…0005\)/);
  });

  it('an expired session behind a role', () => {
    const list = conflicts({
      env: {AWS_PROFILE: 'admin'},
      credentialsText:
        '[mfa]\naws_access_key_id = ASIASESSION0000001\naws_secret_access_key = s\naws_session_token = t\nexpiration = 2026-06-01 09:00:00\n',
      configText: '[profile admin]\nrole_arn = arn:aws:iam::1:role/Admin\nsource_profile = mfa\n',
    });
    expect(byId(list, 'expired-shared-credentials-file-mfa')?.message).toContain(
      'signs the AssumeRole call for arn:aws:iam::1:role/Admin',
    );
  });

  it('errors come before warnings and infos', () => {
    const list = conflicts({
      env: {...ENV, AWS_PROFILE: 'nope', AWS_SECRET_ACCESS_KEY: 's'},
      credentialsText: MFA,
      credentialsMode: 0o644,
    });
    const order = list.map((c) => c.severity);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(order[0]).toBe('error');
  });
});

describe('secrets never leave the engine', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9/+]{30,40}$/);
  const keyId = fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/);
  const layout = fc.constantFrom(
    (k: string, s: string, t: string) => ({
      credentialsText: `[default]\naws_access_key_id = ${k}\naws_secret_access_key = ${s}\naws_session_token = ${t}\n`,
    }),
    (k: string, s: string, t: string) => ({
      credentialsText: `[default]\nAWS_ACCESS_KEY_ID = ${k} # c\nAWS_SECRET_ACCESS_KEY = ${s}\naws_session_token: ${t}\n`,
    }),
    (k: string, s: string, t: string) => ({
      credentialsText: `[p]\naws_access_key_id = ${k}\n`,
      configText: `[profile p]\naws_secret_access_key = ${s}\naws_session_token = ${t}\n`,
      env: {AWS_PROFILE: 'p'},
    }),
    (k: string, s: string, t: string) => ({
      credentialsText: `[p]\naws_access_key_id = ${k}\naws_secret_access_key = ${s}\n`,
      configText: `[profile p]\naws_access_key_id = ${k}X\naws_secret_access_key = ${t}\n`,
      env: {AWS_PROFILE: 'p'},
    }),
    (k: string, s: string, t: string) => ({
      env: {
        AWS_ACCESS_KEY_ID: k,
        AWS_SECRET_ACCESS_KEY: s,
        AWS_SESSION_TOKEN: t,
        AWS_SECURITY_TOKEN: `${t}old`,
        AWS_PROFILE: 'x',
      },
    }),
    (k: string, s: string, t: string) => ({
      env: {AWS_ACCESS_KEY_ID: k, AWS_SESSION_TOKEN: t},
      credentialsText: `[default]\naws_secret_access_key = ${s}\n[default]\n`,
    }),
    (k: string, s: string, t: string) => ({
      credentialsText: `[default]\naws_access_key_id = ${k}\n  aws_secret_access_key = ${s}\n\taws_session_token = ${t}\n`,
    }),
  );

  it('no secret access key, session token or full key id appears anywhere in the result', () => {
    fc.assert(
      fc.property(keyId, secret, secret, layout, fc.boolean(), (k, s, t, make, explicit) => {
        const input = make(k, s, t) as Partial<PrecedenceInput>;
        const result = resolvePrecedence({
          now,
          warnSeconds: 900,
          credentialsMode: 0o644,
          ...input,
          ...(explicit ? {explicitProfile: 'p'} : {}),
          env: {AWS_EC2_METADATA_DISABLED: 'true', ...input.env},
        });
        const text = JSON.stringify([result, precedenceJson(result)]);
        expect(text).not.toContain(s);
        expect(text).not.toContain(t);
        expect(text).not.toContain(k);
      }),
      {numRuns: 300},
    );
  });
});

describe('no false alarms', () => {
  it('no credentials anywhere is told once, unless a client stopped before its providers', () => {
    expect(ids(conflicts({}))).toEqual(['no-credentials']);
    const stopped = conflicts({
      env: {AWS_CONTAINER_CREDENTIALS_FULL_URI: ''},
      configText: 'junk\n',
    });
    expect(ids(stopped)).toContain('parse-error-config');
    expect(ids(stopped)).not.toContain('no-credentials');
  });

  it('an empty [default] (dropped by the JS SDK) is not a parser difference', () => {
    expect(
      ids(
        conflicts({
          configText: '[default]\n',
          credentialsText:
            '[default]\naws_access_key_id = AKIAEXAMPLE0000001\naws_secret_access_key = s\n',
        }),
      ),
    ).toEqual([]);
  });
});
