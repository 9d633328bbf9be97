// The AWS CLI v2 and boto3 / AWS CLI v1 model: botocore's credential chain over botocore's view of
// the files. Every provider error stops the chain; a parse error or a missing named profile stops
// the client before any provider runs.
import {parseExpiryText} from '../expiry.js';
import {profileHeader} from '../ini/names.js';
import {masked} from '../mask.js';
import {absent, assumes, ChainBuilder, fails, ignored, ok, type Probe} from './chain.js';
import {envIdentity, noIdentity, staticIdentity} from './identity.js';
import {
  CANONICAL_SOURCES,
  containerProbe,
  selectProfile,
  has,
  imdsDisabled,
  mergedValues,
  NO_CONTAINER,
  type Snapshot,
} from './snapshot.js';
import {hasStaticKeys, tokenKeyOf} from '../profile-keys.js';
import {processProbe} from './process.js';
import {botocoreSso} from './sso.js';
import type {ClientId, ClientResult, SourceId} from './types.js';

type Flavor = Extract<ClientId, 'aws-cli-v2' | 'aws-cli-v1/boto3'>;

/** botocore sends AWS_SECURITY_TOKEN in preference to AWS_SESSION_TOKEN. */
export const botocoreTokenVar = (env: Record<string, string | undefined>) =>
  (['AWS_SECURITY_TOKEN', 'AWS_SESSION_TOKEN'] as const).find((name) => env[name]);

/** The AWS CLI v2's or boto3's choice for a snapshot. */
export class BotocoreModel {
  constructor(readonly s: Snapshot) {}

  /** session.full_config's profile: the config profile, updated key by key from the credentials file. */
  merged(name: string): Readonly<Record<string, string>> | undefined {
    return mergedValues(this.s.botocore, name);
  }

  envProbe(disabled: boolean): Probe {
    const env = this.s.env;
    const akid = env.AWS_ACCESS_KEY_ID ?? '';
    if (disabled) {
      return akid
        ? ignored(
            'AWS_ACCESS_KEY_ID is set but ignored: an explicit profile turns off environment credentials',
          )
        : absent('AWS_ACCESS_KEY_ID is not set');
    }
    if (!akid) {
      return absent(
        env.AWS_SECRET_ACCESS_KEY
          ? 'only AWS_SECRET_ACCESS_KEY is set; without AWS_ACCESS_KEY_ID it is ignored'
          : 'AWS_ACCESS_KEY_ID is not set',
      );
    }
    if (!env.AWS_SECRET_ACCESS_KEY) {
      return fails(
        'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
        envIdentity(env, akid, undefined),
      );
    }
    const tokenVar = botocoreTokenVar(env);
    const expiry = env.AWS_CREDENTIAL_EXPIRATION;
    const note = tokenVar ? ` with ${tokenVar}` : '';
    const expiryNote =
      expiry && !parseExpiryText(expiry)
        ? '; AWS_CREDENTIAL_EXPIRATION is not a date botocore can read'
        : '';
    return ok(
      `AWS_ACCESS_KEY_ID (${masked(akid)}) and AWS_SECRET_ACCESS_KEY${note}${expiryNote}`,
      envIdentity(env, akid, tokenVar && env[tokenVar], tokenVar),
    );
  }

  containerProbe(): Probe {
    // Set even to "" counts, as botocore's environment lookup has it.
    const v = ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'].find(
      (name) => this.s.env[name] !== undefined,
    );
    if (!v) return absent(NO_CONTAINER);
    const reason = `${v} is set: credentials come from the container endpoint`;
    return containerProbe(this.s, 'botocore', reason);
  }

  imdsProbe(): Probe {
    if (imdsDisabled(this.s.env)) return absent('disabled by AWS_EC2_METADATA_DISABLED=true');
    return ok(
      'asks the EC2 instance metadata service; off EC2 this times out and ends in "Unable to locate credentials"',
      noIdentity('imds'),
    );
  }

  /** AssumeRoleWithWebIdentity: env vars override the profile's keys unless a profile was given explicitly. */
  webIdentityProbe(profile: string, disableEnv: boolean): Probe {
    const p = this.merged(profile);
    const get = (key: string, envName: string) =>
      !disableEnv && this.s.env[envName] !== undefined
        ? {value: this.s.env[envName], fromEnv: true}
        : {value: p?.[key], fromEnv: false};
    const token = get('web_identity_token_file', 'AWS_WEB_IDENTITY_TOKEN_FILE');
    if (!token.value) return absent('no web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE');
    const role = get('role_arn', 'AWS_ROLE_ARN');
    const where = token.fromEnv
      ? 'AWS_WEB_IDENTITY_TOKEN_FILE'
      : `web_identity_token_file in profile ${profile}`;
    const who = token.fromEnv ? null : profile;
    if (!role.value) {
      const reason = `${where} is set but no role ARN is configured (role_arn or AWS_ROLE_ARN)`;
      return fails(reason, noIdentity('web-identity', who));
    }
    const reason = `${where}: assumes ${role.value} with the web identity token`;
    return ok(reason, noIdentity('web-identity', who, role.value));
  }

  /** Static keys from one file; botocore reads each file on its own, so half a pair is an error. */
  staticProbe(file: 'credentials' | 'config', profile: string): Probe {
    const source = file === 'credentials' ? 'shared-credentials-file' : 'config-file';
    const section = this.s.botocore[file].profiles.get(profile);
    const v = section?.values;
    if (!section) return absent(`no [${profileHeader(file, profile)}] in the ${file} file`);
    if (!has(v, 'aws_access_key_id')) {
      return absent(
        has(v, 'aws_secret_access_key')
          ? `[${section.section}] has aws_secret_access_key but no aws_access_key_id, so it is skipped`
          : `[${section.section}] has no aws_access_key_id`,
      );
    }
    const akid = v!.aws_access_key_id;
    const tokenKey = tokenKeyOf(v);
    const token = tokenKey && v![tokenKey];
    const identity = staticIdentity(source, profile, akid, token, this.merged(profile)!);
    if (!has(v, 'aws_secret_access_key')) {
      return fails(
        `Partial credentials found in ${source}, missing: aws_secret_access_key ([${section.section}], line ${section.line})`,
        identity,
      );
    }
    return ok(
      `aws_access_key_id (${masked(akid)})${tokenKey ? ` with ${tokenKey}` : ''} in ${section.inherited?.has('aws_access_key_id') ? `[DEFAULT] (copied into [${section.section}])` : `[${section.section}]`}, line ${section.keyLines.aws_access_key_id}`,
      identity,
    );
  }

  processProbe(profile: string): Probe {
    const p = this.merged(profile);
    if (!p || !has(p, 'credential_process')) return absent('no credential_process');
    return processProbe(this.s, p.credential_process, profile, 'direct', 'hard');
  }

  /** The providers that read the profile, after assume-role; a source_profile's ignore env vars. */
  profileLinks(profile: string, disableEnv: boolean): [SourceId, Probe][] {
    return [
      ['web-identity', this.webIdentityProbe(profile, disableEnv)],
      ['sso', botocoreSso(this.s, profile)],
      ['shared-credentials-file', this.staticProbe('credentials', profile)],
      ['custom-process', this.processProbe(profile)],
      ['config-file', this.staticProbe('config', profile)],
    ];
  }

  /** Why the client stops before any provider runs, if it does. */
  fatal(selected: ClientResult['profile']): string | undefined {
    const s = this.s;
    for (const kind of ['config', 'credentials'] as const) {
      const error = s.botocore[kind].error;
      if (error)
        return `Unable to parse config file: ${s.paths[kind]} (line ${error.line}: ${error.message})`;
    }
    if (selected.from !== 'default' && !this.merged(selected.name))
      return `The config profile (${selected.name}) could not be found`;
    return undefined;
  }

  resolve(flavor: Flavor): ClientResult {
    const s = this.s;
    const selected = selectProfile(s, flavor);
    const {name} = selected;
    // The CLI v2 passes over an empty --profile, and then reads the environment's keys.
    const explicit = selected.from === 'explicit';
    const chain = new ChainBuilder(this.fatal(selected));
    chain.add('env', this.envProbe(explicit));
    chain.add('assume-role', assumeRoleProbe(this, name));
    for (const [source, probe] of this.profileLinks(name, explicit)) chain.add(source, probe);
    chain.add('container', this.containerProbe());
    chain.add('imds', this.imdsProbe());
    return {client: flavor, profile: selected, ...chain.finish('Unable to locate credentials')};
  }
}

/** An assume-role profile's credential_source, failing as botocore does. */
function credentialSource(m: BotocoreModel, cs: string, profile: string): Probe {
  if (!CANONICAL_SOURCES.includes(cs))
    return fails(`The credential source "${cs}" referenced in profile "${profile}" is not valid.`);
  const probe =
    cs === 'Environment'
      ? m.envProbe(false)
      : cs === 'EcsContainer'
        ? m.containerProbe()
        : m.imdsProbe();
  if (probe.state === 'ok' || probe.state === 'hard') return probe;
  return fails(
    `Error when retrieving credentials from ${cs}: No credentials found in credential_source referenced in profile ${profile}`,
  );
}

/** Where an assume-role profile's source credentials come from (`ok`: they sign the call), failing as botocore does. */
function roleSource(m: BotocoreModel, profile: string, visited: string[]): Probe {
  const p = m.merged(profile)!;
  const {source_profile: sp, credential_source: cs} = p;
  if (sp !== undefined && cs !== undefined)
    return fails(`The profile "${profile}" contains both source_profile and credential_source.`);
  if (cs !== undefined) return credentialSource(m, cs, profile);
  if (sp === undefined) {
    return fails(
      'Partial credentials found in assume-role, missing: source_profile or credential_source',
    );
  }
  const src = m.merged(sp);
  if (!src)
    return fails(
      `The source_profile "${sp}" referenced in the profile "${profile}" does not exist.`,
    );
  const hasStatic = hasStaticKeys(src);
  if (visited.includes(sp) && (sp !== profile || !hasStatic)) {
    return fails(
      `Infinite loop in credential configuration detected. Attempting to load from profile ${sp} which has already been visited. Visited profiles: ${visited.join(', ')}`,
    );
  }
  visited.push(sp);
  const isRole = has(src, 'role_arn') && !has(src, 'web_identity_token_file');
  if (hasStatic || !isRole) {
    for (const [, probe] of m.profileLinks(sp, true))
      if (probe.state !== 'absent' && probe.state !== 'ignored') return probe;
    return fails(`The source profile "${sp}" must have credentials.`);
  }
  const inner = roleSource(m, sp, visited);
  if (inner.state !== 'ok') return inner;
  return assumes(noIdentity('assume-role', sp, src.role_arn), inner.identity);
}

function assumeRoleProbe(m: BotocoreModel, profile: string): Probe {
  const p = m.merged(profile);
  if (!p || !has(p, 'role_arn')) return absent('no role_arn');
  if (has(p, 'web_identity_token_file'))
    return absent('role_arn is used with web_identity_token_file instead');
  const source = roleSource(m, profile, [profile]);
  const identity = noIdentity('assume-role', profile, p.role_arn);
  if (source.state !== 'ok') return fails(source.reason, identity);
  const mfa = has(p, 'mfa_serial')
    ? `; prompts for an MFA code for ${p.mfa_serial} unless a cached session is valid`
    : '';
  return assumes(identity, source.identity, mfa);
}
