// The Go SDK v2 model: config.LoadDefaultConfig. Go picks one provider from what is configured and
// never falls through; configuration mistakes fail LoadDefaultConfig itself.
import {absent, assumes, ChainBuilder, fails, ignored, ok, type Probe} from './chain.js';
import {emptyConfig, LoadError, loadGoConfig, type GoConfig} from './go-config.js';
import {envIdentity, noIdentity, staticIdentity} from './identity.js';
import {
  containerProbe,
  imdsDisabledBotocoreOrGo,
  selectProfile,
  type Snapshot,
} from './snapshot.js';
import {processProbe} from './process.js';
import {goSso} from './sso.js';
import type {ClientResult, SourceId} from './types.js';

type Choice = {source: SourceId; probe: Probe};

/** The profile's providers after env and env web identity, in the order the chain lists them. */
const PROFILE_ORDER: SourceId[] = [
  'assume-role',
  'shared-credentials-file',
  'config-file',
  'web-identity',
  'sso',
  'custom-process',
  'container',
  'imds',
];

class GoModel {
  constructor(readonly s: Snapshot) {}

  envKeys(): {id: string; secret: string} | undefined {
    const env = this.s.env;
    const id = env.AWS_ACCESS_KEY_ID || env.AWS_ACCESS_KEY || '';
    const secret = env.AWS_SECRET_ACCESS_KEY || env.AWS_SECRET_KEY || '';
    return id && secret ? {id, secret} : undefined;
  }

  /** The provider the profile's own settings select, before role_arn. */
  baseProvider(c: GoConfig): Choice {
    const env = this.s.env;
    if (c.source) return this.fromProfile(c.source);
    if (c.keys) {
      const source = c.keyFile === 'config' ? 'config-file' : 'shared-credentials-file';
      const reason = `aws_access_key_id (…${c.keys.id.slice(-4)}) from the ${c.keyFile ?? 'credentials'} file`;
      const identity = staticIdentity(
        source,
        c.name,
        c.keys.id,
        c.keys.token || undefined,
        c.values,
      );
      return {source, probe: ok(reason, identity)};
    }
    if (c.credentialSource) return this.credentialSource(c);
    if (c.ssoSession || c.ssoLegacy) return {source: 'sso', probe: goSso(this.s, c)};
    if (c.process) {
      const probe = processProbe(this.s, c.process, c.name, 'shell', 'hard');
      return {source: 'custom-process', probe};
    }
    if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)
      return {
        source: 'container',
        probe: containerProbe(this.s, 'go', 'the container credentials endpoint'),
      };
    return {
      source: 'imds',
      probe: imdsDisabledBotocoreOrGo(env)
        ? absent(
            'nothing else is configured and IMDS is disabled by AWS_EC2_METADATA_DISABLED=true',
          )
        : ok(
            'nothing else is configured: asks the EC2 instance metadata service',
            noIdentity('imds'),
          ),
    };
  }

  /** resolveCredsFromProfile: the one provider this profile's settings select, role_arn applied on top. */
  fromProfile(c: GoConfig): Choice {
    if (c.webIdentity && !c.source && !c.keys && !c.credentialSource) {
      const identity = noIdentity('web-identity', c.name, c.roleArn);
      return {
        source: 'web-identity',
        probe: ok(`web_identity_token_file: assumes ${c.roleArn}`, identity),
      };
    }
    const base = this.baseProvider(c);
    if (!c.roleArn || c.webIdentity) return base;
    const identity = noIdentity('assume-role', c.name, c.roleArn);
    const role = (probe: Probe): Choice => ({source: 'assume-role', probe});
    if (c.mfaSerial) {
      return role(
        fails(
          'assume role with MFA enabled, but AssumeRoleTokenProvider session option not set.',
          identity,
        ),
      );
    }
    if (base.probe.state !== 'ok')
      return role(fails(`no source credentials for ${c.roleArn}: ${base.probe.reason}`, identity));
    return role(assumes(identity, base.probe.identity));
  }

  credentialSource(c: GoConfig): Choice {
    const env = this.s.env;
    switch (c.credentialSource) {
      case 'Ec2InstanceMetadata':
        return {
          source: 'imds',
          probe: imdsDisabledBotocoreOrGo(env)
            ? fails(
                'credential_source Ec2InstanceMetadata, but IMDS is disabled by AWS_EC2_METADATA_DISABLED=true',
              )
            : ok('the EC2 instance metadata service', noIdentity('imds')),
        };
      case 'Environment': {
        const keys = this.envKeys();
        return {
          source: 'env',
          probe: keys
            ? ok(
                'the environment keys',
                envIdentity(env, keys.id, env.AWS_SESSION_TOKEN || undefined),
              )
            : fails(
                'credential_source Environment, but the environment has no key pair (static credentials are empty)',
              ),
        };
      }
      case 'EcsContainer':
        return {
          source: 'container',
          probe: env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
            ? containerProbe(this.s, 'go', 'the container credentials endpoint')
            : fails(
                "EcsContainer was specified as the credential_source, but 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' was not set",
              ),
        };
      default:
        return {
          source: 'assume-role',
          probe: fails(
            'credential_source values must be EcsContainer, Ec2InstanceMetadata, or Environment',
          ),
        };
    }
  }

  /** The environment's links: static keys, then AssumeRoleWithWebIdentity from env vars. */
  envLinks(chain: ChainBuilder, explicit: string | undefined): void {
    const env = this.s.env;
    const keys = this.envKeys();
    if (explicit) {
      chain.add(
        'env',
        keys
          ? ignored(`the environment keys are ignored: profile ${explicit} was set in code`)
          : absent('no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY pair'),
      );
    } else if (keys) {
      const token = env.AWS_SESSION_TOKEN || undefined;
      chain.add(
        'env',
        ok(
          `AWS_ACCESS_KEY_ID (…${keys.id.slice(-4)}) and AWS_SECRET_ACCESS_KEY${token ? ' with AWS_SESSION_TOKEN' : ''}${env.AWS_PROFILE ? ` (beat AWS_PROFILE=${env.AWS_PROFILE})` : ''}`,
          envIdentity(env, keys.id, token, token ? 'AWS_SESSION_TOKEN' : undefined),
        ),
      );
    } else {
      chain.add(
        'env',
        absent(
          env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY
            ? 'only half of the key pair is set, so the environment is skipped'
            : 'AWS_ACCESS_KEY_ID is not set',
        ),
      );
    }
    const token = env.AWS_WEB_IDENTITY_TOKEN_FILE;
    const roleArn = env.AWS_ROLE_ARN;
    let probe: Probe;
    if (!token) probe = absent('no AWS_WEB_IDENTITY_TOKEN_FILE');
    else if (explicit) probe = absent(`ignored: profile ${explicit} was set in code`);
    else if (roleArn) {
      const identity = noIdentity('web-identity', null, roleArn);
      probe = ok(`AWS_WEB_IDENTITY_TOKEN_FILE: assumes ${roleArn}`, identity);
    } else {
      probe = fails(
        'AWS_WEB_IDENTITY_TOKEN_FILE is set but role ARN is not set (AWS_ROLE_ARN)',
        noIdentity('web-identity'),
      );
    }
    chain.add('web-identity', probe);
  }

  resolve(): ClientResult {
    const env = this.s.env;
    const profile = selectProfile(this.s, 'go-sdk-v2');
    const {name, from} = profile;
    const explicit = from === 'explicit' ? name : undefined;
    // Only a profile named in code or by AWS_PROFILE must exist; AWS_DEFAULT_PROFILE is forgiven.
    const mustExist = from === 'explicit' || from === 'AWS_PROFILE';
    let cfg: GoConfig | undefined;
    let fatal: string | undefined;
    try {
      cfg = loadGoConfig(this.s, name, new Set());
    } catch (e) {
      if (!(e instanceof LoadError) || !e.notExist || mustExist) fatal = (e as Error).message;
    }
    const chain = new ChainBuilder(fatal);
    this.envLinks(chain, explicit);
    const fromProfile = !!explicit || (!this.envKeys() && !env.AWS_WEB_IDENTITY_TOKEN_FILE);
    const picked = this.fromProfile(cfg ?? emptyConfig(name));
    const elsewhere = absent(
      cfg ? `not what profile ${name} configures` : `profile ${name} is not in either file`,
    );
    for (const source of PROFILE_ORDER) {
      if (source !== picked.source) chain.add(source, elsewhere);
      else if (fromProfile || picked.probe.state === 'absent') chain.add(source, picked.probe);
      else chain.add(source, ignored(picked.probe.reason));
    }
    const {chain: links, winner} = chain.finish(
      'no credentials: nothing is configured and IMDS is disabled',
    );
    return {client: 'go-sdk-v2', profile, winner, chain: links};
  }
}

/** The Go SDK v2's (config.LoadDefaultConfig) choice for this snapshot. */
export function resolveGo(s: Snapshot): ClientResult {
  return new GoModel(s).resolve();
}
