// The JS SDK v3 model: fromNodeProviderChain over the JS view of the files. Most provider errors
// let the chain move on; a few (MFA required, broken SSO) stop it.
import {absent, ChainBuilder, fails, ignored, ok, type Probe} from './chain.js';
import {describeVia, envIdentity, noIdentity, staticIdentity} from './identity.js';
import {
  CANONICAL_SOURCES,
  has,
  mergedValues,
  NO_CONTAINER,
  type Snapshot,
  ssoToken,
} from './snapshot.js';
import type {ClientResult, SourceId} from './types.js';

/** Which branch of fromIni's resolveProfileData handled the profile. */
type Branch = 'assume-role' | 'static' | 'web-identity' | 'custom-process' | 'sso' | 'none';
type IniOutcome = {branch: Branch; probe: Probe};
type Values = Record<string, string>;

const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'];
const isStatic = (d: Values | undefined): boolean =>
  !!d && typeof d.aws_access_key_id === 'string' && typeof d.aws_secret_access_key === 'string';
const isAssumeRole = (d: Values | undefined): boolean =>
  !!d &&
  typeof d.role_arn === 'string' &&
  (typeof d.source_profile === 'string') !== (typeof d.credential_source === 'string');
const isSso = (d: Values): boolean => SSO_KEYS.some((k) => has(d, k));

/** The profile's links after env, in fromNodeProviderChain's order, with the fromIni branch each stands for. */
const INI_LINKS: {source: SourceId; branch: Branch; none: string}[] = [
  {
    source: 'assume-role',
    branch: 'assume-role',
    none: 'no role_arn with exactly one of source_profile or credential_source',
  },
  {
    source: 'shared-credentials-file',
    branch: 'static',
    none: 'no aws_access_key_id/aws_secret_access_key pair from the credentials file',
  },
  {
    source: 'config-file',
    branch: 'static',
    none: 'no aws_access_key_id/aws_secret_access_key pair from the config file',
  },
  {
    source: 'web-identity',
    branch: 'web-identity',
    none: 'no web_identity_token_file in the profile',
  },
  {source: 'custom-process', branch: 'custom-process', none: 'no credential_process'},
  {source: 'sso', branch: 'sso', none: 'no sso_* settings'},
];

class JsModel {
  constructor(readonly s: Snapshot) {}

  /** parseKnownFiles: the config profile, then the credentials section's keys assigned over it. */
  merged(name: string): Values | undefined {
    return mergedValues(this.s.js, name);
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
        ? ignored(
            `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are skipped because ${why} (the SDK warns "Multiple credential sources detected")`,
          )
        : absent(`skipped because ${why}`);
    }
    if (!this.envBoth()) {
      const one = env.AWS_ACCESS_KEY_ID
        ? 'AWS_SECRET_ACCESS_KEY is missing'
        : env.AWS_SECRET_ACCESS_KEY
          ? 'AWS_ACCESS_KEY_ID is missing'
          : undefined;
      return absent(one ? `${one}, so the environment is skipped` : 'AWS_ACCESS_KEY_ID is not set');
    }
    const akid = env.AWS_ACCESS_KEY_ID!;
    const token = env.AWS_SESSION_TOKEN || undefined;
    return ok(
      `AWS_ACCESS_KEY_ID (…${akid.slice(-4)}) and AWS_SECRET_ACCESS_KEY${token ? ' with AWS_SESSION_TOKEN' : ''}${env.AWS_SECURITY_TOKEN ? ' (AWS_SECURITY_TOKEN is ignored)' : ''}`,
      envIdentity(env, akid, token, token ? 'AWS_SESSION_TOKEN' : undefined),
    );
  }

  staticOutcome(name: string, d: Values): IniOutcome {
    const cred = this.s.js.credentials.profiles.get(name)?.values;
    const inCreds = has(cred, 'aws_access_key_id');
    const source = inCreds ? 'shared-credentials-file' : 'config-file';
    const hybrid =
      inCreds !== has(cred, 'aws_secret_access_key')
        ? '; the pair is assembled from both files'
        : '';
    const reason = `aws_access_key_id (…${d.aws_access_key_id.slice(-4)}) from the ${inCreds ? 'credentials' : 'config'} file${d.aws_session_token ? ' with aws_session_token' : ''}${hybrid}`;
    return {
      branch: 'static',
      probe: ok(reason, staticIdentity(source, name, d.aws_access_key_id, d.aws_session_token, d)),
    };
  }

  credentialSource(cs: string, profile: string): Probe {
    const env = this.s.env;
    if (cs === 'Environment') {
      if (this.envBoth()) {
        return ok(
          'environment keys',
          envIdentity(env, env.AWS_ACCESS_KEY_ID!, env.AWS_SESSION_TOKEN || undefined),
        );
      }
      return fails(
        `credential_source Environment in profile ${profile}: Unable to find environment variable credentials.`,
        undefined,
        'soft',
      );
    }
    if (cs === 'EcsContainer') {
      return env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI
        ? ok('container credentials', noIdentity('container'))
        : fails(
            `credential_source EcsContainer in profile ${profile}, but no container credentials endpoint is set`,
            undefined,
            'soft',
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
      const identity = {...noIdentity('web-identity', name), roleArn: d.role_arn};
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
        probe: ok(
          `runs credential_process through a shell: ${d.credential_process}`,
          noIdentity('custom-process', name),
        ),
      };
    }
    if (d && isSso(d)) return {branch: 'sso', probe: this.sso(name, d)};
    const reason = d
      ? `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`
      : `profile ${name} is not in either file`;
    return {branch: 'none', probe: fails(reason, undefined, 'soft')};
  }

  assumeRole(name: string, visited: Set<string>): Probe {
    const d = this.merged(name) ?? {};
    const identity = {...noIdentity('assume-role', name), roleArn: d.role_arn};
    const sp = d.source_profile;
    if (sp && visited.has(sp)) {
      return fails(
        `Detected a cycle attempting to resolve credentials for profile ${name}. Profiles visited: ${[...visited].join(', ')}`,
        identity,
        'soft',
      );
    }
    let source: Probe;
    if (sp) {
      const spData = this.merged(sp) ?? {};
      const credentialSourceOnly = !spData.role_arn && !!spData.credential_source;
      source = this.resolveProfileData(sp, new Set(visited).add(sp), credentialSourceOnly).probe;
    } else if (!CANONICAL_SOURCES.includes(d.credential_source)) {
      // An unsupported credential_source fails before the MFA check; the others are awaited later.
      return fails(
        `Unsupported credential source in profile ${name}. Got ${d.credential_source}, expected EcsContainer or Ec2InstanceMetadata or Environment.`,
        identity,
        'soft',
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
    return ok(`assumes ${d.role_arn} with ${describeVia(source.identity)}`, {
      ...identity,
      via: source.identity,
    });
  }

  sso(name: string, d: Values): Probe {
    const fail = (reason: string) => fails(reason, noIdentity('sso', name));
    const p = {...d};
    if (d.sso_session) {
      const session = this.s.js.config.ssoSessions.get(d.sso_session);
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
    const token = ssoToken(this.s, d.sso_session || p.sso_start_url);
    if (token === 'missing' || token === 'expired') {
      return fail(
        `The SSO session associated with this profile ${token === 'missing' ? 'is invalid' : 'has expired'}. To refresh this SSO session run aws sso login with the corresponding profile.`,
      );
    }
    return ok(
      `SSO role ${p.sso_role_name} in account ${p.sso_account_id}${token === 'unknown' ? ' (needs a current `aws sso login`)' : ''}`,
      noIdentity('sso', name),
    );
  }

  /** fromIni's links: the branch it took for the profile, and what else the profile sets but fromIni passed over. */
  iniLinks(chain: ChainBuilder, name: string): void {
    const d = this.merged(name);
    const outcome = this.resolveProfileData(name, new Set(), false);
    const inCreds = has(this.s.js.credentials.profiles.get(name)?.values, 'aws_access_key_id');
    const configured: Partial<Record<SourceId, boolean>> = {
      'assume-role':
        !!d &&
        typeof d.role_arn === 'string' &&
        (has(d, 'source_profile') || has(d, 'credential_source')),
      'shared-credentials-file': isStatic(d) && inCreds,
      'config-file': isStatic(d) && !inCreds,
      'web-identity': !!d && has(d, 'web_identity_token_file'),
      'custom-process': !!d && has(d, 'credential_process'),
      sso: !!d && isSso(d),
    };
    for (const {source, branch, none} of INI_LINKS) {
      // fromProcess runs after fromIni, so a profile whose other settings fail still gets its process.
      if (
        source === 'custom-process' &&
        outcome.branch !== branch &&
        configured[source] &&
        chain.winner === undefined
      ) {
        chain.add(
          source,
          ok(
            `fromProcess runs credential_process through a shell: ${d!.credential_process}`,
            noIdentity('custom-process', name),
          ),
        );
      } else if (outcome.branch === branch && (branch !== 'static' || configured[source])) {
        chain.add(source, outcome.probe);
      } else if (configured[source]) {
        chain.add(
          source,
          ignored(`profile ${name} also sets this, but fromIni took the ${outcome.branch} branch`),
        );
      } else {
        chain.add(source, absent(d ? none : `profile ${name} is not in either file`));
      }
    }
  }

  /** The providers after fromIni and fromProcess: env web identity, container, IMDS. */
  envLinks(chain: ChainBuilder): void {
    const env = this.s.env;
    const tokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE;
    const roleArn = env.AWS_ROLE_ARN;
    chain.add(
      'web-identity',
      tokenFile && roleArn
        ? ok(`AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN: assumes ${roleArn}`, {
            ...noIdentity('web-identity'),
            roleArn,
          })
        : absent(
            tokenFile || roleArn
              ? 'needs both AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN'
              : 'no AWS_WEB_IDENTITY_TOKEN_FILE',
          ),
    );
    const container =
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    chain.add(
      'container',
      container
        ? ok('the container credentials endpoint', noIdentity('container'))
        : absent(NO_CONTAINER),
    );
    const off = env.AWS_EC2_METADATA_DISABLED;
    chain.add(
      'imds',
      container
        ? absent('not tried when a container endpoint is set')
        : off && off !== 'false'
          ? absent(`disabled by AWS_EC2_METADATA_DISABLED=${off}`)
          : ok('asks the EC2 instance metadata service (works only on EC2)', noIdentity('imds')),
    );
  }

  resolve(): ClientResult {
    const env = this.s.env;
    const explicit = this.s.input.explicitProfile || undefined;
    const profileSet = explicit ?? (env.AWS_PROFILE || undefined);
    const name = profileSet ?? 'default';
    const from = explicit ? 'explicit' : env.AWS_PROFILE ? 'AWS_PROFILE' : 'default';
    const chain = new ChainBuilder();
    chain.add('env', this.envProbe(profileSet, !!explicit));
    this.iniLinks(chain, name);
    this.envLinks(chain);
    const {chain: links, winner} = chain.finish('Could not load credentials from any providers');
    return {client: 'js-sdk-v3', profile: {name, from}, winner, chain: links};
  }
}

/** The JS SDK v3's (fromNodeProviderChain) choice for this snapshot. */
export function resolveJs(s: Snapshot): ClientResult {
  return new JsModel(s).resolve();
}
