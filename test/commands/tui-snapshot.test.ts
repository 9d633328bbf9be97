// The TUI's precedence and `mfa-tui precedence` read the same disk, SSO token cache included.
import {createHash} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {precedenceFromDisk} from '../../source/app/precedence.js';
import {loadProfiles} from '../../source/app/load.js';
import {snapshotOf} from '../../source/commands/tui-app.js';
import {useTestHome} from '../helpers/env.js';
import {testContext} from '../helpers/context.js';

const h = useTestHome();

const now = new Date('2026-03-01T12:00:00Z');
const ctxFor = (env: NodeJS.ProcessEnv) => testContext(env, {now: () => now});

function ssoToken(session: string, expiresAt: string) {
  const dir = path.join(h.home, '.aws', 'sso', 'cache');
  mkdirSync(dir, {recursive: true});
  const name = createHash('sha1').update(session).digest('hex');
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({expiresAt, accessToken: 'x'}));
}

describe('the TUI snapshot and `mfa-tui precedence`', () => {
  it('see the same SSO token: valid, expired, missing', async () => {
    h.write(
      'config',
      `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
`,
    );
    const env = {...h.env, AWS_PROFILE: 'dev'};
    const winners = async () => {
      const loaded = await loadProfiles(env, now);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const tui = snapshotOf(ctxFor(env), loaded.value).precedence();
      const cli = await precedenceFromDisk(env, now);
      if (!tui.ok || !cli.ok) throw new Error('precedence failed');
      const pick = (r: typeof tui.value) =>
        r.clients.map((c) => [c.client, c.winner.status, c.winner.reason]);
      expect(pick(tui.value)).toEqual(pick(cli.value.report));
      return pick(tui.value)[0];
    };
    const missing = await winners();
    expect(missing[2]).toMatch(/Token for corp does not exist/);
    ssoToken('corp', '2026-03-01T11:00:00Z');
    expect((await winners())[2]).toMatch(/expired/);
    ssoToken('corp', '2026-03-01T20:00:00Z');
    expect((await winners())[1]).not.toBe('broken');
  });
});

describe('an SSO profile split over the two files', () => {
  it("finds its token by the credentials file's sso_start_url, as botocore merges the files", async () => {
    h.write('credentials', '[x]\nsso_start_url = https://corp.awsapps.com/start\n');
    const rest = 'sso_account_id = 111122223333\nsso_role_name = Dev\nsso_region = eu-west-1\n';
    // Another SSO profile, not logged in: the token cache is read.
    h.write(
      'config',
      `[profile x]\n${rest}\n[profile y]\nsso_start_url = https://other.awsapps.com/start\n${rest}`,
    );
    ssoToken('https://corp.awsapps.com/start', '2026-03-01T20:00:00Z');
    const env = {...h.env, AWS_PROFILE: 'x'};
    const loaded = await loadProfiles(env, now);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.profiles.find((p) => p.name === 'x')?.state).toBe('valid');
    const tui = snapshotOf(ctxFor(env), loaded.value).precedence();
    const cli = await precedenceFromDisk(env, now);
    if (!tui.ok || !cli.ok) throw new Error('precedence failed');
    for (const report of [tui.value, cli.value.report]) {
      expect(report.clients.map((c) => [c.client, c.winner.status, c.winner.source])).toEqual([
        ['aws-cli-v2', 'used', 'sso'],
        ['aws-cli-v1/boto3', 'used', 'sso'],
        ['js-sdk-v3', 'used', 'sso'],
        ['go-sdk-v2', 'used', 'sso'],
      ]);
    }
  });
});
