import {describe, expect, it} from 'vitest';
import type {FileSection} from '../../source/core/profiles.js';
import {roleCacheArgs, roleCacheKeyText} from '../../source/core/role-cache.js';
import {
  describeRoleSigning,
  isRoleProfile,
  planAnyRenewal,
  planRoleRenewal,
  type RolePlanInputs,
} from '../../source/core/role-plan.js';

const AKIA = 'AKIAIOSFODNN7EXAMPLE';
const ASIA = 'ASIAIOSFODNN7SESSION';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const ROLE = 'arn:aws:iam::123456789012:role/Admin';
const now = new Date('2030-01-01T12:00:00Z');
const s = (profile: string, keys: Record<string, string>): FileSection => ({
  profile,
  keys,
  line: 1,
});
const longTerm = {aws_access_key_id: AKIA, aws_secret_access_key: SECRET};
const session = (expires: Date | undefined) => ({
  aws_access_key_id: ASIA,
  aws_secret_access_key: 'sessionsecret',
  aws_session_token: 'token',
  ...(expires ? {x_security_token_expires: expires.toISOString()} : {}),
});
const role = (extra: Record<string, string> = {}) =>
  s('admin', {role_arn: ROLE, source_profile: 'default', mfa_serial: SERIAL, ...extra});
const inputs = (credentials: FileSection[], config: FileSection[]): RolePlanInputs => ({
  credentials,
  config,
  mappings: {},
  serials: {},
  now,
});
const later = new Date(now.getTime() + 5 * 3600e3);
const earlier = new Date(now.getTime() - 60e3);

describe('planRoleRenewal', () => {
  it('signs with the MFA session the source already holds: no code, one hour, role chaining', () => {
    const r = planRoleRenewal(
      {profile: 'admin'},
      inputs(
        [s('default', longTerm), s('mfa', session(later))],
        [role({duration_seconds: '7200'})],
      ),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      target: 'admin',
      source: 'default',
      signedBy: 'session',
      durationSeconds: 3600,
      chainingCapped: true,
      signer: {profile: 'mfa', accessKeyIdLast4: 'SION'},
    });
    expect(r.value.signer.credentials.sessionToken).toBe('token');
    expect(r.value.serial).toBeUndefined();
    // The cache key is what the AWS CLI computes from the profile, duration_seconds included.
    expect(r.value.cacheKeyText).toBe(
      roleCacheKeyText(
        roleCacheArgs({role_arn: ROLE, mfa_serial: SERIAL, duration_seconds: '7200'})!,
      ),
    );
    expect(describeRoleSigning(r.value)).toBe(
      'signed by the MFA session in mfa, no new code; role chaining caps it at 1 h',
    );
  });

  it('needs a code from the role’s mfa_serial when the session lapsed, or when asked for a new code or more than an hour', () => {
    const files = (expires: Date) =>
      inputs([s('default', longTerm), s('mfa', session(expires))], [role()]);
    for (const [request, expires] of [
      [{profile: 'admin'}, earlier],
      [{profile: 'admin', newCode: true}, later],
      [{profile: 'admin', duration: '2h'}, later],
    ] as const) {
      const r = planRoleRenewal(request, files(expires));
      expect(
        r.ok && [r.value.signedBy, r.value.signer.profile, r.value.serial, r.value.chainingCapped],
      ).toEqual(['code', 'default', SERIAL, false]);
      expect(r.ok && r.value.signer.credentials.sessionToken).toBeUndefined();
    }
    const two = planRoleRenewal({profile: 'admin', duration: '2h'}, files(earlier));
    expect(two.ok && two.value.durationSeconds).toBe(7200);
  });

  // Regression: a session with no expiry recorded is handed out by env, yet a role preferred the
  // long-term keys and a code over it.
  it('signs with a held session that has no expiry recorded, as env hands it out', () => {
    const r = planRoleRenewal(
      {profile: 'admin'},
      inputs([s('default', longTerm), s('mfa', session(undefined))], [role()]),
    );
    expect(r.ok && [r.value.signedBy, r.value.signer.profile]).toEqual(['session', 'mfa']);
  });

  it('a role without mfa_serial and no session is signed by the long-term keys alone', () => {
    const r = planRoleRenewal(
      {profile: 'reader'},
      inputs([s('default', longTerm)], [s('reader', {role_arn: ROLE, source_profile: 'default'})]),
    );
    expect(r.ok && [r.value.signedBy, r.value.serial]).toEqual(['keys', undefined]);
    expect(r.ok && r.value.roleSessionName).toBe(`mfa-tui-${now.getTime() / 1000}`);
  });

  it('a source_profile that is itself the session signs; its long-term source takes over when it lapsed', () => {
    const files = (expires: Date) =>
      inputs(
        [s('default', longTerm), s('mfa', session(expires))],
        [
          s('admin', {
            role_arn: ROLE,
            source_profile: 'mfa',
            mfa_serial: SERIAL,
            role_session_name: 'me',
          }),
        ],
      );
    const live = planRoleRenewal({profile: 'admin'}, files(later));
    expect(
      live.ok && [live.value.signedBy, live.value.signer.profile, live.value.roleSessionName],
    ).toEqual(['session', 'mfa', 'me']);
    const lapsed = planRoleRenewal({profile: 'admin'}, files(earlier));
    expect(lapsed.ok && [lapsed.value.signedBy, lapsed.value.signer.profile]).toEqual([
      'code',
      'default',
    ]);
  });

  it('takes mfa_process from the role, else from the long-term source', () => {
    const r = planRoleRenewal(
      {profile: 'admin'},
      inputs(
        [s('default', longTerm)],
        [role(), s('default', {mfa_process: 'ykman oath accounts code --single aws'})],
      ),
    );
    expect(r.ok && r.value.mfaProcess).toBe('ykman oath accounts code --single aws');
    const own = planRoleRenewal(
      {profile: 'admin'},
      inputs([s('default', longTerm)], [role({mfa_process: 'pass otp aws'})]),
    );
    expect(own.ok && own.value.mfaProcess).toBe('pass otp aws');
  });

  it('refuses what it cannot renew, before any call', () => {
    const code = (r: ReturnType<typeof planRoleRenewal>) => (r.ok ? 'ok' : r.error.code);
    expect(code(planRoleRenewal({profile: 'admin'}, inputs([], [role()])))).toBe(
      'profile-not-found',
    );
    expect(
      code(
        planRoleRenewal(
          {profile: 'admin'},
          inputs([], [s('admin', {role_arn: ROLE, credential_source: 'Ec2InstanceMetadata'})]),
        ),
      ),
    ).toBe('role-source-unsupported');
    expect(
      code(
        planRoleRenewal(
          {profile: 'admin'},
          inputs(
            [s('default', longTerm)],
            [
              role({source_profile: 'other'}),
              s('other', {role_arn: ROLE, source_profile: 'default'}),
            ],
          ),
        ),
      ),
    ).toBe('role-chain-unsupported');
    expect(
      code(
        planRoleRenewal(
          {profile: 'admin', duration: '13h'},
          inputs([s('default', longTerm)], [role()]),
        ),
      ),
    ).toBe('duration-out-of-range');
    expect(
      code(
        planRoleRenewal(
          {profile: 'admin', duration: '600'},
          inputs([s('default', longTerm)], [role()]),
        ),
      ),
    ).toBe('duration-out-of-range');
    expect(
      code(
        planRoleRenewal(
          {profile: 'admin'},
          inputs([s('default', longTerm)], [role({mfa_serial: 'nonsense'})]),
        ),
      ),
    ).toBe('mfa-serial-invalid');
  });

  it('names a broken role profile by the section its config file holds: [default], not [profile default]', () => {
    const fix = (name: string) => {
      const r = planRoleRenewal({profile: name}, inputs([], [s(name, {role_arn: ROLE})]));
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.fix}`;
    };
    expect(fix('default')).toBe('profile-broken: Fix [default] in the config file.');
    expect(fix('admin')).toBe('profile-broken: Fix [profile admin] in the config file.');
  });

  it('isRoleProfile sees role_arn in either file', () => {
    expect(isRoleProfile('admin', inputs([], [role()]))).toBe(true);
    expect(isRoleProfile('admin', inputs([s('admin', {role_arn: ROLE})], []))).toBe(true);
    expect(isRoleProfile('default', inputs([s('default', longTerm)], []))).toBe(false);
  });

  it('planAnyRenewal picks the role plan for a role profile and says whether a code is needed', () => {
    const files = {
      ...inputs([s('default', longTerm), s('mfa', session(later))], [role()]),
      defaultDurationSeconds: 43_200,
    };
    const r = planAnyRenewal({profile: 'admin'}, files);
    expect(r.ok && [r.value.kind, r.value.needsCode]).toEqual(['role', false]);
    const t = planAnyRenewal({profile: 'default', serial: SERIAL}, files);
    expect(t.ok && [t.value.kind, t.value.needsCode, t.value.plan.target]).toEqual([
      'session',
      true,
      'mfa',
    ]);
  });
});
