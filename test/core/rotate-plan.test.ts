// Whether a key can rotate: the one decision `mfa-tui rotate` and the TUI's K both make.
import {describe, expect, it} from 'vitest';
import type {FileSection} from '../../source/core/profiles.js';
import {planRotation} from '../../source/core/rotate-plan.js';

const PATH = '/home/u/.aws/credentials';
const s = (profile: string, keys: Record<string, string>, inherited?: string[]): FileSection => ({
  profile,
  keys,
  line: 1,
  inherited,
});
const longTerm = {aws_access_key_id: 'AKIAEXAMPLEDEFAULT01', aws_secret_access_key: 'secret'};
const session = {
  aws_access_key_id: 'ASIAEXAMPLESESSION02',
  aws_secret_access_key: 'secret',
  aws_session_token: 'token',
};
const plan = (profile: string, credentials: FileSection[], config: FileSection[] = []) =>
  planRotation(
    profile,
    {credentials, config, mappings: {}, serials: {}, defaultDurationSeconds: 43_200},
    PATH,
  );
const code = (r: ReturnType<typeof plan>) => (r.ok ? 'ok' : r.error.code);

describe('planRotation', () => {
  it('rotates a long-term profile with the session it renews into', () => {
    const r = plan('default', [s('default', longTerm), s('mfa', session)]);
    expect(r.ok && [r.value.source, r.value.target, r.value.accessKeyIdLast4]).toEqual([
      'default',
      'mfa',
      'LT01',
    ]);
  });

  // Regression: `mfa-tui rotate mfa` rotated default's key while the TUI refused the mfa row.
  it('refuses a session or a role: their key is another profile’s to rotate', () => {
    const files = [s('default', longTerm), s('mfa', session)];
    const role = [s('admin', {role_arn: 'arn:aws:iam::1:role/A', source_profile: 'default'})];
    for (const name of ['mfa', 'admin']) {
      const r = plan(name, files, role);
      expect(code(r)).toBe('rotate-not-long-term');
      expect(!r.ok && r.error.message).toMatch(
        new RegExp(`^Only long-term keys rotate: ${name} is `),
      );
    }
  });

  it('refuses keys from [DEFAULT] or from the config file, and what a renewal refuses', () => {
    expect(code(plan('work', [s('work', {...longTerm, region: 'x'}, Object.keys(longTerm))]))).toBe(
      'rotate-not-long-term',
    );
    expect(code(plan('cfg', [], [s('cfg', longTerm)]))).toBe('rotate-not-long-term');
    expect(code(plan('default', [s('default', longTerm), s('mfa', longTerm)]))).toBe(
      'target-is-long-term',
    );
    expect(code(plan('nobody', [s('default', longTerm)]))).toBe('profile-not-found');
  });
});
