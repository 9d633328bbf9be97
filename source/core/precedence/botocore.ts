// The AWS CLI v2 and boto3 / AWS CLI v1 model: botocore's credential chain over botocore's view of
// the files. Every provider error stops the chain; a parse error or a missing named profile stops
// the client before any provider runs.
import {
  ChainBuilder,
  describeVia,
  envIdentity,
  firstPresent,
  has,
  imdsDisabledBotocoreOrGo,
  noIdentity,
  ssoTokenExpired,
  staticIdentity,
  type Probe,
  type Snapshot,
  type WinnerIdentity,
} from './chain.js';
import {parseExpiryText} from '../expiry.js';
import type {ClientId, ClientResult} from './types.js';

type Flavor = Extract<ClientId, 'aws-cli-v2' | 'aws-cli-v1/boto3'>;

const CANONICAL_SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'];

/** Which profile botocore selects, and whether it counts as explicitly set (then it must exist). */
export function botocoreProfile(
  flavor: Flavor,
  env: Record<string, string | undefined>,
  explicit: string | undefined,
): ClientResult['profile'] & {set: boolean} {
  if (explicit !== undefined) return {name: explicit, from: 'explicit', set: true};
  // The CLI v2 reads AWS_PROFILE first; botocore itself (boto3, CLI v1) reads AWS_DEFAULT_PROFILE first.
  const order =
    flavor === 'aws-cli-v2'
      ? (['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const)
      : (['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'] as const);
  const found = firstPresent(env, order);
  if (found) return {name: found.value, from: found.name as 'AWS_PROFILE', set: true};
  return {name: 'default', from: 'default', set: false};
}

class BotocoreModel {
  constructor(
    readonly s: Snapshot,
    readonly flavor: Flavor,
  ) {}

  /** session.full_config's profile: the config profile, updated key by key from the credentials file. */
  merged(name: string): Record<string, string> | undefined {
    const cfg = this.s.botocore.config.profiles.get(name);
    const cred = this.s.botocore.credentials.profiles.get(name);
    if (!cfg && !cred) return undefined;
    return {...cfg?.values, ...cred?.values};
  }

  exists(name: string): boolean {
    return (
      this.s.botocore.config.profiles.has(name) || this.s.botocore.credentials.profiles.has(name)
    );
  }

  envProbe(disabled: boolean): Probe {
    const env = this.s.env;
    const akid = env.AWS_ACCESS_KEY_ID ?? '';
    if (disabled) {
      return akid
        ? {
            state: 'ignored',
            reason:
              'AWS_ACCESS_KEY_ID is set but ignored: an explicit profile turns off environment credentials',
          }
        : {state: 'absent', reason: 'AWS_ACCESS_KEY_ID is not set'};
    }
    if (!akid) {
      return {
        state: 'absent',
        reason: env.AWS_SECRET_ACCESS_KEY
          ? 'only AWS_SECRET_ACCESS_KEY is set; without AWS_ACCESS_KEY_ID it is ignored'
          : 'AWS_ACCESS_KEY_ID is not set',
      };
    }
    if (!env.AWS_SECRET_ACCESS_KEY) {
      return {
        state: 'hard',
        reason: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
        identity: envIdentity(env, akid, undefined),
      };
    }
    const tokenVar = env.AWS_SECURITY_TOKEN
      ? 'AWS_SECURITY_TOKEN'
      : env.AWS_SESSION_TOKEN
        ? 'AWS_SESSION_TOKEN'
        : undefined;
    const token = tokenVar ? env[tokenVar] : undefined;
    const expiry = env.AWS_CREDENTIAL_EXPIRATION;
    const note = tokenVar ? ` with ${tokenVar}` : '';
    const expiryNote =
      expiry && !parseExpiryText(expiry)
        ? '; AWS_CREDENTIAL_EXPIRATION is not a date botocore can read'
        : '';
    return {
      state: 'ok',
      reason: `AWS_ACCESS_KEY_ID (…${akid.slice(-4)}) and AWS_SECRET_ACCESS_KEY${note}${expiryNote}`,
      identity: envIdentity(env, akid, token, tokenVar),
    };
  }

  containerProbe(): Probe {
    const env = this.s.env;
    const v = firstPresent(env, [
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ]);
    return v
      ? {
          state: 'ok',
          reason: `${v.name} is set: credentials come from the container endpoint`,
          identity: noIdentity('container'),
        }
      : {state: 'absent', reason: 'no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI'};
  }

  imdsProbe(): Probe {
    if (imdsDisabledBotocoreOrGo(this.s.env)) {
      return {state: 'absent', reason: 'disabled by AWS_EC2_METADATA_DISABLED=true'};
    }
    return {
      state: 'ok',
      reason:
        'asks the EC2 instance metadata service; off EC2 this times out and ends in "Unable to locate credentials"',
      identity: noIdentity('imds'),
    };
  }

  /** AssumeRoleWithWebIdentity: env vars override the profile's keys unless a profile was given explicitly. */
  webIdentityProbe(profile: string, disableEnv: boolean): Probe {
    const p = this.merged(profile);
    const get = (key: string, envName: string): {value: string | undefined; fromEnv: boolean} => {
      if (!disableEnv && this.s.env[envName] !== undefined)
        return {value: this.s.env[envName], fromEnv: true};
      return {value: p?.[key], fromEnv: false};
    };
    const token = get('web_identity_token_file', 'AWS_WEB_IDENTITY_TOKEN_FILE');
    if (!token.value)
      return {state: 'absent', reason: 'no web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE'};
    const role = get('role_arn', 'AWS_ROLE_ARN');
    const where = token.fromEnv
      ? 'AWS_WEB_IDENTITY_TOKEN_FILE'
      : `web_identity_token_file in profile ${profile}`;
    if (!role.value) {
      return {
        state: 'hard',
        reason: `${where} is set but no role ARN is configured (role_arn or AWS_ROLE_ARN)`,
        identity: noIdentity('web-identity', token.fromEnv ? null : profile),
      };
    }
    return {
      state: 'ok',
      reason: `${where}: assumes ${role.value} with the web identity token`,
      identity: {
        ...noIdentity('web-identity', token.fromEnv ? null : profile),
        roleArn: role.value,
      },
    };
  }

  ssoProbe(profile: string): Probe {
    const p = this.merged(profile) ?? {};
    if (!has(p, 'sso_role_name') && !has(p, 'sso_account_id')) {
      return {state: 'absent', reason: 'no sso_role_name or sso_account_id'};
    }
    const fail = (reason: string): Probe => ({
      state: 'hard',
      reason,
      identity: noIdentity('sso', profile),
    });
    const config: Record<string, string> = {...p};
    const required = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'];
    if (has(p, 'sso_session')) {
      const session = this.s.botocore.config.ssoSessions.get(p.sso_session);
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
    const tokens = this.s.input.ssoTokens;
    if (tokens) {
      const expiresAt = tokens[tokenKey];
      if (expiresAt === undefined)
        return fail(`Error loading SSO Token: Token for ${tokenKey} does not exist`);
      if (ssoTokenExpired(expiresAt, this.s.input.now)) {
        return fail(
          'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
        );
      }
    }
    return {
      state: 'ok',
      reason: `SSO role ${config.sso_role_name} in account ${config.sso_account_id}${tokens ? '' : ' (needs a current `aws sso login`)'}`,
      identity: noIdentity('sso', profile),
    };
  }

  /** Static keys from one file; botocore reads each file on its own, so half a pair is an error. */
  staticProbe(file: 'credentials' | 'config', profile: string): Probe {
    const view = file === 'credentials' ? this.s.botocore.credentials : this.s.botocore.config;
    const source = file === 'credentials' ? 'shared-credentials-file' : 'config-file';
    const section = view.profiles.get(profile);
    const v = section?.values;
    if (!v || !has(v, 'aws_access_key_id')) {
      return {
        state: 'absent',
        reason: section
          ? has(v, 'aws_secret_access_key')
            ? `[${section.section}] has aws_secret_access_key but no aws_access_key_id, so it is skipped`
            : `[${section.section}] has no aws_access_key_id`
          : `no [${file === 'config' && profile !== 'default' ? `profile ${profile}` : profile}] in the ${file} file`,
      };
    }
    const identity = staticIdentity(
      source,
      profile,
      v.aws_access_key_id,
      v.aws_security_token ?? v.aws_session_token,
      {
        ...this.merged(profile),
      },
    );
    if (!has(v, 'aws_secret_access_key')) {
      return {
        state: 'hard',
        reason: `Partial credentials found in ${source}, missing: aws_secret_access_key ([${section!.section}], line ${section!.line})`,
        identity,
      };
    }
    const token = has(v, 'aws_security_token')
      ? ' with aws_security_token'
      : has(v, 'aws_session_token')
        ? ' with aws_session_token'
        : '';
    return {
      state: 'ok',
      reason: `aws_access_key_id (…${v.aws_access_key_id.slice(-4)})${token} in [${section!.section}], line ${section!.keyLines.aws_access_key_id}`,
      identity,
    };
  }

  processProbe(profile: string): Probe {
    const p = this.merged(profile);
    if (!p || !has(p, 'credential_process'))
      return {state: 'absent', reason: 'no credential_process'};
    return {
      state: 'ok',
      reason: `runs credential_process (split like a shell command line, no shell): ${p.credential_process}`,
      identity: noIdentity('custom-process', profile),
    };
  }

  /** The providers botocore uses for a source_profile (no env vars, no assume-role). */
  profileProviders(profile: string): Probe[] {
    const probes = [
      this.webIdentityProbe(profile, true),
      this.ssoProbe(profile),
      this.staticProbe('credentials', profile),
      this.processProbe(profile),
      this.staticProbe('config', profile),
    ];
    return probes;
  }

  /** Resolves where an assume-role profile's source credentials come from, failing as botocore does. */
  roleSource(
    profile: string,
    visited: string[],
  ): {ok: true; via: WinnerIdentity} | {ok: false; reason: string} {
    const p = this.merged(profile)!;
    const sp = p.source_profile;
    const cs = p.credential_source;
    if (sp !== undefined && cs !== undefined) {
      return {
        ok: false,
        reason: `The profile "${profile}" contains both source_profile and credential_source.`,
      };
    }
    if (sp === undefined && cs === undefined) {
      return {
        ok: false,
        reason:
          'Partial credentials found in assume-role, missing: source_profile or credential_source',
      };
    }
    if (cs !== undefined) {
      if (!CANONICAL_SOURCES.includes(cs)) {
        return {
          ok: false,
          reason: `The credential source "${cs}" referenced in profile "${profile}" is not valid.`,
        };
      }
      const probe =
        cs === 'Environment'
          ? this.envProbe(false)
          : cs === 'EcsContainer'
            ? this.containerProbe()
            : this.imdsProbe();
      if (probe.state === 'ok') return {ok: true, via: probe.identity};
      if (probe.state === 'hard') return {ok: false, reason: probe.reason};
      return {
        ok: false,
        reason: `Error when retrieving credentials from ${cs}: No credentials found in credential_source referenced in profile ${profile}`,
      };
    }
    if (!this.exists(sp!)) {
      return {
        ok: false,
        reason: `The source_profile "${sp}" referenced in the profile "${profile}" does not exist.`,
      };
    }
    const src = this.merged(sp!)!;
    const hasStatic = has(src, 'aws_access_key_id') || has(src, 'aws_secret_access_key');
    if (visited.includes(sp!) && (sp !== profile || !hasStatic)) {
      return {
        ok: false,
        reason: `Infinite loop in credential configuration detected. Attempting to load from profile ${sp} which has already been visited. Visited profiles: ${visited.join(', ')}`,
      };
    }
    visited.push(sp!);
    const isRole = has(src, 'role_arn') && !has(src, 'web_identity_token_file');
    if (hasStatic || !isRole) {
      for (const probe of this.profileProviders(sp!)) {
        if (probe.state === 'ok') return {ok: true, via: probe.identity};
        if (probe.state === 'hard' || probe.state === 'soft')
          return {ok: false, reason: probe.reason};
      }
      return {ok: false, reason: `The source profile "${sp}" must have credentials.`};
    }
    const inner = this.roleSource(sp!, visited);
    if (!inner.ok) return inner;
    return {
      ok: true,
      via: {...noIdentity('assume-role', sp!), roleArn: src.role_arn, via: inner.via},
    };
  }

  assumeRoleProbe(profile: string): Probe {
    const p = this.merged(profile);
    if (!p || !has(p, 'role_arn')) return {state: 'absent', reason: 'no role_arn'};
    if (has(p, 'web_identity_token_file')) {
      return {state: 'absent', reason: 'role_arn is used with web_identity_token_file instead'};
    }
    const source = this.roleSource(profile, [profile]);
    const identity = {...noIdentity('assume-role', profile), roleArn: p.role_arn};
    if (!source.ok) return {state: 'hard', reason: source.reason, identity};
    const mfa = has(p, 'mfa_serial')
      ? `; prompts for an MFA code for ${p.mfa_serial} unless a cached session is valid`
      : '';
    return {
      state: 'ok',
      reason: `assumes ${p.role_arn} with ${describeVia(source.via)}${mfa}`,
      identity: {...identity, via: source.via},
    };
  }

  resolve(): ClientResult {
    const s = this.s;
    const selected = botocoreProfile(this.flavor, s.env, s.input.explicitProfile);
    const {name} = selected;
    let fatal: string | undefined;
    const cfgErr = s.botocore.config.error;
    const credErr = s.botocore.credentials.error;
    if (cfgErr)
      fatal = `Unable to parse config file: ${s.paths.config} (line ${cfgErr.line}: ${cfgErr.message})`;
    else if (credErr) {
      fatal = `Unable to parse config file: ${s.paths.credentials} (line ${credErr.line}: ${credErr.message})`;
    } else if (selected.set && !this.exists(name)) {
      fatal = `The config profile (${name}) could not be found`;
    }
    const explicit = s.input.explicitProfile !== undefined;
    const chain = new ChainBuilder(fatal);
    chain.add('env', this.envProbe(explicit));
    chain.add('assume-role', this.assumeRoleProbe(name));
    chain.add('web-identity', this.webIdentityProbe(name, explicit));
    chain.add('sso', this.ssoProbe(name));
    chain.add('shared-credentials-file', this.staticProbe('credentials', name));
    chain.add('custom-process', this.processProbe(name));
    chain.add('config-file', this.staticProbe('config', name));
    chain.add('container', this.containerProbe());
    chain.add('imds', this.imdsProbe());
    const {chain: links, winner} = chain.finish('Unable to locate credentials');
    return {client: this.flavor, profile: {name, from: selected.from}, winner, chain: links};
  }
}

/** The AWS CLI v2's or boto3's choice for this snapshot. */
export function resolveBotocore(s: Snapshot, flavor: Flavor): ClientResult {
  return new BotocoreModel(s, flavor).resolve();
}
