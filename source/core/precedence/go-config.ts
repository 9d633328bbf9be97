// The Go SDK v2's shared config: how it merges a profile from the two files and loads it with its
// source_profile chain, failing LoadDefaultConfig as Go does.
import {has, type Snapshot} from './snapshot.js';

/** Keys Go copies from the credentials file over the config file (static keys only move as a pair). */
const MERGED_KEYS = (
  'role_arn source_profile credential_source external_id mfa_serial role_session_name region ' +
  'credential_process web_identity_token_file duration_seconds sso_session sso_account_id ' +
  'sso_region sso_role_name sso_start_url'
).split(' ');
const SSO_LEGACY_KEYS = ['sso_region', 'sso_account_id', 'sso_start_url', 'sso_role_name'];

type KeyFile = 'credentials' | 'config' | undefined;
type Values = Record<string, string>;

/** A profile's settings as Go's shared config struct holds them, and its loaded source_profile. */
export type GoConfig = ReturnType<typeof toConfig> & {source?: GoConfig};

/** A failure of LoadDefaultConfig; `notExist` when the profile is in neither file. */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly notExist = false,
  ) {
    super(message);
  }
}

/** A profile's settings as Go's shared config struct holds them; `keyFile`: where its static keys came from. */
export function toConfig(name: string, v: Values, keyFile?: KeyFile) {
  const str = (k: string) => v[k] ?? '';
  const id = str('aws_access_key_id');
  const secret = str('aws_secret_access_key');
  return {
    name,
    roleArn: str('role_arn'),
    sourceProfile: str('source_profile'),
    credentialSource: str('credential_source'),
    webIdentity: str('web_identity_token_file'),
    process: str('credential_process'),
    mfaSerial: str('mfa_serial'),
    ssoSession: str('sso_session'),
    ssoLegacy: SSO_LEGACY_KEYS.some((k) => !!v[k]),
    keys: id && secret ? {id, token: str('aws_session_token')} : undefined,
    keyFile,
    values: v,
  };
}

const isPartial = (v: Values | undefined) =>
  !!v && has(v, 'aws_access_key_id') !== has(v, 'aws_secret_access_key');

/** The profile from both files; the credentials file's section errors replace the config file's. */
function section(s: Snapshot, name: string): {values: Values; keyFile: KeyFile; partial: boolean} {
  const cfg = s.go.config.profiles.get(name)?.values;
  const cred = s.go.credentials.profiles.get(name)?.values;
  if (!cfg || !cred) {
    const only = (cfg ?? cred)!;
    const file = cfg ? 'config' : 'credentials';
    return {
      values: only,
      keyFile: has(only, 'aws_access_key_id') ? file : undefined,
      partial: isPartial(only),
    };
  }
  const values = {...cfg};
  let keyFile: KeyFile = has(cfg, 'aws_access_key_id') ? 'config' : undefined;
  if (has(cred, 'aws_access_key_id') && has(cred, 'aws_secret_access_key')) {
    values.aws_access_key_id = cred.aws_access_key_id;
    values.aws_secret_access_key = cred.aws_secret_access_key;
    if (has(cred, 'aws_session_token')) values.aws_session_token = cred.aws_session_token;
    keyFile = 'credentials';
  }
  for (const k of MERGED_KEYS) if (has(cred, k)) values[k] = cred[k];
  return {values, keyFile, partial: isPartial(cred)};
}

/** SharedConfig.setFromIniSections: loads a profile and its source_profile chain, failing as Go does. */
export function loadGoConfig(s: Snapshot, name: string, visited: Set<string>): GoConfig {
  if (!s.go.config.profiles.has(name) && !s.go.credentials.profiles.has(name))
    throw new LoadError(`failed to get shared config profile, ${name}`, true);
  const sec = section(s, name);
  if (sec.partial) {
    throw new LoadError(
      `error fetching config from profile, ${name}, Error using profile: partial credentials found for profile ${name}`,
    );
  }
  const c: GoConfig = toConfig(name, sec.values, sec.keyFile);
  if (visited.has(name)) {
    c.roleArn = c.sourceProfile = c.mfaSerial = '';
  } else {
    const credType = ['source_profile', 'credential_source', 'web_identity_token_file'].find(
      (k) => c.values[k],
    );
    if (credType && !c.roleArn)
      throw new LoadError(`credential type ${credType} requires role_arn, profile ${name}`);
  }
  if (visited.size > 0 && c.keys) return c;
  visited.add(name);
  if ([c.sourceProfile, c.credentialSource, c.process, c.webIdentity].filter(Boolean).length > 1) {
    throw new LoadError(
      'only one credential type may be specified per profile: source profile, credential source, credential process, web identity token',
    );
  }
  if (c.sourceProfile) {
    c.credentialSource = c.process = c.webIdentity = '';
    c.keys = undefined;
    c.ssoLegacy = false;
    c.source = loadSource(s, c, visited);
  }
  if (c.ssoSession && !s.go.config.ssoSessions.has(c.ssoSession.trim()))
    throw new LoadError(`failed to find SSO session section, ${c.ssoSession}`);
  return c;
}

function loadSource(s: Snapshot, c: GoConfig, visited: Set<string>): GoConfig {
  let src: GoConfig;
  try {
    src = loadGoConfig(s, c.sourceProfile, visited);
  } catch (e) {
    if (!(e instanceof LoadError) || !e.notExist) throw e;
    throw new LoadError(
      `failed to load assume role ${c.roleArn}, of profile ${c.sourceProfile}, ${e.message}`,
    );
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
  return src;
}
