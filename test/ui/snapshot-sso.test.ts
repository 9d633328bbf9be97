// Enter on an SSO row: the panel says to sign in with `aws sso login`, not to add access keys.
import {describe, expect, it} from 'vitest';
import {snapshotFrom} from './fixtures.js';

describe('renew preview of an SSO row', () => {
  it('names the sso-session to log in to, or the profile for a legacy one', () => {
    const snapshot = snapshotFrom({
      config:
        '[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = Dev\n\n' +
        '[profile old]\nsso_start_url = https://x.awsapps.com/start\nsso_account_id = 1\nsso_role_name = Old\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    });
    const dev = snapshot.preview('dev');
    expect(dev.ok ? 'planned' : dev.error.code).toBe('sso-login-needed');
    if (!dev.ok) expect(dev.error.fix).toContain('aws sso login --sso-session corp');
    const old = snapshot.preview('old');
    if (!old.ok) expect(old.error.fix).toContain('aws sso login --profile old');
    expect(old.ok ? 'planned' : old.error.code).toBe('sso-login-needed');
  });
});
