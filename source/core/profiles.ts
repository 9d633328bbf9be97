// The profile model: every profile of both files with its kind, links and expiry state.
import {expiryOfKeys, expiryState} from './expiry.js';
import {last4} from './mask.js';
import {sourceFor, targetFor} from './targets.js';
import {resolveSerial} from './mfa.js';
import {roleCacheArgs, roleCacheKeyText, type RoleCacheEntry} from './role-cache.js';

/** One profile's section as read from one file: lower-case keys, last value wins. */
export type FileSection = {profile: string; keys: Record<string, string>; line: number};

export type ProfileKind =
  'long-term' | 'session' | 'role' | 'sso' | 'process' | 'config-keys' | 'settings' | 'broken';

export type ProfileState =
  'long-term' | 'valid' | 'expiring' | 'expired' | 'unknown' | 'not-applicable' | 'broken';

export type Profile = {
  name: string;
  kind: ProfileKind;
  accessKeyIdLast4?: string;
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
};

export type ProfileContext = {
  now: Date;
  warnSeconds: number;
  mappings: Record<string, string>;
  serials?: Record<string, string>;
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

type Classified = {kind: ProfileKind; problems: string[]; keyId?: string; hasToken: boolean};

const noProblems: string[] = Object.freeze([]) as unknown as string[];

/** Decides a profile's kind the way the AWS CLI's chain would read it (role before keys, credentials file before config). */
export function classify(
  cred: Record<string, string> | undefined,
  conf: Record<string, string> | undefined,
  merged: Record<string, string> = {...conf, ...cred},
): Classified {
  // Most profiles have no problem: they share one empty, frozen list.
  const problems = noProblems;
  const credHasKeys = !!cred && ('aws_access_key_id' in cred || 'aws_secret_access_key' in cred);
  const keys = credHasKeys ? cred! : (conf ?? {});
  const keyId = keys.aws_access_key_id || undefined;
  const secret = keys.aws_secret_access_key || undefined;
  const token = keys.aws_session_token || keys.aws_security_token || undefined;
  const hasToken = !!token;

  if (merged.role_arn) {
    const hasSource = !!merged.source_profile;
    const hasCredSource = !!merged.credential_source;
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
    if (!hasSource && !hasCredSource && !merged.web_identity_token_file) {
      return {
        kind: 'broken',
        problems: ['role_arn without source_profile or credential_source'],
        keyId,
        hasToken,
      };
    }
    return {kind: 'role', problems, keyId, hasToken};
  }
  if (merged.sso_session || merged.sso_start_url || merged.sso_account_id || merged.sso_role_name) {
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
  if (merged.credential_process) return {kind: 'process', problems, keyId, hasToken};
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
  },
  ctx: ProfileContext,
): Profile[] {
  const cred = mergeSections(files.credentials);
  const conf = mergeSections(files.config);
  const names: string[] = [];
  const seen = new Set<string>();
  for (const s of [...files.config, ...files.credentials]) {
    if (!seen.has(s.profile)) {
      seen.add(s.profile);
      names.push(s.profile);
    }
  }
  const exists = (name: string) => cred.has(name) || conf.has(name);
  const rules = {mappings: ctx.mappings, exists};

  return names.map((name) => {
    const c = cred.get(name);
    const f = conf.get(name);
    const merged = f && c ? {...f, ...c} : (c ?? f ?? {});
    const {kind, problems, keyId, hasToken} = classify(c, f, merged);
    const profile: Profile = {
      name,
      kind,
      accessKeyIdLast4: last4(keyId),
      mfaSerial: resolveSerial({credentialsKeys: c, configKeys: f, remembered: ctx.serials?.[name]})
        ?.serial,
      state: 'not-applicable',
      problems,
      inCredentials: !!c,
      inConfig: !!f,
      region: merged.region || undefined,
      manager: merged.manager || undefined,
    };
    switch (kind) {
      case 'long-term': {
        profile.state = 'long-term';
        const target = targetFor(name, rules);
        if (exists(target.name) || ctx.mappings[name]) profile.target = target.name;
        break;
      }
      case 'session':
      case 'config-keys': {
        if (kind === 'config-keys' && !hasToken) {
          profile.state = 'long-term';
          break;
        }
        profile.expiresAt = expiryOfKeys(merged);
        profile.state = expiryState(profile.expiresAt, ctx.now, ctx.warnSeconds);
        profile.source = sourceFor(name, rules)?.name;
        break;
      }
      case 'role': {
        profile.source = merged.source_profile || undefined;
        if (files.roleCache) {
          const cached = roleSessionState(merged, files.roleCache, ctx.now, ctx.warnSeconds);
          profile.state = cached.state;
          profile.expiresAt = cached.expiresAt;
        }
        break;
      }
      case 'broken':
        profile.state = 'broken';
        break;
      default:
        break;
    }
    return profile;
  });
}
