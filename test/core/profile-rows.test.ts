// `list`'s cache keeps profiles as rows without their clock-bound state: read back at any later
// time, they must be exactly the profiles buildProfiles would give at that time.
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {profileRows, profilesFromRows} from '../../source/core/profile-rows.js';
import {buildProfiles, type FileSection} from '../../source/core/profiles.js';
import {
  roleCacheArgs,
  roleCacheKeyText,
  type RoleCacheEntry,
} from '../../source/core/role-cache.js';

const t0 = Date.parse('2026-11-28T12:00:00Z');
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const awsMfa = (ms: number) => iso(ms).replace('T', ' ').replace('Z', '');

/** Keys a profile may hold, each with a few values of its kind. */
const keyArb = fc.oneof(
  fc.constantFrom(
    ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'],
    ['aws_access_key_id', 'ASIAIOSFODNN7SESSION'],
    ['aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['aws_session_token', 'IQoJb3JpZ2luX2VjEHAaCXVzLWVhc3QtMSJG'],
    ['role_arn', 'arn:aws:iam::123456789012:role/admin'],
    ['source_profile', 'a'],
    ['credential_source', 'Environment'],
    ['sso_session', 'corp'],
    ['credential_process', 'echo {}'],
    ['mfa_serial', 'arn:aws:iam::123456789012:mfa/alice'],
    ['aws_mfa_device', 'arn:aws:iam::123456789012:mfa/bob'],
    ['region', 'eu-west-1'],
    ['manager', 'awsume'],
    ['expiration', 'not a date'],
  ),
  fc
    .integer({min: -120, max: 720})
    .chain((m) =>
      fc.constantFrom(
        ['expiration', awsMfa(t0 + m * minute)],
        ['x_security_token_expires', iso(t0 + m * minute)],
        ['aws_credential_expiration', iso(t0 + m * minute)],
      ),
    ),
) as fc.Arbitrary<[string, string]>;

const sectionsArb = fc.array(
  fc.record({
    profile: fc.constantFrom('a', 'a-long-term', 'b', 'default', 'role', 'constructor', 'x y'),
    keys: fc.array(keyArb, {maxLength: 6}).map((pairs) => Object.fromEntries(pairs)),
  }),
  {maxLength: 8},
);

const filesArb = fc.record({
  credentials: sectionsArb,
  config: sectionsArb,
  cachedRoleMinutes: fc.option(fc.integer({min: -60, max: 120})),
  mappings: fc.constantFrom<Record<string, string>>({}, {a: 'b'}, {'a-long-term': 'x y'}),
  serials: fc.constantFrom<Record<string, string> | undefined>(undefined, {
    a: 'arn:aws:iam::123456789012:mfa/carol',
  }),
});

const withLines = (sections: {profile: string; keys: Record<string, string>}[]): FileSection[] =>
  sections.map((s, i) => ({...s, line: i + 1}));

describe('profileRows / profilesFromRows', () => {
  it('give back, at any later time, the profiles buildProfiles gives at that time', () => {
    fc.assert(
      fc.property(
        filesArb,
        fc.integer({min: -180, max: 900}),
        fc.constantFrom(0, 900, 3600),
        (f, laterMinutes, warnSeconds) => {
          const credentials = withLines(f.credentials);
          const config = withLines(f.config);
          // Every role profile's key text gets a cached session (or none).
          const roleCache = new Map<string, RoleCacheEntry>();
          if (f.cachedRoleMinutes !== null) {
            for (const s of [...credentials, ...config]) {
              const args = roleCacheArgs(s.keys);
              if (args) {
                roleCache.set(roleCacheKeyText(args), {
                  expiresAt: new Date(t0 + f.cachedRoleMinutes * minute),
                  accessKeyIdLast4: 'ROLE',
                });
              }
            }
          }
          const files = {credentials, config, roleCache};
          const at = (ms: number) => ({
            now: new Date(ms),
            warnSeconds,
            mappings: f.mappings,
            serials: f.serials,
          });
          const rows = profileRows(buildProfiles(files, at(t0)));
          // Through JSON, as the cache file holds them.
          const later = t0 + laterMinutes * minute;
          const back = profilesFromRows(
            JSON.parse(JSON.stringify(rows)),
            new Date(later),
            warnSeconds,
          );
          expect(back).toEqual(buildProfiles(files, at(later)));
        },
      ),
      {numRuns: 400},
    );
  });

  it('refuse rows that profileRows did not write', () => {
    const now = new Date(t0);
    const good = profileRows(
      buildProfiles(
        {
          credentials: withLines([
            {profile: 'a', keys: {aws_access_key_id: 'AKIAX', aws_secret_access_key: 's'}},
          ]),
          config: [],
        },
        {now, warnSeconds: 900, mappings: {}},
      ),
    );
    expect(profilesFromRows(good, now, 900)).toHaveLength(1);
    const damaged = (change: (row: unknown[]) => void) => {
      const copy = JSON.parse(JSON.stringify(good)) as unknown[][];
      change(copy[0]!);
      return profilesFromRows(copy, now, 900);
    };
    expect(damaged((r) => r.pop())).toBeUndefined();
    expect(damaged((r) => (r[1] = 'wizard'))).toBeUndefined();
    expect(damaged((r) => (r[0] = 7))).toBeUndefined();
    expect(damaged((r) => (r[6] = 'soon'))).toBeUndefined();
    expect(damaged((r) => (r[7] = 'valid'))).toBeUndefined();
    expect(damaged((r) => (r[8] = [1]))).toBeUndefined();
    expect(profilesFromRows({rows: good}, now, 900)).toBeUndefined();
  });
});
