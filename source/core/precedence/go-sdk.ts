// The Go SDK v2 model: config.LoadDefaultConfig. Go picks one provider from what is configured and
// never falls through; configuration mistakes fail LoadDefaultConfig itself.
import {masked} from '../mask.js';
import {absent, assumes, ChainBuilder, fails, ignored, ok, type Probe} from './chain.js';
import {LoadError, loadGoConfig, toConfig, type GoConfig} from './go-config.js';
import {envIdentity, noIdentity, staticIdentity} from './identity.js';
import {containerProbe, imdsDisabled, selectProfile, type Snapshot} from './snapshot.js';
import {processProbe} from './process.js';
import {goSso} from './sso.js';
import type {ClientResult, SourceId} from './types.js';

type Choice = {source: SourceId; probe: Probe};

const NOTHING = 'nothing else is configured';
const IMDS_OFF = 'is disabled by AWS_EC2_METADATA_DISABLED=true';

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

/** The Go SDK v2's (config.LoadDefaultConfig) choice for a snapshot. */
export class GoModel {
  constructor(readonly s: Snapshot) {}

  /** The environment's key pair: Go reads AWS_ACCESS_KEY and AWS_SECRET_KEY in place of a missing name. */
  envKeys() {
    const env = this.s.env;
    const idName = env.AWS_ACCESS_KEY_ID ? 'AWS_ACCESS_KEY_ID' : 'AWS_ACCESS_KEY';
    const secretName = env.AWS_SECRET_ACCESS_KEY ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_SECRET_KEY';
    const id = env[idName];
    return id && env[secretName] ? {id, idName, secretName} : undefined;
  }

  /** The provider the profile's own settings select, before role_arn. */
  baseProvider(c: GoConfig): Choice {
    const env = this.s.env;
    if (c.source) return this.fromProfile(c.source);
    if (c.keys) {
      const source = c.keyFile === 'config' ? 'config-file' : 'shared-credentials-file';
      const {id, token} = c.keys;
      const reason = `aws_access_key_id (${masked(id)}) from the ${c.keyFile ?? 'credentials'} file`;
      const identity = staticIdentity(source, c.name, id, token || undefined, c.values);
      return {source, probe: ok(reason, identity)};
    }
    if (c.credentialSource) return this.credentialSource(c);
    if (c.ssoSession || c.ssoLegacy) return {source: 'sso', probe: goSso(this.s, c)};
    if (c.process) {
      const probe = processProbe(this.s, c.process, c.name, 'shell', 'hard');
      return {source: 'custom-process', probe};
    }
    if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)
      return {source: 'container', probe: containerProbe(this.s, 'go')};
    const probe = imdsDisabled(env)
      ? absent(`${NOTHING} and IMDS ${IMDS_OFF}`)
      : ok(`${NOTHING}: asks the EC2 instance metadata service`, noIdentity('imds'));
    return {source: 'imds', probe};
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
    const mfa = 'assume role with MFA enabled, but AssumeRoleTokenProvider session option not set.';
    const probe = c.mfaSerial
      ? fails(mfa, identity)
      : base.probe.state === 'ok'
        ? assumes(identity, base.probe.identity)
        : fails(`no source credentials for ${c.roleArn}: ${base.probe.reason}`, identity);
    return {source: 'assume-role', probe};
  }

  credentialSource(c: GoConfig): Choice {
    const env = this.s.env;
    const keys = this.envKeys();
    if (c.credentialSource === 'Ec2InstanceMetadata') {
      const off = `credential_source Ec2InstanceMetadata, but IMDS ${IMDS_OFF}`;
      const on = ok('the EC2 instance metadata service', noIdentity('imds'));
      return {source: 'imds', probe: imdsDisabled(env) ? fails(off) : on};
    }
    if (c.credentialSource === 'Environment') {
      const token = env.AWS_SESSION_TOKEN || undefined;
      const none =
        'credential_source Environment, but the environment has no key pair (static credentials are empty)';
      const probe = keys
        ? ok('the environment keys', envIdentity(env, keys.id, token))
        : fails(none);
      return {source: 'env', probe};
    }
    if (c.credentialSource === 'EcsContainer') {
      const unset =
        "EcsContainer was specified as the credential_source, but 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' was not set";
      const probe = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
        ? containerProbe(this.s, 'go')
        : fails(unset);
      return {source: 'container', probe};
    }
    const reason =
      'credential_source values must be EcsContainer, Ec2InstanceMetadata, or Environment';
    return {source: 'assume-role', probe: fails(reason)};
  }

  /** The environment's static keys, which a profile set in code turns off. */
  envProbe(explicit: string | undefined): Probe {
    const env = this.s.env;
    const keys = this.envKeys();
    if (explicit) {
      return keys
        ? ignored(`the environment keys are ignored: profile ${explicit} was set in code`)
        : absent('no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY pair');
    }
    if (!keys) {
      return absent(
        env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY
          ? 'only half of the key pair is set, so the environment is skipped'
          : 'AWS_ACCESS_KEY_ID is not set',
      );
    }
    const token = env.AWS_SESSION_TOKEN || undefined;
    return ok(
      `${keys.idName} (${masked(keys.id)}) and ${keys.secretName}${token ? ' with AWS_SESSION_TOKEN' : ''}${env.AWS_PROFILE ? ` (beat AWS_PROFILE=${env.AWS_PROFILE})` : ''}`,
      envIdentity(env, keys.id, token, token ? 'AWS_SESSION_TOKEN' : undefined),
    );
  }

  /** AssumeRoleWithWebIdentity from the environment. */
  webIdentityProbe(explicit: string | undefined): Probe {
    const roleArn = this.s.env.AWS_ROLE_ARN;
    if (!this.s.env.AWS_WEB_IDENTITY_TOKEN_FILE) return absent('no AWS_WEB_IDENTITY_TOKEN_FILE');
    if (explicit) return absent(`ignored: profile ${explicit} was set in code`);
    if (!roleArn) {
      return fails(
        'AWS_WEB_IDENTITY_TOKEN_FILE is set but role ARN is not set (AWS_ROLE_ARN)',
        noIdentity('web-identity'),
      );
    }
    const identity = noIdentity('web-identity', null, roleArn);
    return ok(`AWS_WEB_IDENTITY_TOKEN_FILE: assumes ${roleArn}`, identity);
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
    chain.add('env', this.envProbe(explicit));
    chain.add('web-identity', this.webIdentityProbe(explicit));
    const fromProfile = !!explicit || (!this.envKeys() && !env.AWS_WEB_IDENTITY_TOKEN_FILE);
    // A profile Go forgives being absent has nothing set.
    const picked = this.fromProfile(cfg ?? toConfig(name, {}));
    const elsewhere = absent(
      cfg ? `not what profile ${name} configures` : `profile ${name} is not in either file`,
    );
    for (const source of PROFILE_ORDER) {
      if (source !== picked.source) chain.add(source, elsewhere);
      else if (fromProfile || picked.probe.state === 'absent') chain.add(source, picked.probe);
      else chain.add(source, ignored(picked.probe.reason));
    }
    const none = 'no credentials: nothing is configured and IMDS is disabled';
    return {client: 'go-sdk-v2', profile, ...chain.finish(none)};
  }
}
