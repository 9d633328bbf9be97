// The JS SDK v3 model: fromNodeProviderChain over the JS view of the files. Most provider errors
// let the chain move on; a few (MFA required, broken SSO) stop it.
import {
  ChainBuilder,
  describeVia,
  envIdentity,
  has,
  noIdentity,
  ssoTokenExpired,
  staticIdentity,
  type Probe,
  type Snapshot,
} from './chain.js';
import type {ClientResult} from './types.js';

type IniOutcome = {
  /** Which branch of fromIni's resolveProfileData handled the profile. */
  branch: 'assume-role' | 'static' | 'web-identity' | 'custom-process' | 'sso' | 'none';
  probe: Probe;
};

class JsModel {
  constructor(readonly s: Snapshot) {}

  /** parseKnownFiles: the config profile, then the credentials section's keys assigned over it. */
  merged(name: string): Record<string, string> | undefined {
    const cfg = this.s.js.config.profiles.get(name);
    const cred = this.s.js.credentials.profiles.get(name);
    if (!cfg && !cred) return undefined;
    return {...cfg?.values, ...cred?.values};
  }

  envBoth(): boolean {
    return !!this.s.env.AWS_ACCESS_KEY_ID && !!this.s.env.AWS_SECRET_ACCESS_KEY;
  }

  envProbe(profileSet: string | undefined, explicit: boolean): Probe {
    const env = this.s.env;
    if (profileSet) {
      const why = explicit
        ? `profile ${profileSet} was passed in code`
        : `AWS_PROFILE=${profileSet} is set`;
      return this.envBoth()
        ? {
            state: 'ignored',
            reason: `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are skipped because ${why} (the SDK warns "Multiple credential sources detected")`,
          }
        : {state: 'absent', reason: `skipped because ${why}`};
    }
    if (!this.envBoth()) {
      const one = env.AWS_ACCESS_KEY_ID
        ? 'AWS_SECRET_ACCESS_KEY is missing'
        : env.AWS_SECRET_ACCESS_KEY
          ? 'AWS_ACCESS_KEY_ID is missing'
          : undefined;
      return {
        state: 'absent',
        reason: one ? `${one}, so the environment is skipped` : 'AWS_ACCESS_KEY_ID is not set',
      };
    }
    const akid = env.AWS_ACCESS_KEY_ID!;
    const token = env.AWS_SESSION_TOKEN || undefined;
    return {
      state: 'ok',
      reason: `AWS_ACCESS_KEY_ID (…${akid.slice(-4)}) and AWS_SECRET_ACCESS_KEY${token ? ' with AWS_SESSION_TOKEN' : ''}${env.AWS_SECURITY_TOKEN ? ' (AWS_SECURITY_TOKEN is ignored)' : ''}`,
      identity: envIdentity(env, akid, token, token ? 'AWS_SESSION_TOKEN' : undefined),
    };
  }

  isStatic(d: Record<string, string> | undefined): boolean {
    return (
      !!d && typeof d.aws_access_key_id === 'string' && typeof d.aws_secret_access_key === 'string'
    );
  }

  isAssumeRole(d: Record<string, string> | undefined): boolean {
    if (!d || typeof d.role_arn !== 'string') return false;
    const sp = typeof d.source_profile === 'string';
    const cs = typeof d.credential_source === 'string';
    return sp !== cs;
  }

  isSso(d: Record<string, string>): boolean {
    return ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some(
      (k) => has(d, k),
    );
  }

  staticOutcome(name: string, d: Record<string, string>): IniOutcome {
    const inCreds = has(this.s.js.credentials.profiles.get(name)?.values, 'aws_access_key_id');
    const source = inCreds ? 'shared-credentials-file' : 'config-file';
    const secretInCreds = has(
      this.s.js.credentials.profiles.get(name)?.values,
      'aws_secret_access_key',
    );
    const hybrid = inCreds !== secretInCreds ? '; the pair is assembled from both files' : '';
    return {
      branch: 'static',
      probe: {
        state: 'ok',
        reason: `aws_access_key_id (…${d.aws_access_key_id.slice(-4)}) from the ${inCreds ? 'credentials' : 'config'} file${d.aws_session_token ? ' with aws_session_token' : ''}${hybrid}`,
        identity: staticIdentity(source, name, d.aws_access_key_id, d.aws_session_token, d),
      },
    };
  }

  credentialSource(cs: string, profile: string): Probe {
    if (cs === 'Environment') {
      if (this.envBoth()) {
        const akid = this.s.env.AWS_ACCESS_KEY_ID!;
        return {
          state: 'ok',
          reason: 'environment keys',
          identity: envIdentity(this.s.env, akid, this.s.env.AWS_SESSION_TOKEN || undefined),
        };
      }
      return {
        state: 'soft',
        reason: `credential_source Environment in profile ${profile}: Unable to find environment variable credentials.`,
      };
    }
    if (cs === 'EcsContainer') {
      const env = this.s.env;
      return env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI
        ? {state: 'ok', reason: 'container credentials', identity: noIdentity('container')}
        : {
            state: 'soft',
            reason: `credential_source EcsContainer in profile ${profile}, but no container credentials endpoint is set`,
          };
    }
    if (cs === 'Ec2InstanceMetadata') {
      return {
        state: 'ok',
        reason: 'the EC2 instance metadata service',
        identity: noIdentity('imds'),
      };
    }
    return {
      state: 'soft',
      reason: `Unsupported credential source in profile ${profile}. Got ${cs}, expected EcsContainer or Ec2InstanceMetadata or Environment.`,
    };
  }

  /** credential-provider-ini's resolveProfileData, as far as it can be decided without I/O. */
  resolveProfileData(name: string, visited: Set<string>, recursive: boolean): IniOutcome {
    const d = this.merged(name);
    if (visited.size > 0 && this.isStatic(d)) return this.staticOutcome(name, d!);
    if (recursive || this.isAssumeRole(d))
      return {branch: 'assume-role', probe: this.assumeRole(name, visited)};
    if (this.isStatic(d)) return this.staticOutcome(name, d!);
    if (d && typeof d.web_identity_token_file === 'string' && typeof d.role_arn === 'string') {
      return {
        branch: 'web-identity',
        probe: {
          state: 'ok',
          reason: `web_identity_token_file: assumes ${d.role_arn} with the web identity token`,
          identity: {...noIdentity('web-identity', name), roleArn: d.role_arn},
        },
      };
    }
    if (d && typeof d.credential_process === 'string') {
      return {
        branch: 'custom-process',
        probe: {
          state: 'ok',
          reason: `runs credential_process through a shell: ${d.credential_process}`,
          identity: noIdentity('custom-process', name),
        },
      };
    }
    if (d && this.isSso(d)) return {branch: 'sso', probe: this.sso(name, d)};
    return {
      branch: 'none',
      probe: {
        state: 'soft',
        reason: d
          ? `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`
          : `profile ${name} is not in either file`,
      },
    };
  }

  assumeRole(name: string, visited: Set<string>): Probe {
    const d = this.merged(name) ?? {};
    const identity = {...noIdentity('assume-role', name), roleArn: d.role_arn};
    const sp = d.source_profile;
    if (sp && visited.has(sp)) {
      return {
        state: 'soft',
        reason: `Detected a cycle attempting to resolve credentials for profile ${name}. Profiles visited: ${[...visited].join(', ')}`,
        identity,
      };
    }
    let source: Probe;
    if (sp) {
      const next = new Set(visited).add(sp);
      const spData = this.merged(sp) ?? {};
      const credentialSourceOnly = !spData.role_arn && !!spData.credential_source;
      source = this.resolveProfileData(sp, next, credentialSourceOnly).probe;
    } else {
      source = this.credentialSource(d.credential_source, name);
      // An unsupported credential_source fails before the MFA check; the others are awaited later.
      if (source.state !== 'ok' && source.reason.startsWith('Unsupported')) {
        return {state: 'soft', reason: source.reason, identity};
      }
    }
    if (!d.role_arn && d.credential_source) return source;
    if (d.mfa_serial) {
      return {
        state: 'hard',
        reason: `Profile ${name} requires multi-factor authentication, but no MFA code callback was provided.`,
        identity,
      };
    }
    if (source.state !== 'ok') {
      return {state: source.state === 'hard' ? 'hard' : 'soft', reason: source.reason, identity};
    }
    return {
      state: 'ok',
      reason: `assumes ${d.role_arn} with ${describeVia(source.identity)}`,
      identity: {...identity, via: source.identity},
    };
  }

  sso(name: string, d: Record<string, string>): Probe {
    const fail = (reason: string): Probe => ({
      state: 'hard',
      reason,
      identity: noIdentity('sso', name),
    });
    const p = {...d};
    if (d.sso_session) {
      const session = this.s.js.config.ssoSessions.get(d.sso_session);
      if (!session)
        return fail(
          `sso_session ${d.sso_session} has no [sso-session ${d.sso_session}] section; the SDK throws a TypeError`,
        );
      p.sso_region = session.values.sso_region;
      p.sso_start_url = session.values.sso_start_url;
    }
    if (!p.sso_start_url || !p.sso_account_id || !p.sso_region || !p.sso_role_name) {
      return fail(
        `Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got ${Object.keys(d).join(', ')}`,
      );
    }
    const key = d.sso_session || p.sso_start_url;
    const tokens = this.s.input.ssoTokens;
    if (tokens) {
      const expiresAt = tokens[key];
      if (expiresAt === undefined) {
        return fail(
          'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
        );
      }
      if (ssoTokenExpired(expiresAt, this.s.input.now)) {
        return fail(
          'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
        );
      }
    }
    return {
      state: 'ok',
      reason: `SSO role ${p.sso_role_name} in account ${p.sso_account_id}${tokens ? '' : ' (needs a current `aws sso login`)'}`,
      identity: noIdentity('sso', name),
    };
  }

  resolve(): ClientResult {
    const s = this.s;
    const env = s.env;
    const explicit = s.input.explicitProfile || undefined;
    const profileSet = explicit ?? (env.AWS_PROFILE || undefined);
    const name = profileSet ?? 'default';
    const from = explicit ? 'explicit' : env.AWS_PROFILE ? 'AWS_PROFILE' : 'default';
    const chain = new ChainBuilder();
    chain.add('env', this.envProbe(profileSet, !!explicit));

    const d = this.merged(name);
    const outcome = this.resolveProfileData(name, new Set(), false);
    const inCreds = has(s.js.credentials.profiles.get(name)?.values, 'aws_access_key_id');
    const configured: Record<
      IniOutcome['branch'] | 'shared-credentials-file' | 'config-file',
      boolean
    > = {
      'assume-role':
        !!d &&
        typeof d.role_arn === 'string' &&
        (has(d, 'source_profile') || has(d, 'credential_source')),
      static: this.isStatic(d),
      'shared-credentials-file': this.isStatic(d) && inCreds,
      'config-file': this.isStatic(d) && !inCreds,
      'web-identity': !!d && has(d, 'web_identity_token_file'),
      'custom-process': !!d && has(d, 'credential_process'),
      sso: !!d && this.isSso(d),
      none: false,
    };
    const missing = d ? undefined : `profile ${name} is not in either file`;
    const iniLink = (
      branch: IniOutcome['branch'],
      linkKey: keyof typeof configured,
      absentReason: string,
    ): Probe => {
      if (outcome.branch === branch && (branch !== 'static' || configured[linkKey]))
        return outcome.probe;
      if (configured[linkKey]) {
        return {
          state: 'ignored',
          reason: `profile ${name} also sets this, but fromIni took the ${outcome.branch} branch`,
        };
      }
      return {state: 'absent', reason: missing ?? absentReason};
    };
    chain.add(
      'assume-role',
      iniLink(
        'assume-role',
        'assume-role',
        'no role_arn with exactly one of source_profile or credential_source',
      ),
    );
    chain.add(
      'shared-credentials-file',
      iniLink(
        'static',
        'shared-credentials-file',
        'no aws_access_key_id/aws_secret_access_key pair from the credentials file',
      ),
    );
    chain.add(
      'config-file',
      iniLink(
        'static',
        'config-file',
        'no aws_access_key_id/aws_secret_access_key pair from the config file',
      ),
    );
    chain.add(
      'web-identity',
      iniLink('web-identity', 'web-identity', 'no web_identity_token_file in the profile'),
    );
    // fromProcess runs after fromIni, so a profile whose other settings fail still gets its process.
    if (
      outcome.branch !== 'custom-process' &&
      configured['custom-process'] &&
      chain.winner === undefined
    ) {
      chain.add('custom-process', {
        state: 'ok',
        reason: `fromProcess runs credential_process through a shell: ${d!.credential_process}`,
        identity: noIdentity('custom-process', name),
      });
    } else {
      chain.add(
        'custom-process',
        iniLink('custom-process', 'custom-process', 'no credential_process'),
      );
    }
    chain.add('sso', iniLink('sso', 'sso', 'no sso_* settings'));

    const tokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE;
    const roleArn = env.AWS_ROLE_ARN;
    chain.add(
      'web-identity',
      tokenFile && roleArn
        ? {
            state: 'ok',
            reason: `AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN: assumes ${roleArn}`,
            identity: {...noIdentity('web-identity'), roleArn},
          }
        : {
            state: 'absent',
            reason:
              tokenFile || roleArn
                ? 'needs both AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN'
                : 'no AWS_WEB_IDENTITY_TOKEN_FILE',
          },
    );
    const container =
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    chain.add(
      'container',
      container
        ? {
            state: 'ok',
            reason: 'the container credentials endpoint',
            identity: noIdentity('container'),
          }
        : {state: 'absent', reason: 'no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI'},
    );
    const imdsOff = !!env.AWS_EC2_METADATA_DISABLED && env.AWS_EC2_METADATA_DISABLED !== 'false';
    chain.add(
      'imds',
      container
        ? {state: 'absent', reason: 'not tried when a container endpoint is set'}
        : imdsOff
          ? {
              state: 'absent',
              reason: `disabled by AWS_EC2_METADATA_DISABLED=${env.AWS_EC2_METADATA_DISABLED}`,
            }
          : {
              state: 'ok',
              reason: 'asks the EC2 instance metadata service (works only on EC2)',
              identity: noIdentity('imds'),
            },
    );
    const {chain: links, winner} = chain.finish('Could not load credentials from any providers');
    return {client: 'js-sdk-v3', profile: {name, from}, winner, chain: links};
  }
}

/** The JS SDK v3's (fromNodeProviderChain) choice for this snapshot. */
export function resolveJs(s: Snapshot): ClientResult {
  return new JsModel(s).resolve();
}
