import {describe, expect, it} from 'vitest';
import type {FileSection} from '../../source/core/profiles.js';
import {planRenewal, planRenewalParties, type PlanInputs} from '../../source/core/renew-plan.js';

const s = (profile: string, keys: Record<string, string>): FileSection => ({
  profile,
  keys,
  line: 1,
});
const keys = {aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x'.repeat(40)};
const SERIAL = 'arn:aws:iam::123456789012:mfa/found';
const inputs = (extra: Partial<PlanInputs> = {}): PlanInputs => ({
  credentials: [s('default', keys)],
  config: [s('default', {mfa_process: 'ykman oath accounts code --single aws'})],
  mappings: {},
  serials: {},
  defaultDurationSeconds: 43_200,
  ...extra,
});

describe('planning a renewal whose device is found in IAM', () => {
  it('knows source, target and signing keys before any device (what discovery needs)', () => {
    const r = planRenewalParties({profile: 'mfa'}, inputs());
    expect(
      r.ok && [r.value.source, r.value.target, r.value.accessKeyIdLast4, r.value.mfaProcess],
    ).toEqual(['default', 'mfa', 'MPLE', 'ykman oath accounts code --single aws']);
  });
  it('uses the discovered device only when none is configured, and says where it came from', () => {
    expect(planRenewal({profile: 'default'}, inputs())).toMatchObject({
      ok: false,
      error: {code: 'mfa-serial-missing'},
    });
    const found = planRenewal({profile: 'default'}, inputs({discoveredSerial: SERIAL}));
    expect(found.ok && [found.value.serial, found.value.serialFrom]).toEqual([SERIAL, 'iam']);
    const configured = planRenewal(
      {profile: 'default'},
      inputs({discoveredSerial: SERIAL, serials: {default: 'arn:aws:iam::123456789012:mfa/kept'}}),
    );
    expect(configured.ok && configured.value.serial).toBe('arn:aws:iam::123456789012:mfa/kept');
  });
});
