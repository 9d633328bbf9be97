import {describe, expect, it} from 'vitest';
import {planRenewal, sessionKeys, type PlanInputs} from '../../source/core/renew-plan.js';
import type {FileSection} from '../../source/core/profiles.js';

const AKIA = 'AKIAIOSFODNN7EXAMPLE';
const ASIA = 'ASIAIOSFODNN7SESSION';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const s = (profile: string, keys: Record<string, string>): FileSection => ({
  profile,
  keys,
  line: 1,
});
const longTerm = (extra: Record<string, string> = {}) => ({
  aws_access_key_id: AKIA,
  aws_secret_access_key: SECRET,
  ...extra,
});
const session = {aws_access_key_id: ASIA, aws_secret_access_key: SECRET, aws_session_token: 't'};
const inputs = (credentials: FileSection[], config: FileSection[] = []): PlanInputs => ({
  credentials,
  config,
  mappings: {},
  serials: {},
  defaultDurationSeconds: 43_200,
});

const code = (r: ReturnType<typeof planRenewal>) => (r.ok ? 'ok' : r.error.code);

describe('planRenewal', () => {
  it('renews a long-term profile into its conventional target', () => {
    const r = planRenewal(
      {profile: 'default'},
      inputs([s('default', longTerm({mfa_serial: SERIAL}))]),
    );
    expect(
      r.ok && [r.value.source, r.value.target, r.value.serial, r.value.durationSeconds],
    ).toEqual(['default', 'mfa', SERIAL, 43_200]);
  });
  it('finds the source when asked to renew a target (aws-mfa convention)', () => {
    const r = planRenewal(
      {profile: 'work'},
      inputs(
        [s('work-long-term', longTerm()), s('work', session)],
        [s('work-long-term', {mfa_serial: SERIAL})],
      ),
    );
    expect(r.ok && [r.value.source, r.value.target, r.value.serialFrom]).toEqual([
      'work-long-term',
      'work',
      'config-file',
    ]);
  });
  it('refuses session credentials as source', () => {
    expect(code(planRenewal({profile: 'orphan'}, inputs([s('orphan', session)])))).toBe(
      'source-is-session',
    );
    expect(
      code(
        planRenewal(
          {profile: 'x', serial: SERIAL},
          inputs([s('x', {...session, aws_session_token: 'y'})]),
        ),
      ),
    ).toBe('source-is-session');
  });
  it('refuses to write a session over long-term keys', () => {
    const r = planRenewal(
      {profile: 'default', target: 'prod', serial: SERIAL},
      inputs([s('default', longTerm()), s('prod', longTerm())]),
    );
    expect(code(r)).toBe('target-is-long-term');
  });
  it('refuses a target whose session the AWS CLI would never use (a role, SSO, web identity)', () => {
    for (const keys of <Record<string, string>[]>[
      {role_arn: 'arn:aws:iam::1:role/Admin', source_profile: 'default'},
      {sso_session: 'corp', sso_account_id: '1', sso_role_name: 'R'},
      {web_identity_token_file: '/t', role_arn: 'arn:aws:iam::1:role/W'},
    ]) {
      const r = planRenewal(
        {profile: 'default', target: 'admin', serial: SERIAL},
        inputs([s('default', longTerm())], [s('admin', keys)]),
      );
      expect(code(r), JSON.stringify(keys)).toBe('target-shadowed');
      if (!r.ok) expect(r.error.remedy).toMatchObject({flag: '--target', suggested: 'default-mfa'});
    }
  });
  it('sends an SSO profile to `aws sso login` instead of planning a renewal', () => {
    const sso = planRenewal(
      {profile: 'dev'},
      inputs([], [s('dev', {sso_session: 'corp', sso_account_id: '1', sso_role_name: 'R'})]),
    );
    expect(code(sso)).toBe('sso-login-needed');
    if (!sso.ok) expect(sso.error.fix).toContain('aws sso login --sso-session corp');
    const legacy = planRenewal(
      {profile: 'old'},
      inputs([], [s('old', {sso_start_url: 'https://x.awsapps.com/start', sso_role_name: 'R'})]),
    );
    if (!legacy.ok) expect(legacy.error.fix).toContain('aws sso login --profile old');
    expect(code(legacy)).toBe('sso-login-needed');
  });
  // Regression: sso_session alone made classify call a profile SSO, but botocore's SSO provider
  // takes a profile only with sso_role_name or sso_account_id; the AWS CLI uses its keys.
  it('renews into and from a profile with sso_session but no SSO role, as the AWS CLI uses its keys', () => {
    const own = planRenewal(
      {profile: 'x', serial: SERIAL},
      inputs([s('x', longTerm())], [s('x', {sso_session: 'corp'})]),
    );
    expect(code(own)).toBe('ok');
    const into = planRenewal(
      {profile: 'default', target: 'x-mfa', serial: SERIAL},
      inputs([s('default', longTerm())], [s('x-mfa', {sso_session: 'corp'})]),
    );
    expect(code(into)).toBe('ok');
  });
  // Regression: a lone secret in the credentials file hid the config file's key pair, which botocore uses.
  it('signs with the config file key pair when the credentials file has only a secret', () => {
    const r = planRenewal(
      {profile: 'p', serial: SERIAL},
      inputs([s('p', {aws_secret_access_key: 'lone'})], [s('p', longTerm())]),
    );
    expect(r.ok && r.value.credentials).toEqual({accessKeyId: AKIA, secretAccessKey: SECRET});
  });
  it('refuses a section another tool manages unless forced', () => {
    const files = inputs([
      s('default', longTerm({mfa_serial: SERIAL})),
      s('mfa', {...session, manager: 'awsume'}),
    ]);
    expect(code(planRenewal({profile: 'default'}, files))).toBe('target-managed');
    expect(code(planRenewal({profile: 'default', force: true}, files))).toBe('ok');
  });
  it('checks the serial and the duration before any call', () => {
    const files = inputs([s('default', longTerm())]);
    expect(code(planRenewal({profile: 'default'}, files))).toBe('mfa-serial-missing');
    expect(code(planRenewal({profile: 'default', serial: 'nope'}, files))).toBe(
      'mfa-serial-invalid',
    );
    expect(code(planRenewal({profile: 'default', serial: SERIAL, duration: '600'}, files))).toBe(
      'duration-out-of-range',
    );
    expect(code(planRenewal({profile: 'default', serial: SERIAL, duration: '1h30m'}, files))).toBe(
      'ok',
    );
  });
  it('caps root at one hour: refuses more, and defaults to it', () => {
    const root = 'arn:aws:iam::123456789012:mfa/root-account-mfa-device';
    const files = inputs([s('default', longTerm({mfa_serial: root}))]);
    expect(code(planRenewal({profile: 'default', duration: '2h'}, files))).toBe(
      'duration-out-of-range',
    );
    const r = planRenewal({profile: 'default'}, files);
    expect(r.ok && r.value.durationSeconds).toBe(3600);
  });
  it('says so when the profile does not exist', () => {
    expect(code(planRenewal({profile: 'ghost'}, inputs([])))).toBe('profile-not-found');
  });
});

describe('sessionKeys', () => {
  it('writes the three keys and both expiry forms, dropping a stale aws_security_token', () => {
    const keys = sessionKeys(
      {
        accessKeyId: ASIA,
        secretAccessKey: SECRET,
        sessionToken: 'tok',
        expiration: new Date('2026-11-29T00:30:00.000Z'),
      },
      {aws_security_token: 'old'},
    );
    expect(keys.set).toEqual({
      aws_access_key_id: ASIA,
      aws_secret_access_key: SECRET,
      aws_session_token: 'tok',
      expiration: '2026-11-29 00:30:00',
      x_security_token_expires: '2026-11-29T00:30:00Z',
    });
    expect(keys.remove).toEqual(['aws_security_token']);
  });
});
