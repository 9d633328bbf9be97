// The Go SDK v2 model: config.LoadDefaultConfig. Go picks one provider from what is configured and
// never falls through; configuration mistakes fail LoadDefaultConfig itself.
import {
  ChainBuilder,
  describeVia,
  envIdentity,
  has,
  imdsDisabledBotocoreOrGo,
  noIdentity,
  staticIdentity,
  type Probe,
  type Snapshot,
  type WinnerIdentity,
} from './chain.js';
import type {ClientResult, SourceId} from './types.js';

/** Keys Go copies from the credentials file over the config file (static keys only move as a pair). */
const MERGED_KEYS = [
  'role_arn',
  'source_profile',
  'credential_source',
  'external_id',
  'mfa_serial',
  'role_session_name',
  'region',
  'credential_process',
  'web_identity_token_file',
  'duration_seconds',
  'sso_session',
  'sso_account_id',
  'sso_region',
  'sso_role_name',
  'sso_start_url',
];

type GoSection = {
  values: Record<string, string>;
  /** Which file the static keys came from. */
  keyFile: 'credentials' | 'config' | undefined;
  partial?: string;
};

type GoConfig = {
  name: string;
  roleArn: string;
  sourceProfile: string;
  credentialSource: string;
  webIdentity: string;
  process: string;
  mfaSerial: string;
  ssoSession: string;
  ssoLegacy: boolean;
  keys: {id: string; secret: string; token: string} | undefined;
  keyFile: 'credentials' | 'config' | undefined;
  values: Record<string, string>;
  source?: GoConfig;
};

class LoadError extends Error {}

class GoModel {
  constructor(readonly s: Snapshot) {}

  section(name: string): GoSection | undefined {
    const cfg = this.s.go.config.profiles.get(name)?.values;
    const cred = this.s.go.credentials.profiles.get(name)?.values;
    if (!cfg && !cred) return undefined;
    const partial = (v: Record<string, string> | undefined) =>
      v && has(v, 'aws_access_key_id') !== has(v, 'aws_secret_access_key')
        ? `partial credentials found for profile ${name}`
        : undefined;
    if (!cfg)
      return {
        values: cred!,
        keyFile: has(cred, 'aws_access_key_id') ? 'credentials' : undefined,
        partial: partial(cred),
      };
    if (!cred)
      return {
        values: cfg,
        keyFile: has(cfg, 'aws_access_key_id') ? 'config' : undefined,
        partial: partial(cfg),
      };
    const values = {...cfg};
    let keyFile: GoSection['keyFile'] = has(cfg, 'aws_access_key_id') ? 'config' : undefined;
    if (has(cred, 'aws_access_key_id') && has(cred, 'aws_secret_access_key')) {
      values.aws_access_key_id = cred.aws_access_key_id;
      values.aws_secret_access_key = cred.aws_secret_access_key;
      if (has(cred, 'aws_session_token')) values.aws_session_token = cred.aws_session_token;
      keyFile = 'credentials';
    }
    for (const k of MERGED_KEYS) if (has(cred, k)) values[k] = cred[k];
    // The credentials file's section errors replace the config file's.
    return {values, keyFile, partial: partial(cred)};
  }

  /** SharedConfig.setFromIniSections: loads a profile and its source_profile chain, failing as Go does. */
  load(name: string, visited: Set<string>): GoConfig {
    const sec = this.section(name);
    if (!sec)
      throw Object.assign(new LoadError(`failed to get shared config profile, ${name}`), {
        notExist: true,
      });
    if (sec.partial) {
      throw new LoadError(
        `error fetching config from profile, ${name}, Error using profile: ${sec.partial}`,
      );
    }
    const v = sec.values;
    const str = (k: string) => v[k] ?? '';
    const id = str('aws_access_key_id');
    const secret = str('aws_secret_access_key');
    const c: GoConfig = {
      name,
      roleArn: str('role_arn'),
      sourceProfile: str('source_profile'),
      credentialSource: str('credential_source'),
      webIdentity: str('web_identity_token_file'),
      process: str('credential_process'),
      mfaSerial: str('mfa_serial'),
      ssoSession: str('sso_session'),
      ssoLegacy: ['sso_region', 'sso_account_id', 'sso_start_url', 'sso_role_name'].some(
        (k) => !!v[k],
      ),
      keys: id && secret ? {id, secret, token: str('aws_session_token')} : undefined,
      keyFile: sec.keyFile,
      values: v,
    };
    if (visited.has(name)) {
      c.roleArn = '';
      c.sourceProfile = '';
      c.mfaSerial = '';
    } else {
      const credType = c.sourceProfile
        ? 'source_profile'
        : c.credentialSource
          ? 'credential_source'
          : c.webIdentity
            ? 'web_identity_token_file'
            : '';
      if (credType && !c.roleArn)
        throw new LoadError(`credential type ${credType} requires role_arn, profile ${name}`);
    }
    if (visited.size > 0 && c.keys) return c;
    visited.add(name);
    const kinds = [c.sourceProfile, c.credentialSource, c.process, c.webIdentity].filter(
      Boolean,
    ).length;
    if (kinds > 1) {
      throw new LoadError(
        'only one credential type may be specified per profile: source profile, credential source, credential process, web identity token',
      );
    }
    if (c.sourceProfile) {
      c.credentialSource = c.process = c.webIdentity = '';
      c.keys = undefined;
      c.ssoLegacy = false;
      let src: GoConfig;
      try {
        src = this.load(c.sourceProfile, visited);
      } catch (e) {
        if ((e as {notExist?: boolean}).notExist) {
          throw new LoadError(
            `failed to load assume role ${c.roleArn}, of profile ${c.sourceProfile}, ${(e as Error).message}`,
          );
        }
        throw e;
      }
      const hasCreds =
        src.sourceProfile ||
        src.credentialSource ||
        src.process ||
        src.webIdentity ||
        src.ssoSession ||
        src.ssoLegacy ||
        src.keys;
      if (!hasCreds) {
        throw new LoadError(
          `failed to load assume role ${c.roleArn}, of profile ${c.sourceProfile}: it has no credentials`,
        );
      }
      c.source = src;
    }
    if (c.ssoSession && !this.s.go.config.ssoSessions.has(c.ssoSession.trim())) {
      throw new LoadError(`failed to find SSO session section, ${c.ssoSession}`);
    }
    return c;
  }

  envKeys(): {id: string; secret: string} | undefined {
    const env = this.s.env;
    const id = env.AWS_ACCESS_KEY_ID || env.AWS_ACCESS_KEY || '';
    const secret = env.AWS_SECRET_ACCESS_KEY || env.AWS_SECRET_KEY || '';
    return id && secret ? {id, secret} : undefined;
  }

  /** resolveCredsFromProfile: the one provider this profile's settings select, role_arn applied on top. */
  fromProfile(c: GoConfig): {source: SourceId; probe: Probe} {
    const env = this.s.env;
    let base: {source: SourceId; probe: Probe};
    if (c.source) {
      base = this.fromProfile(c.source);
    } else if (c.keys) {
      const source = c.keyFile === 'config' ? 'config-file' : 'shared-credentials-file';
      base = {
        source,
        probe: {
          state: 'ok',
          reason: `aws_access_key_id (…${c.keys.id.slice(-4)}) from the ${c.keyFile ?? 'credentials'} file`,
          identity: staticIdentity(source, c.name, c.keys.id, c.keys.token || undefined, c.values),
        },
      };
    } else if (c.credentialSource) {
      base = this.credentialSource(c);
    } else if (c.webIdentity) {
      return {
        source: 'web-identity',
        probe: {
          state: 'ok',
          reason: `web_identity_token_file: assumes ${c.roleArn}`,
          identity: {...noIdentity('web-identity', c.name), roleArn: c.roleArn},
        },
      };
    } else if (c.ssoSession || c.ssoLegacy) {
      base = {source: 'sso', probe: this.sso(c)};
    } else if (c.process) {
      base = {
        source: 'custom-process',
        probe: {
          state: 'ok',
          reason: `runs credential_process: ${c.process}`,
          identity: noIdentity('custom-process', c.name),
        },
      };
    } else if (
      env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
    ) {
      base = {
        source: 'container',
        probe: {
          state: 'ok',
          reason: 'the container credentials endpoint',
          identity: noIdentity('container'),
        },
      };
    } else if (imdsDisabledBotocoreOrGo(env)) {
      base = {
        source: 'imds',
        probe: {
          state: 'absent',
          reason:
            'nothing else is configured and IMDS is disabled by AWS_EC2_METADATA_DISABLED=true',
        },
      };
    } else {
      base = {
        source: 'imds',
        probe: {
          state: 'ok',
          reason: 'nothing else is configured: asks the EC2 instance metadata service',
          identity: noIdentity('imds'),
        },
      };
    }
    if (!c.roleArn || c.webIdentity) return base;
    const identity: WinnerIdentity = {...noIdentity('assume-role', c.name), roleArn: c.roleArn};
    if (c.mfaSerial) {
      return {
        source: 'assume-role',
        probe: {
          state: 'hard',
          reason:
            'assume role with MFA enabled, but AssumeRoleTokenProvider session option not set.',
          identity,
        },
      };
    }
    if (base.probe.state !== 'ok') {
      return {
        source: 'assume-role',
        probe: {
          state: 'hard',
          reason: `no source credentials for ${c.roleArn}: ${base.probe.reason}`,
          identity,
        },
      };
    }
    return {
      source: 'assume-role',
      probe: {
        state: 'ok',
        reason: `assumes ${c.roleArn} with ${describeVia(base.probe.identity)}`,
        identity: {...identity, via: base.probe.identity},
      },
    };
  }

  credentialSource(c: GoConfig): {source: SourceId; probe: Probe} {
    const env = this.s.env;
    switch (c.credentialSource) {
      case 'Ec2InstanceMetadata':
        return imdsDisabledBotocoreOrGo(env)
          ? {
              source: 'imds',
              probe: {
                state: 'hard',
                reason:
                  'credential_source Ec2InstanceMetadata, but IMDS is disabled by AWS_EC2_METADATA_DISABLED=true',
              },
            }
          : {
              source: 'imds',
              probe: {
                state: 'ok',
                reason: 'the EC2 instance metadata service',
                identity: noIdentity('imds'),
              },
            };
      case 'Environment': {
        const keys = this.envKeys();
        return keys
          ? {
              source: 'env',
              probe: {
                state: 'ok',
                reason: 'the environment keys',
                identity: envIdentity(env, keys.id, env.AWS_SESSION_TOKEN || undefined),
              },
            }
          : {
              source: 'env',
              probe: {
                state: 'hard',
                reason:
                  'credential_source Environment, but the environment has no key pair (static credentials are empty)',
              },
            };
      }
      case 'EcsContainer':
        return env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
          ? {
              source: 'container',
              probe: {
                state: 'ok',
                reason: 'the container credentials endpoint',
                identity: noIdentity('container'),
              },
            }
          : {
              source: 'container',
              probe: {
                state: 'hard',
                reason:
                  "EcsContainer was specified as the credential_source, but 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' was not set",
              },
            };
      default:
        return {
          source: 'assume-role',
          probe: {
            state: 'hard',
            reason:
              'credential_source values must be EcsContainer, Ec2InstanceMetadata, or Environment',
          },
        };
    }
  }

  sso(c: GoConfig): Probe {
    const v = c.values;
    const fail = (reason: string): Probe => ({
      state: 'hard',
      reason,
      identity: noIdentity('sso', c.name),
    });
    let region = v.sso_region ?? '';
    let startUrl = v.sso_start_url ?? '';
    if (c.ssoSession) {
      const session = this.s.go.config.ssoSessions.get(c.ssoSession.trim())!.values;
      const missing = ['sso_region', 'sso_start_url'].filter((k) => !session[k]);
      if (missing.length)
        return fail(
          `profile "${c.name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
        );
      if (region && region !== session.sso_region)
        return fail(`sso_region in profile "${c.name}" must match sso_region in sso-session`);
      if (startUrl && startUrl !== session.sso_start_url)
        return fail(`sso_start_url in profile "${c.name}" must match sso_start_url in sso-session`);
      region = session.sso_region;
      startUrl = session.sso_start_url;
    } else {
      const missing = ['sso_region', 'sso_start_url', 'sso_account_id', 'sso_role_name'].filter(
        (k) => !v[k],
      );
      if (missing.length)
        return fail(
          `profile "${c.name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
        );
    }
    const key = c.ssoSession || startUrl;
    const tokens = this.s.input.ssoTokens;
    if (tokens && tokens[key] === undefined)
      return fail(`no SSO token for ${key}: run aws sso login`);
    return {
      state: 'ok',
      reason: `SSO role ${v.sso_role_name ?? ''} in account ${v.sso_account_id ?? ''} (region ${region})`,
      identity: noIdentity('sso', c.name),
    };
  }

  resolve(): ClientResult {
    const s = this.s;
    const env = s.env;
    const explicit = s.input.explicitProfile || undefined;
    const envName = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || undefined;
    const name = explicit ?? envName ?? 'default';
    const from = explicit
      ? 'explicit'
      : env.AWS_PROFILE
        ? 'AWS_PROFILE'
        : env.AWS_DEFAULT_PROFILE
          ? 'AWS_DEFAULT_PROFILE'
          : 'default';
    // Only a profile named in code or by AWS_PROFILE must exist; AWS_DEFAULT_PROFILE is forgiven.
    const mustExist = !!explicit || !!env.AWS_PROFILE;
    let cfg: GoConfig | undefined;
    let fatal: string | undefined;
    try {
      cfg = this.load(name, new Set());
    } catch (e) {
      if (!(e as {notExist?: boolean}).notExist || mustExist) fatal = (e as Error).message;
    }
    const chain = new ChainBuilder(fatal);
    const keys = this.envKeys();
    const fromProfile = !!explicit || (!keys && !env.AWS_WEB_IDENTITY_TOKEN_FILE);
    if (explicit) {
      chain.add(
        'env',
        keys
          ? {
              state: 'ignored',
              reason: `the environment keys are ignored: profile ${explicit} was set in code`,
            }
          : {state: 'absent', reason: 'no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY pair'},
      );
    } else if (keys) {
      chain.add('env', {
        state: 'ok',
        reason: `AWS_ACCESS_KEY_ID (…${keys.id.slice(-4)}) and AWS_SECRET_ACCESS_KEY${env.AWS_SESSION_TOKEN ? ' with AWS_SESSION_TOKEN' : ''}${env.AWS_PROFILE ? ` (beat AWS_PROFILE=${env.AWS_PROFILE})` : ''}`,
        identity: envIdentity(
          env,
          keys.id,
          env.AWS_SESSION_TOKEN || undefined,
          env.AWS_SESSION_TOKEN ? 'AWS_SESSION_TOKEN' : undefined,
        ),
      });
    } else {
      chain.add('env', {
        state: 'absent',
        reason:
          env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY
            ? 'only half of the key pair is set, so the environment is skipped'
            : 'AWS_ACCESS_KEY_ID is not set',
      });
    }
    const token = env.AWS_WEB_IDENTITY_TOKEN_FILE;
    if (token && !explicit) {
      chain.add(
        'web-identity',
        env.AWS_ROLE_ARN
          ? {
              state: 'ok',
              reason: `AWS_WEB_IDENTITY_TOKEN_FILE: assumes ${env.AWS_ROLE_ARN}`,
              identity: {...noIdentity('web-identity'), roleArn: env.AWS_ROLE_ARN},
            }
          : {
              state: 'hard',
              reason: 'AWS_WEB_IDENTITY_TOKEN_FILE is set but role ARN is not set (AWS_ROLE_ARN)',
              identity: noIdentity('web-identity'),
            },
      );
    } else {
      chain.add('web-identity', {
        state: 'absent',
        reason: token
          ? `ignored: profile ${explicit} was set in code`
          : 'no AWS_WEB_IDENTITY_TOKEN_FILE',
      });
    }
    const order: SourceId[] = [
      'assume-role',
      'shared-credentials-file',
      'config-file',
      'web-identity',
      'sso',
      'custom-process',
      'container',
      'imds',
    ];
    const picked = cfg ? this.fromProfile(cfg) : this.fromProfile(emptyConfig(name));
    for (const source of order) {
      if (source === picked.source && fromProfile) {
        chain.add(source, picked.probe);
      } else if (source === picked.source) {
        chain.add(
          source,
          picked.probe.state === 'absent'
            ? picked.probe
            : {state: 'ignored', reason: picked.probe.reason},
        );
      } else {
        chain.add(source, {
          state: 'absent',
          reason: cfg
            ? `not what profile ${name} configures`
            : `profile ${name} is not in either file`,
        });
      }
    }
    const {chain: links, winner} = chain.finish(
      'no credentials: nothing is configured and IMDS is disabled',
    );
    return {client: 'go-sdk-v2', profile: {name, from}, winner, chain: links};
  }
}

function emptyConfig(name: string): GoConfig {
  return {
    name,
    roleArn: '',
    sourceProfile: '',
    credentialSource: '',
    webIdentity: '',
    process: '',
    mfaSerial: '',
    ssoSession: '',
    ssoLegacy: false,
    keys: undefined,
    keyFile: undefined,
    values: {},
  };
}

/** The Go SDK v2's (config.LoadDefaultConfig) choice for this snapshot. */
export function resolveGo(s: Snapshot): ClientResult {
  return new GoModel(s).resolve();
}
