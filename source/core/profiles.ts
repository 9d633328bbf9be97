// The profile model: every profile of both files with its kind, links and expiry state.
import {expiryFrom, expiryState} from './expiry.js';
import {roleChainProblem, ssoCacheKey, ssoLogin} from './profile-links.js';
import {rememberedKeyDate} from './key-age.js';
import {last4} from './mask.js';
import {resolveSerial} from './mfa.js';
import {sourceFor, targetFor} from './targets.js';
import {roleCacheArgs, roleCacheKeyText, type RoleCacheEntry} from './role-cache.js';

/** One profile's section as read from one file: lower-case keys, last value wins. */
export type FileSection = {profile: string; keys: Record<string, string>; line: number};

export type ProfileKind =
  'long-term' | 'session' | 'role' | 'sso' | 'process' | 'config-keys' | 'settings' | 'broken';

export type ProfileState =
  | 'long-term'
  | 'valid'
  | 'expiring'
  | 'expired'
  | 'unknown'
  | 'not-applicable'
  | 'broken'
  /** An SSO profile with no token in ~/.aws/sso/cache. */
  | 'not-logged-in';

export type Profile = {
  name: string;
  kind: ProfileKind;
  accessKeyIdLast4?: string;
  /** For long-term keys: when IAM made the key, if an earlier renew or rotate asked it. */
  keyCreatedAt?: Date;
  mfaSerial?: string;
  /** For a session: the long-term profile it is renewed from; for a role: its source_profile. */
  source?: string;
  /** For long-term keys: the session profile a renewal writes (when it exists or is remembered). */
  target?: string;
  expiresAt?: Date;
  state: ProfileState;
  /** Why the profile is broken, or other remarks; never a secret. */
  problems: string[];
  inCredentials: boolean;
  inConfig: boolean;
  region?: string;
  /** Another tool claims the section (`manager = awsume`). */
  manager?: string;
  /** A credential_process profile whose command is `mfa-tui credential-process … --renew`. */
  renewsOnDemand?: boolean;
};

export type ProfileContext = {
  now: Date;
  warnSeconds: number;
  mappings: Record<string, string>;
  serials?: Record<string, string>;
  /** Remembered key creation times by access key id (the settings' `keyCreatedAt`). */
  keyDates?: Record<string, string>;
};

export const kindLabels: Record<ProfileKind, string> = {
  'long-term': 'long-term keys',
  session: 'MFA session',
  role: 'role',
  sso: 'SSO',
  process: 'credential_process',
  'config-keys': 'keys in config',
  settings: 'settings only',
  broken: 'broken',
};

/** Each profile's keys over its sections in order (the last value wins); read-only: keys are shared. */
export function mergeSections(sections: FileSection[]): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>();
  // Sections are read-only here, so a profile with one section shares its keys (no copy).
  for (const s of sections) {
    const before = map.get(s.profile);
    map.set(s.profile, before ? {...before, ...s.keys} : s.keys);
  }
  return map;
}

type Keys = Record<string, string> | undefined;

/**
 * A key as `{...conf, ...cred}` reads it, without building that object: the credentials file's
 * value wins, even an empty one. Only fixed names that Object.prototype lacks are read this way.
 */
function keyOf(cred: Keys, conf: Keys, key: string): string | undefined {
  const v = cred === undefined ? undefined : cred[key];
  if (v !== undefined) return v;
  return conf === undefined ? undefined : conf[key];
}

type Classified = {kind: ProfileKind; problems: string[]; keyId?: string; hasToken: boolean};

/** Decides a profile's kind the way the AWS CLI's chain would read it (role before keys, credentials file before config). */
export function classify(cred: Keys, conf: Keys): Classified {
  const problems: string[] = [];
  const credHasKeys = !!cred && ('aws_access_key_id' in cred || 'aws_secret_access_key' in cred);
  const keys = credHasKeys ? cred! : (conf ?? {});
  const keyId = keys.aws_access_key_id || undefined;
  const secret = keys.aws_secret_access_key || undefined;
  const token = keys.aws_session_token || keys.aws_security_token || undefined;
  const hasToken = !!token;

  if (keyOf(cred, conf, 'role_arn')) {
    const hasSource = !!keyOf(cred, conf, 'source_profile');
    const hasCredSource = !!keyOf(cred, conf, 'credential_source');
    if (hasSource && hasCredSource) {
      return {
        kind: 'broken',
        problems: [
          'role_arn with both source_profile and credential_source: the AWS CLI refuses it',
        ],
        keyId,
        hasToken,
      };
    }
    if (!hasSource && !hasCredSource && !keyOf(cred, conf, 'web_identity_token_file')) {
      return {
        kind: 'broken',
        problems: ['role_arn without source_profile or credential_source'],
        keyId,
        hasToken,
      };
    }
    return {kind: 'role', problems, keyId, hasToken};
  }
  if (
    keyOf(cred, conf, 'sso_session') ||
    keyOf(cred, conf, 'sso_start_url') ||
    keyOf(cred, conf, 'sso_account_id') ||
    keyOf(cred, conf, 'sso_role_name')
  ) {
    return {kind: 'sso', problems, keyId, hasToken};
  }
  if (keyId || secret) {
    if (!keyId || !secret) {
      return {
        kind: 'broken',
        problems: [
          `half a key pair: aws_${keyId ? 'secret_access_key' : 'access_key_id'} is missing in the ${credHasKeys ? 'credentials' : 'config'} file`,
        ],
        keyId,
        hasToken,
      };
    }
    if (keyId.startsWith('ASIA') && !hasToken) {
      return {
        kind: 'broken',
        problems: ['a session key id (ASIA…) without aws_session_token'],
        keyId,
        hasToken,
      };
    }
    if (!credHasKeys) return {kind: 'config-keys', problems, keyId, hasToken};
    return {kind: hasToken ? 'session' : 'long-term', problems, keyId, hasToken};
  }
  if (keyOf(cred, conf, 'credential_process')) return {kind: 'process', problems, keyId, hasToken};
  return {kind: 'settings', problems, keyId, hasToken};
}

/**
 * A role profile's session in the AWS CLI's cache: its expiry and state, `unknown` when nothing is
 * cached for the profile's cache key.
 */
export function roleSessionState(
  keys: Record<string, string>,
  roleCache: ReadonlyMap<string, RoleCacheEntry>,
  now: Date,
  warnSeconds: number,
): {expiresAt?: Date; state: ProfileState; accessKeyIdLast4?: string} {
  // Nothing cached (the common case): no key text to work out.
  if (roleCache.size === 0) return {state: 'unknown'};
  const args = roleCacheArgs(keys);
  const entry = args ? roleCache.get(roleCacheKeyText(args)) : undefined;
  if (!entry) return {state: 'unknown'};
  return {
    expiresAt: entry.expiresAt,
    state: expiryState(entry.expiresAt, now, warnSeconds),
    accessKeyIdLast4: entry.accessKeyIdLast4,
  };
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The role ARNs the cache's key texts name, or undefined when one cannot be read (then every role
 * is looked up). A role whose ARN is not among them has no entry, so its key text (slow to build)
 * is never needed: most role profiles of a big file have nothing cached.
 */
function cachedRoleArns(roleCache: ReadonlyMap<string, RoleCacheEntry>): Set<string> | undefined {
  const arns = new Set<string>();
  for (const keyText of roleCache.keys()) {
    let arn: unknown;
    try {
      arn = (JSON.parse(keyText) as {RoleArn?: unknown} | null)?.RoleArn;
    } catch {
      return undefined;
    }
    if (typeof arn !== 'string') return undefined;
    arns.add(arn);
  }
  return arns;
}

/** What buildProfiles works from for every profile. */
type Shared = {
  cred: Map<string, Record<string, string>>;
  conf: Map<string, Record<string, string>>;
  rules: {mappings: Record<string, string>; exists: (name: string) => boolean};
  roleCache?: ReadonlyMap<string, RoleCacheEntry>;
  roleArns?: Set<string>;
  ssoTokens?: Record<string, string>;
  now: Date;
  warnSeconds: number;
};

/** A profile's state, links and expiry by its kind. */
function fillKind(profile: Profile, c: Keys, f: Keys, hasToken: boolean, shared: Shared): void {
  const {cred, conf, rules, roleCache, roleArns, now, warnSeconds} = shared;
  const {name} = profile;
  const {mappings, exists} = rules;
  switch (profile.kind) {
    case 'long-term': {
      profile.state = 'long-term';
      const target = targetFor(name, rules);
      if (exists(target.name) || mappings[name]) profile.target = target.name;
      break;
    }
    case 'session':
    case 'config-keys': {
      if (profile.kind === 'config-keys' && !hasToken) {
        profile.state = 'long-term';
        break;
      }
      const expiresAt = expiryFrom((key) => keyOf(c, f, key));
      profile.expiresAt = expiresAt;
      profile.state = expiryState(expiresAt, now, warnSeconds);
      profile.source = sourceFor(name, rules)?.name;
      break;
    }
    case 'role': {
      profile.source = keyOf(c, f, 'source_profile') || undefined;
      const chain = roleChainProblem(name, cred, conf);
      if (chain !== undefined) {
        Object.assign(profile, {kind: 'broken', state: 'broken'});
        profile.problems.push(chain);
      } else if (roleCache) {
        const arn = keyOf(c, f, 'role_arn');
        const none = roleArns !== undefined && (arn === undefined || !roleArns.has(arn));
        const merged = f && c ? {...f, ...c} : (c ?? f ?? {});
        const cached = none
          ? {state: 'unknown' as const}
          : roleSessionState(merged, roleCache, now, warnSeconds);
        profile.state = cached.state;
        profile.expiresAt = cached.expiresAt;
      }
      break;
    }
    case 'sso':
      if (shared.ssoTokens) {
        const login = ssoLogin(ssoCacheKey(c, f), shared.ssoTokens, now, warnSeconds);
        Object.assign(profile, login);
      }
      break;
    case 'broken':
      profile.state = 'broken';
      break;
    case 'process':
      profile.renewsOnDemand = renewsOnDemand(keyOf(c, f, 'credential_process'));
      break;
    default:
      break;
  }
}

/**
 * Every profile of both files, config-file order first then credentials-only ones (as `aws
 * configure list-profiles`). With `roleCache` (store/role-cache.ts loadRoleCache), role profiles
 * get the expiry of their session in the AWS CLI's cache; without it their state is not-applicable.
 */
export function buildProfiles(
  files: {
    credentials: FileSection[];
    config: FileSection[];
    roleCache?: ReadonlyMap<string, RoleCacheEntry>;
    /** The expiry text of each cached SSO token by key (see ssoCacheKey); leave out when not read. */
    ssoTokens?: Record<string, string>;
  },
  ctx: ProfileContext,
): Profile[] {
  const cred = mergeSections(files.credentials);
  const conf = mergeSections(files.config);
  const exists = (name: string) => cred.has(name) || conf.has(name);
  // Own entries only: a profile named `constructor` has no remembered target or serial.
  const mappings: Record<string, string> = Object.assign(Object.create(null), ctx.mappings);
  const serials = ctx.serials;
  const keyDates = ctx.keyDates;
  const rules = {mappings, exists};
  const roleCache = files.roleCache;
  const roleArns = roleCache && roleCache.size > 0 ? cachedRoleArns(roleCache) : undefined;
  const {now, warnSeconds} = ctx;
  const shared: Shared = {
    cred,
    conf,
    rules,
    roleCache,
    roleArns,
    ssoTokens: files.ssoTokens,
    now,
    warnSeconds,
  };

  // No merged copy of each profile's keys; every Profile gets its fields in one order.
  const out: Profile[] = [];
  const add = (name: string, c: Keys, f: Keys) => {
    const {kind, problems, keyId, hasToken} = classify(c, f);
    const remembered = serials !== undefined && hasOwn(serials, name) ? serials[name] : undefined;
    const profile: Profile = {
      name,
      kind,
      accessKeyIdLast4: last4(keyId),
      keyCreatedAt: kind === 'long-term' && keyId ? rememberedKeyDate(keyId, keyDates) : undefined,
      mfaSerial: resolveSerial({credentialsKeys: c, configKeys: f, remembered})?.serial,
      source: undefined,
      target: undefined,
      expiresAt: undefined,
      state: 'not-applicable',
      problems,
      inCredentials: c !== undefined,
      inConfig: f !== undefined,
      region: keyOf(c, f, 'region') || undefined,
      manager: keyOf(c, f, 'manager') || undefined,
    };
    fillKind(profile, c, f, hasToken, shared);
    out.push(profile);
  };
  conf.forEach((f, name) => add(name, cred.get(name), f));
  cred.forEach((c, name) => {
    if (!conf.has(name)) add(name, c, undefined);
  });
  return out;
}

/** Whether a credential_process command is mfa-tui's renewal on demand. */
export function renewsOnDemand(command: string | undefined): boolean {
  return /(^|[\s/\\'"])mfa-tui(\.\w+)?['"]?\s.*\bcredential-process\b.*\s--renew\b/.test(
    command ?? '',
  );
}
