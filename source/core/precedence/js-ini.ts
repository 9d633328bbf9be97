// The JS SDK v3's fromIni: credential-provider-ini's resolveProfileData over the JS view of the
// files, as far as it can be decided without I/O.
import {masked} from '../mask.js';
import {assumes, fails, ok, soft, type Probe} from './chain.js';
import {envIdentity, noIdentity, staticIdentity} from './identity.js';
import {CANONICAL_SOURCES, containerProbe, has, mergedValues, type Snapshot} from './snapshot.js';
import {processProbe} from './process.js';
import {jsSso} from './sso.js';

/** Which branch of resolveProfileData handled the profile. */
export type Branch = 'assume-role' | 'static' | 'web-identity' | 'custom-process' | 'sso' | 'none';
export type IniOutcome = {branch: Branch; probe: Probe};
type Values = Readonly<Record<string, string>>;

const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'];
export const isStatic = (d: Values | undefined): boolean =>
  !!d && typeof d.aws_access_key_id === 'string' && typeof d.aws_secret_access_key === 'string';
const isAssumeRole = (d: Values | undefined): boolean =>
  !!d &&
  typeof d.role_arn === 'string' &&
  (typeof d.source_profile === 'string') !== (typeof d.credential_source === 'string');
export const isSso = (d: Values): boolean => SSO_KEYS.some((k) => has(d, k));

/** Whether both environment keys are set (non-empty), as fromEnv requires. */
export const envBoth = (env: Record<string, string | undefined>): boolean =>
  !!env.AWS_ACCESS_KEY_ID && !!env.AWS_SECRET_ACCESS_KEY;

export class FromIni {
  constructor(readonly s: Snapshot) {}

  /** parseKnownFiles: the config profile, then the credentials section's keys assigned over it. */
  merged(name: string): Values | undefined {
    return mergedValues(this.s.js, name);
  }

  staticOutcome(name: string, d: Values): IniOutcome {
    const cred = this.s.js.credentials.profiles.get(name)?.values;
    const inCreds = has(cred, 'aws_access_key_id');
    const source = inCreds ? 'shared-credentials-file' : 'config-file';
    const hybrid =
      inCreds !== has(cred, 'aws_secret_access_key')
        ? '; the pair is assembled from both files'
        : '';
    const reason = `aws_access_key_id (${masked(d.aws_access_key_id)}) from the ${inCreds ? 'credentials' : 'config'} file${d.aws_session_token ? ' with aws_session_token' : ''}${hybrid}`;
    return {
      branch: 'static',
      probe: ok(reason, staticIdentity(source, name, d.aws_access_key_id, d.aws_session_token, d)),
    };
  }

  credentialSource(cs: string, profile: string): Probe {
    const env = this.s.env;
    if (cs === 'Environment') {
      if (envBoth(this.s.env)) {
        return ok(
          'environment keys',
          envIdentity(env, env.AWS_ACCESS_KEY_ID!, env.AWS_SESSION_TOKEN || undefined),
        );
      }
      return soft(
        `credential_source Environment in profile ${profile}: Unable to find environment variable credentials.`,
      );
    }
    if (cs === 'EcsContainer') {
      return env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI
        ? containerProbe(this.s, 'js', 'container credentials')
        : soft(
            `credential_source EcsContainer in profile ${profile}, but no container credentials endpoint is set`,
          );
    }
    return ok('the EC2 instance metadata service', noIdentity('imds'));
  }

  /** credential-provider-ini's resolveProfileData, as far as it can be decided without I/O. */
  resolveProfileData(name: string, visited: Set<string>, recursive: boolean): IniOutcome {
    const d = this.merged(name);
    if (visited.size > 0 && isStatic(d)) return this.staticOutcome(name, d!);
    if (recursive || isAssumeRole(d))
      return {branch: 'assume-role', probe: this.assumeRole(name, visited)};
    if (isStatic(d)) return this.staticOutcome(name, d!);
    if (d && typeof d.web_identity_token_file === 'string' && typeof d.role_arn === 'string') {
      const identity = noIdentity('web-identity', name, d.role_arn);
      return {
        branch: 'web-identity',
        probe: ok(
          `web_identity_token_file: assumes ${d.role_arn} with the web identity token`,
          identity,
        ),
      };
    }
    if (d && typeof d.credential_process === 'string') {
      return {
        branch: 'custom-process',
        probe: processProbe(this.s, d.credential_process, name, 'shell', 'soft'),
      };
    }
    if (d && isSso(d)) return {branch: 'sso', probe: jsSso(this.s, name, d)};
    const reason = d
      ? `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`
      : `profile ${name} is not in either file`;
    return {branch: 'none', probe: soft(reason)};
  }

  assumeRole(name: string, visited: Set<string>): Probe {
    const d = this.merged(name) ?? {};
    const identity = noIdentity('assume-role', name, d.role_arn);
    const sp = d.source_profile;
    if (sp && visited.has(sp)) {
      return soft(
        `Detected a cycle attempting to resolve credentials for profile ${name}. Profiles visited: ${[...visited].join(', ')}`,
        identity,
      );
    }
    let source: Probe;
    if (sp) {
      const spData = this.merged(sp) ?? {};
      const credentialSourceOnly = !spData.role_arn && !!spData.credential_source;
      source = this.resolveProfileData(sp, new Set(visited).add(sp), credentialSourceOnly).probe;
    } else if (!CANONICAL_SOURCES.includes(d.credential_source)) {
      // An unsupported credential_source fails before the MFA check; the others are awaited later.
      return soft(
        `Unsupported credential source in profile ${name}. Got ${d.credential_source}, expected EcsContainer or Ec2InstanceMetadata or Environment.`,
        identity,
      );
    } else {
      source = this.credentialSource(d.credential_source, name);
    }
    if (!d.role_arn && d.credential_source) return source;
    if (d.mfa_serial) {
      return fails(
        `Profile ${name} requires multi-factor authentication, but no MFA code callback was provided.`,
        identity,
      );
    }
    if (source.state !== 'ok')
      return fails(source.reason, identity, source.state === 'hard' ? 'hard' : 'soft');
    return assumes(identity, source.identity);
  }
}
