// The renew panel's preview is planned at the time its caller gives, not at the files' read: a
// role an MFA session signs needs a code once that session has lapsed, as renewRole then decides.
import {describe, expect, it} from 'vitest';
import {fixedNow, sampleCredentials, snapshotFrom} from './fixtures.js';

const roleWithDevice = `[profile admin]
role_arn = arn:aws:iam::444455556666:role/admin
source_profile = default
mfa_serial = arn:aws:iam::111122223333:mfa/alice
`;

describe('renew preview of a role', () => {
  it('asks for a code when the MFA session that signed it at load time has lapsed by the call', () => {
    // Read at 12:00; the session in [mfa] lasts until 14:00.
    const snapshot = snapshotFrom({credentials: sampleCredentials, config: roleWithDevice});
    const needsCode = (now: Date) => {
      const r = snapshot.preview('admin', {now});
      return r.ok ? r.value.needsCode : r.error.code;
    };
    expect(needsCode(fixedNow)).toBe(false);
    expect(needsCode(new Date('2026-03-01T14:30:00Z'))).toBe(true);
  });

  it('plans at the edge’s clock when the caller gives no time, as the TUI wires it', () => {
    let clock = fixedNow;
    const snapshot = snapshotFrom({
      credentials: sampleCredentials,
      config: roleWithDevice,
      clock: () => clock,
    });
    const needsCode = () => {
      const r = snapshot.preview('admin');
      return r.ok ? r.value.needsCode : r.error.code;
    };
    expect(needsCode()).toBe(false);
    clock = new Date('2026-03-01T14:30:00Z');
    expect(needsCode()).toBe(true);
  });
});
