// Per-client models. boto3 / the AWS CLI v1 and the Go SDK are not run here, so their tests pin the
// facts from the reference and from their source; the CLI v2 and JS SDK also have oracle tests.
import {describe, expect, it} from 'vitest';
import {
  linkReason,
  resolvePrecedence,
  type ClientId,
  type ClientResult,
  type PrecedenceInput,
} from '../../../source/core/precedence/index.js';

const now = new Date('2026-06-01T12:00:00Z');

function run(input: Partial<PrecedenceInput>): Record<ClientId, ClientResult> {
  const result = resolvePrecedence({
    now,
    warnSeconds: 900,
    ...input,
    env: {AWS_EC2_METADATA_DISABLED: 'true', ...input.env},
  });
  return Object.fromEntries(result.clients.map((c) => [c.client, c])) as Record<
    ClientId,
    ClientResult
  >;
}

const winner = (c: ClientResult) => ({
  source: c.winner.source,
  profile: c.winner.profile,
  key: c.winner.accessKeyIdLast4,
  status: c.winner.status,
});

const CREDS = `[default]
aws_access_key_id = AKIADEFAULTKEY0001
aws_secret_access_key = s

[mfa]
aws_access_key_id = ASIAMFASESSIONK002
aws_secret_access_key = s
aws_session_token = t

[dev]
aws_access_key_id = AKIADEVKEY00000003
aws_secret_access_key = s
`;
const ENV = {
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004',
  AWS_SECRET_ACCESS_KEY: 's',
};

describe('boto3 / AWS CLI v1', () => {
  const boto = (input: Partial<PrecedenceInput>) => run(input)['aws-cli-v1/boto3'];

  it('takes AWS_DEFAULT_PROFILE before AWS_PROFILE (the CLI v2 the other way round)', () => {
    const r = run({
      env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'mfa', AWS_DEFAULT_PROFILE: 'dev'},
      credentialsText: CREDS,
    });
    expect(winner(r['aws-cli-v1/boto3'])).toMatchObject({
      source: 'shared-credentials-file',
      profile: 'dev',
      key: '0003',
    });
    expect(winner(r['aws-cli-v2'])).toMatchObject({profile: 'mfa', key: 'K002'});
    expect(r['aws-cli-v1/boto3'].profile.from).toBe('AWS_DEFAULT_PROFILE');
  });

  it('uses AWS_PROFILE when AWS_DEFAULT_PROFILE is not set', () => {
    expect(winner(boto({env: {AWS_PROFILE: 'mfa'}, credentialsText: CREDS}))).toMatchObject({
      profile: 'mfa',
      key: 'K002',
    });
  });

  it('lets environment keys beat AWS_PROFILE', () => {
    expect(winner(boto({env: {...ENV, AWS_PROFILE: 'mfa'}, credentialsText: CREDS}))).toEqual({
      source: 'env',
      profile: null,
      key: 'T004',
      status: 'used',
    });
  });

  it('ignores environment keys when a profile is given explicitly', () => {
    const r = boto({env: ENV, credentialsText: CREDS, explicitProfile: 'dev'});
    expect(winner(r)).toMatchObject({source: 'shared-credentials-file', profile: 'dev'});
    expect(r.chain.find((l) => l.source === 'env')?.status).toBe('shadowed');
  });

  it('stops on AWS_ACCESS_KEY_ID without a secret', () => {
    const r = boto({env: {AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004'}, credentialsText: CREDS});
    expect(r.winner).toMatchObject({
      status: 'broken',
      source: 'env',
      reason: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
    });
  });

  it('sends AWS_SECURITY_TOKEN in preference to AWS_SESSION_TOKEN', () => {
    const r = boto({env: {...ENV, AWS_SECURITY_TOKEN: 'a', AWS_SESSION_TOKEN: 'b'}});
    expect(r.winner.sessionTokenVar).toBe('AWS_SECURITY_TOKEN');
  });

  it('fails on AWS_PROFILE="" and on a missing named profile, even with environment keys', () => {
    expect(boto({env: {AWS_PROFILE: ''}, credentialsText: CREDS}).winner).toMatchObject({
      status: 'broken',
      reason: 'The config profile () could not be found',
    });
    expect(boto({env: {...ENV, AWS_PROFILE: 'nope'}, credentialsText: CREDS}).winner).toMatchObject(
      {
        status: 'broken',
        reason: 'The config profile (nope) could not be found',
      },
    );
  });

  it('marks the links a stopped client never reaches with a code, and says so in words', () => {
    const r = boto({env: {...ENV, AWS_PROFILE: 'nope'}, credentialsText: CREDS});
    expect(r.winner.code).toBe('stopped');
    const env = r.chain.find((l) => l.source === 'env')!;
    expect(env).toMatchObject({status: 'shadowed', code: 'not-reached'});
    expect(linkReason(env, r.winner)).toBe(
      'AWS_ACCESS_KEY_ID (…T004) and AWS_SECRET_ACCESS_KEY; not reached: The config profile (nope) could not be found',
    );
  });

  it('marks the links after the winner, and tells a winner from a failure that stops the client', () => {
    const used = boto({
      env: {AWS_PROFILE: 'p'},
      credentialsText:
        '[p]\naws_access_key_id = AKIACREDS000000001\naws_secret_access_key = s\ncredential_process = /bin/creds\n',
    });
    const process = used.chain.find((l) => l.source === 'custom-process')!;
    expect(process.code).toBe('after-winner');
    expect(linkReason(process, used.winner)).toBe(
      'runs credential_process (split like a shell command line, no shell): /bin/creds; not used: shared-credentials-file comes first',
    );
    const failed = boto({env: {AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004'}, credentialsText: CREDS});
    expect(failed.winner.code).toBe('fails');
    const file = failed.chain.find((l) => l.source === 'shared-credentials-file')!;
    expect(file.code).toBe('after-failure');
    expect(linkReason(file, failed.winner)).toMatch(/; not used: env fails first$/);
    expect(boto({}).winner).toMatchObject({
      code: 'no-credentials',
      reason: 'Unable to locate credentials',
    });
  });

  it('fails on a file it cannot parse, even with environment keys', () => {
    const r = boto({
      env: ENV,
      credentialsText: CREDS,
      configText: 'region = x\n[default]\n',
      configPath: '/h/.aws/config',
    });
    expect(r.winner.status).toBe('broken');
    expect(r.winner.reason).toMatch(/^Unable to parse config file: \/h\/\.aws\/config \(line 1/);
    expect(r.chain.find((l) => l.source === 'env')?.status).toBe('shadowed');
  });

  it('fails on half a pair in the credentials file even when the config file has the pair', () => {
    const r = boto({
      env: {AWS_PROFILE: 'half'},
      credentialsText: '[half]\naws_access_key_id = AKIAHALF0000000009\n',
      configText:
        '[profile half]\naws_access_key_id = AKIACONFIG00000003\naws_secret_access_key = s\n',
    });
    expect(r.winner).toMatchObject({status: 'broken', source: 'shared-credentials-file'});
    expect(r.winner.reason).toMatch(
      /^Partial credentials found in shared-credentials-file, missing: aws_secret_access_key/,
    );
  });

  it('validates role profiles the way botocore does', () => {
    const role = (body: string) =>
      boto({
        explicitProfile: 'r',
        credentialsText: CREDS,
        configText: `[profile r]\nrole_arn = arn:aws:iam::1:role/x\n${body}`,
      }).winner;
    expect(role('source_profile = dev\n')).toMatchObject({
      status: 'used',
      source: 'assume-role',
      via: {profile: 'dev', accessKeyIdLast4: '0003'},
    });
    expect(role('')).toMatchObject({
      status: 'broken',
      reason:
        'Partial credentials found in assume-role, missing: source_profile or credential_source',
    });
    expect(role('source_profile = dev\ncredential_source = Environment\n').reason).toBe(
      'The profile "r" contains both source_profile and credential_source.',
    );
    expect(role('credential_source = Somewhere\n').reason).toBe(
      'The credential source "Somewhere" referenced in profile "r" is not valid.',
    );
    expect(role('source_profile = gone\n').reason).toBe(
      'The source_profile "gone" referenced in the profile "r" does not exist.',
    );
  });

  it('detects a source_profile loop', () => {
    const r = boto({
      explicitProfile: 'a',
      configText:
        '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n',
    });
    expect(r.winner.reason).toMatch(/^Infinite loop in credential configuration detected/);
  });

  it('prefers environment web identity over AWS_PROFILE with static keys', () => {
    const r = boto({
      env: {
        AWS_PROFILE: 'dev',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
        AWS_ROLE_ARN: 'arn:aws:iam::1:role/w',
      },
      credentialsText: CREDS,
    });
    expect(r.winner).toMatchObject({
      source: 'web-identity',
      profile: null,
      roleArn: 'arn:aws:iam::1:role/w',
      status: 'used',
    });
  });

  it('takes the later of [default] and [profile default]', () => {
    const r = boto({
      configText:
        '[default]\naws_access_key_id = AKIAPLAIN000000001\naws_secret_access_key = s\n[profile default]\naws_access_key_id = AKIAPREFIXED000002\naws_secret_access_key = s\n',
    });
    expect(winner(r)).toMatchObject({source: 'config-file', key: '0002'});
  });

  it('reads static keys from the credentials file before credential_process and the config file', () => {
    const r = boto({
      env: {AWS_PROFILE: 'p'},
      credentialsText: '[p]\naws_access_key_id = AKIACREDS000000001\naws_secret_access_key = s\n',
      configText:
        '[profile p]\ncredential_process = /bin/creds\naws_access_key_id = AKIACONFIG00000002\naws_secret_access_key = s\n',
    });
    expect(r.chain.map((l) => `${l.source}:${l.status}`)).toEqual([
      'env:absent',
      'assume-role:absent',
      'web-identity:absent',
      'sso:absent',
      'shared-credentials-file:used',
      'custom-process:shadowed',
      'config-file:shadowed',
      'container:absent',
      'imds:absent',
    ]);
  });

  it('turns IMDS off only for AWS_EC2_METADATA_DISABLED=true in any case', () => {
    expect(boto({env: {AWS_EC2_METADATA_DISABLED: 'TRUE'}}).winner.source).toBe('none');
    expect(boto({env: {AWS_EC2_METADATA_DISABLED: '1'}}).winner.source).toBe('imds');
  });

  it('sees [DEFAULT] keys in every section of the credentials file', () => {
    const r = boto({
      env: {AWS_PROFILE: 'x'},
      credentialsText:
        '[DEFAULT]\naws_access_key_id = AKIAINHERITED00001\naws_secret_access_key = s\n[x]\nregion = r\n',
    });
    expect(winner(r)).toMatchObject({source: 'shared-credentials-file', profile: 'x', key: '0001'});
    // The key's line is [DEFAULT]'s, and the words say so.
    expect(r.winner.reason).toBe(
      'aws_access_key_id (…0001) in [DEFAULT] (copied into [x]), line 2',
    );
  });
});

describe('Go SDK v2', () => {
  const go = (input: Partial<PrecedenceInput>) => run(input)['go-sdk-v2'];

  it('lets environment keys beat AWS_PROFILE, and reads AWS_ACCESS_KEY / AWS_SECRET_KEY too', () => {
    expect(winner(go({env: {...ENV, AWS_PROFILE: 'mfa'}, credentialsText: CREDS}))).toMatchObject({
      source: 'env',
      key: 'T004',
    });
    expect(
      winner(
        go({
          env: {
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_ACCESS_KEY: 'AKIALEGACYNAME0005',
            AWS_SECRET_KEY: 's',
          },
        }),
      ),
    ).toMatchObject({
      source: 'env',
      key: '0005',
    });
  });

  it('falls through silently when only AWS_ACCESS_KEY_ID is set', () => {
    expect(
      winner(go({env: {AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004'}, credentialsText: CREDS})),
    ).toMatchObject({source: 'shared-credentials-file', profile: 'default'});
  });

  it('ignores AWS_SECURITY_TOKEN', () => {
    expect(go({env: {...ENV, AWS_SECURITY_TOKEN: 'x'}}).winner.sessionTokenVar).toBeUndefined();
  });

  it('takes AWS_PROFILE before AWS_DEFAULT_PROFILE, and treats AWS_PROFILE="" as unset', () => {
    expect(
      go({env: {AWS_PROFILE: 'mfa', AWS_DEFAULT_PROFILE: 'dev'}, credentialsText: CREDS}).winner
        .profile,
    ).toBe('mfa');
    expect(
      go({env: {AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'dev'}, credentialsText: CREDS}).winner
        .profile,
    ).toBe('dev');
    expect(go({env: {AWS_PROFILE: ''}, credentialsText: CREDS}).winner.profile).toBe('default');
  });

  it('fails when AWS_PROFILE names a missing profile (even with env keys), but forgives AWS_DEFAULT_PROFILE', () => {
    expect(go({env: {...ENV, AWS_PROFILE: 'nope'}, credentialsText: CREDS}).winner).toMatchObject({
      status: 'broken',
      reason: 'failed to get shared config profile, nope',
    });
    expect(go({env: {AWS_DEFAULT_PROFILE: 'nope'}, credentialsText: CREDS}).winner).toMatchObject({
      status: 'broken',
      source: 'none',
    });
    expect(go({env: {AWS_DEFAULT_PROFILE: 'nope'}}).winner.reason).toMatch(/IMDS is disabled/);
  });

  it('prefers environment web identity over the profile', () => {
    expect(
      go({
        env: {
          AWS_PROFILE: 'dev',
          AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
          AWS_ROLE_ARN: 'arn:aws:iam::1:role/w',
        },
        credentialsText: CREDS,
      }).winner,
    ).toMatchObject({
      source: 'web-identity',
      status: 'used',
    });
    expect(go({env: {AWS_WEB_IDENTITY_TOKEN_FILE: '/t'}}).winner).toMatchObject({
      source: 'web-identity',
      status: 'broken',
    });
  });

  it('fails on half a pair in the credentials file, and replaces keys only as a pair', () => {
    const config =
      '[profile p]\naws_access_key_id = AKIACONFIG00000003\naws_secret_access_key = s\n';
    expect(
      go({
        env: {AWS_PROFILE: 'p'},
        credentialsText: '[p]\naws_access_key_id = AKIAHALF0000000009\n',
        configText: config,
      }).winner.reason,
    ).toMatch(/partial credentials found for profile p/);
    expect(
      winner(
        go({
          env: {AWS_PROFILE: 'p'},
          credentialsText:
            '[p]\naws_access_key_id = AKIACREDS000000001\naws_secret_access_key = t\n',
          configText: config,
        }),
      ),
    ).toMatchObject({source: 'shared-credentials-file', key: '0001'});
  });

  it('applies role_arn on top of the same profile’s static keys (botocore refuses this)', () => {
    const r = run({
      explicitProfile: 'r',
      configText:
        '[profile r]\nrole_arn = arn:aws:iam::1:role/x\naws_access_key_id = AKIAOWNKEYS0000007\naws_secret_access_key = s\n',
    });
    expect(r['go-sdk-v2'].winner).toMatchObject({
      source: 'assume-role',
      status: 'used',
      via: {accessKeyIdLast4: '0007'},
    });
    expect(r['aws-cli-v2'].winner.status).toBe('broken');
  });

  it('assumes a role through source_profile, and fails on mfa_serial without a token provider', () => {
    const config = '[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = dev\n';
    expect(
      go({explicitProfile: 'r', credentialsText: CREDS, configText: config}).winner,
    ).toMatchObject({source: 'assume-role', via: {profile: 'dev', accessKeyIdLast4: '0003'}});
    expect(
      go({
        explicitProfile: 'r',
        credentialsText: CREDS,
        configText: `${config}mfa_serial = arn:aws:iam::1:mfa/me\n`,
      }).winner,
    ).toMatchObject({
      status: 'broken',
      reason: 'assume role with MFA enabled, but AssumeRoleTokenProvider session option not set.',
    });
  });

  it('rejects conflicting or incomplete credential settings when loading', () => {
    const load = (body: string) =>
      go({explicitProfile: 'r', credentialsText: CREDS, configText: `[profile r]\n${body}`}).winner
        .reason;
    expect(
      load('role_arn = arn:aws:iam::1:role/x\nsource_profile = dev\ncredential_process = /bin/x\n'),
    ).toMatch(/only one credential type/);
    expect(load('source_profile = dev\n')).toBe(
      'credential type source_profile requires role_arn, profile r',
    );
    expect(load('role_arn = arn:aws:iam::1:role/x\nsource_profile = gone\n')).toMatch(
      /failed to load assume role arn:aws:iam::1:role\/x, of profile gone/,
    );
  });

  it('drops [profile x] from the credentials file and prefers [profile default] over [default]', () => {
    expect(
      go({
        env: {AWS_PROFILE: 'x'},
        credentialsText:
          '[profile x]\naws_access_key_id = AKIAX0000000000001\naws_secret_access_key = s\n',
      }).winner.status,
    ).toBe('broken');
    const r = go({
      configText:
        '[profile default]\naws_access_key_id = AKIAPREFIXED000002\naws_secret_access_key = s\n[default]\naws_access_key_id = AKIAPLAIN000000001\naws_secret_access_key = s\n',
    });
    expect(winner(r)).toMatchObject({source: 'config-file', key: '0002'});
  });

  it('runs credential_process, and uses nothing when IMDS is off and nothing is configured', () => {
    expect(go({configText: '[default]\ncredential_process = /bin/creds\n'}).winner).toMatchObject({
      source: 'custom-process',
      status: 'used',
    });
    expect(go({}).winner).toMatchObject({source: 'none', status: 'broken'});
  });

  it('loses the first section of a file that starts with a BOM', () => {
    expect(
      go({
        credentialsText:
          '\uFEFF[default]\naws_access_key_id = AKIADEFAULTKEY0001\naws_secret_access_key = s\n',
      }).winner.source,
    ).toBe('none');
  });

  it('never falls through: a profile’s SSO settings win over the environment’s container endpoint', () => {
    const r = go({
      env: {
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1/x',
      },
      configText:
        '[default]\nsso_start_url = https://x\nsso_region = r\nsso_account_id = 1\nsso_role_name = n\n',
    });
    expect(r.winner.source).toBe('sso');
    expect(r.chain.find((l) => l.source === 'container')?.status).toBe('absent');
  });
});

describe('JS SDK v3 and AWS CLI v2 specifics', () => {
  it('JS skips environment keys whenever AWS_PROFILE is set, and ignores AWS_DEFAULT_PROFILE', () => {
    const r = run({env: {...ENV, AWS_PROFILE: 'mfa'}, credentialsText: CREDS});
    expect(winner(r['js-sdk-v3'])).toMatchObject({
      source: 'shared-credentials-file',
      profile: 'mfa',
    });
    expect(winner(r['aws-cli-v2'])).toMatchObject({source: 'env'});
    expect(
      run({
        env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_DEFAULT_PROFILE: 'dev'},
        credentialsText: CREDS,
      })['js-sdk-v3'].winner.profile,
    ).toBe('default');
  });

  it('JS builds a hybrid pair from the two files', () => {
    const r = run({
      env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'h'},
      credentialsText: '[h]\naws_access_key_id = AKIAHALF0000000009\n',
      configText: '[profile h]\naws_secret_access_key = s\n',
    });
    expect(winner(r['js-sdk-v3'])).toMatchObject({
      source: 'shared-credentials-file',
      key: '0009',
      status: 'used',
    });
  });

  it('JS stops on a role with mfa_serial, but moves on past a role whose source is missing', () => {
    const mfa = run({
      explicitProfile: 'r',
      credentialsText: CREDS,
      configText:
        '[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = dev\nmfa_serial = arn:aws:iam::1:mfa/me\n',
    });
    expect(mfa['js-sdk-v3'].winner).toMatchObject({
      status: 'broken',
      reason:
        'Profile r requires multi-factor authentication, but no MFA code callback was provided.',
    });
    const missing = run({
      explicitProfile: 'r',
      configText:
        '[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = gone\ncredential_process = /bin/creds\n',
    });
    expect(missing['js-sdk-v3'].winner).toMatchObject({source: 'custom-process', status: 'used'});
    expect(missing['js-sdk-v3'].chain.find((l) => l.source === 'assume-role')?.status).toBe(
      'broken',
    );
  });

  it('SSO needs a token when the token cache is known', () => {
    const config =
      '[profile s]\nsso_start_url = https://x\nsso_region = r\nsso_account_id = 1\nsso_role_name = n\n';
    const missing = run({explicitProfile: 's', configText: config, ssoTokens: {}});
    expect(missing['aws-cli-v2'].winner).toMatchObject({
      status: 'broken',
      reason: 'Error loading SSO Token: Token for https://x does not exist',
    });
    expect(missing['js-sdk-v3'].winner.status).toBe('broken');
    const expired = run({
      explicitProfile: 's',
      configText: config,
      ssoTokens: {'https://x': '2020-01-01T00:00:00Z'},
    });
    expect(expired['aws-cli-v2'].winner.reason).toMatch(/expired/);
    const fine = run({
      explicitProfile: 's',
      configText: config,
      ssoTokens: {'https://x': '2099-01-01T00:00:00Z'},
    });
    expect(fine['aws-cli-v2'].winner).toMatchObject({source: 'sso', status: 'used'});
  });

  it('reports the expiry recorded next to session keys', () => {
    const r = run({
      env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 's'},
      credentialsText:
        '[s]\naws_access_key_id = ASIASESSION0000001\naws_secret_access_key = x\naws_session_token = t\nexpiration = 2026-06-01 13:00:00\n',
    });
    for (const c of Object.values(r))
      expect(c.winner).toMatchObject({kind: 'session', expiresAt: '2026-06-01T13:00:00Z'});
  });
});

describe('scale', () => {
  it('resolves a snapshot with 5000 profiles in each file', () => {
    const creds: string[] = [];
    const config: string[] = [];
    for (let i = 0; i < 5000; i++) {
      creds.push(
        `[p${i}]\naws_access_key_id = AKIA${String(i).padStart(14, '0')}\naws_secret_access_key = s\n`,
      );
      config.push(`[profile p${i}]\nregion = us-east-1\nmfa_serial = arn:aws:iam::1:mfa/u${i}\n`);
    }
    const r = run({
      env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'p4321'},
      credentialsText: creds.join('\n'),
      configText: config.join('\n'),
    });
    for (const c of Object.values(r))
      expect(winner(c)).toMatchObject({
        source: 'shared-credentials-file',
        profile: 'p4321',
        key: '4321',
      });
  });
});
