// The SSO provider as each client checks it without calling SSO: the settings it requires, how it
// merges an [sso-session], and whether a cached token is there (and current).
import {absent, fails, ok, type Probe} from './chain.js';
import type {GoConfig} from './go-config.js';
import {ssoKeyOf} from '../profile-keys.js';
import {noIdentity} from './identity.js';
import {has, mergedValues, ssoToken, type Snapshot} from './snapshot.js';

type Values = Record<string, string>;

/** A role the SSO provider would get; without the token cache, only after a current `aws sso login`. */
const ssoRole = (profile: string, role: string, account: string, note: string) =>
  ok(`SSO role ${role} in account ${account}${note}`, noIdentity('sso', profile));
const needsLogin = (token: ReturnType<typeof ssoToken>) =>
  token === 'unknown' ? ' (needs a current `aws sso login`)' : '';

/** botocore's SSO provider (the AWS CLI, boto3). */
export function botocoreSso(s: Snapshot, profile: string): Probe {
  const p = mergedValues(s.botocore, profile) ?? {};
  if (!ssoKeyOf(p)) return absent('no sso_role_name or sso_account_id');
  const fail = (reason: string) => fails(reason, noIdentity('sso', profile));
  const config: Record<string, string> = {...p};
  const required = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'];
  if (has(p, 'sso_session')) {
    const session = s.botocore.config.ssoSessions.get(p.sso_session);
    if (!session) return fail(`The specified sso-session does not exist: "${p.sso_session}"`);
    for (const [k, v] of Object.entries(session.values)) {
      if (has(config, k) && config[k] !== v) {
        return fail(
          `The value for ${k} is inconsistent between profile (${config[k]}) and sso-session (${v}).`,
        );
      }
      config[k] = v;
    }
    required.push('sso_session');
  }
  const missing = required.filter((k) => !has(config, k));
  if (missing.length) {
    return fail(
      `The profile "${profile}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
    );
  }
  const tokenKey = has(p, 'sso_session') ? p.sso_session : config.sso_start_url;
  const token = ssoToken(s, tokenKey);
  if (token === 'missing')
    return fail(`Error loading SSO Token: Token for ${tokenKey} does not exist`);
  if (token === 'expired') {
    return fail(
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    );
  }
  return ssoRole(profile, config.sso_role_name, config.sso_account_id, needsLogin(token));
}

/** The JS SDK's fromSSO as fromIni calls it. */
export function jsSso(s: Snapshot, name: string, d: Values): Probe {
  const fail = (reason: string) => fails(reason, noIdentity('sso', name));
  const p = {...d};
  if (d.sso_session) {
    const session = s.js.config.ssoSessions.get(d.sso_session);
    if (!session) {
      return fail(
        `sso_session ${d.sso_session} has no [sso-session ${d.sso_session}] section; the SDK throws a TypeError`,
      );
    }
    p.sso_region = session.values.sso_region;
    p.sso_start_url = session.values.sso_start_url;
  }
  if (!p.sso_start_url || !p.sso_account_id || !p.sso_region || !p.sso_role_name) {
    return fail(
      `Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got ${Object.keys(d).join(', ')}`,
    );
  }
  const token = ssoToken(s, d.sso_session || p.sso_start_url);
  if (token === 'missing' || token === 'expired') {
    return fail(
      `The SSO session associated with this profile ${token === 'missing' ? 'is invalid' : 'has expired'}. To refresh this SSO session run aws sso login with the corresponding profile.`,
    );
  }
  return ssoRole(name, p.sso_role_name, p.sso_account_id, needsLogin(token));
}

/** The Go SDK's SSO credentials from the shared config. */
export function goSso(s: Snapshot, c: GoConfig): Probe {
  const v = c.values;
  const fail = (reason: string) => fails(reason, noIdentity('sso', c.name));
  const missing = (keys: string[], from: Record<string, string>) => {
    const absentKeys = keys.filter((k) => !from[k]);
    return absentKeys.length
      ? `profile "${c.name}" is configured to use SSO but is missing required configuration: ${absentKeys.join(', ')}`
      : undefined;
  };
  let region = v.sso_region ?? '';
  let startUrl = v.sso_start_url ?? '';
  if (c.ssoSession) {
    const session = s.go.config.ssoSessions.get(c.ssoSession.trim())!.values;
    const error = missing(['sso_region', 'sso_start_url'], session);
    if (error) return fail(error);
    if (region && region !== session.sso_region)
      return fail(`sso_region in profile "${c.name}" must match sso_region in sso-session`);
    if (startUrl && startUrl !== session.sso_start_url)
      return fail(`sso_start_url in profile "${c.name}" must match sso_start_url in sso-session`);
    region = session.sso_region;
    startUrl = session.sso_start_url;
  } else {
    const error = missing(['sso_region', 'sso_start_url', 'sso_account_id', 'sso_role_name'], v);
    if (error) return fail(error);
  }
  const key = c.ssoSession || startUrl;
  if (ssoToken(s, key) === 'missing') return fail(`no SSO token for ${key}: run aws sso login`);
  return ssoRole(c.name, v.sso_role_name ?? '', v.sso_account_id ?? '', ` (region ${region})`);
}
