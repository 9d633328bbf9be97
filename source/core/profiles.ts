// The profile model: every profile of both files with its kind, links and expiry state.
import {expiryFrom, expiryState, type ExpiryState} from './expiry.js';
import {roleChainProblem, ssoCacheKey, ssoLogin} from './profile-links.js';
import {rememberedKeyDate} from './key-age.js';
import {last4} from './mask.js';
import {resolveSerial} from './mfa.js';
import {sourceFor, targetFor, type TargetRules} from './targets.js';
import {ROLE_CACHE_EXPIRY_WINDOW_SECONDS, type RoleCacheEntry} from './role-cache.js';
import {
  existsIn,
  keyOf,
  keyPairClass,
  mergedKeys,
  mergeSections,
  ssoKeyOf,
  staticKeysOf,
  type Keys,
} from './profile-keys.js';

/** One profile's section as read from one file: lower-case keys, last value wins. */
export type FileSection = {
  profile: string;
  keys: Record<string, string>;
  line: number;
  /** Keys the section has only from the file's [DEFAULT] (botocore copies them into it). */
  inherited?: readonly string[];
};

/** A session's expiry state, or what a profile without one is (`not-logged-in`: SSO, no cached token). */
export type ProfileState =
  ExpiryState | 'long-term' | 'not-applicable' | 'broken' | 'not-logged-in';

export type Profile = {
  name: string;
  kind: ProfileKind;
  /** Set when the profile's credentials are its own static keys: what they are. */
  keyClass?: KeyClass;
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

export const kindLabels = {
  'long-term': 'long-term keys',
  session: 'MFA session',
  role: 'role',
  sso: 'SSO',
  process: 'credential_process',
  'config-keys': 'keys in config',
  settings: 'settings only',
  broken: 'broken',
};
export type ProfileKind = keyof typeof kindLabels;

/** Whether a profile's own keys are long-term (AKIA…) keys or a session (with a token): see keyPairClass. */
export type KeyClass = 'long-term' | 'session';

/**
 * Whether a held session may still be used at `now`, with `marginSeconds` to spare. One without a
 * recorded expiry counts as usable: the AWS CLI signs with it as it is.
 */
export function sessionUsable(expiresAt: Date | undefined, now: Date, marginSeconds = 0): boolean {
  return !expiresAt || expiresAt.getTime() - now.getTime() > marginSeconds * 1000;
}

/** What classify decides; `keyClass` only when the profile's credentials are its own static keys. */
export type Classified = {
  kind: ProfileKind;
  problems: string[];
  keyId?: string;
  hasToken: boolean;
  keyClass?: KeyClass;
};

/** Decides a profile's kind the way the AWS CLI's chain would read it (role, SSO, then the keys). */
export function classify(cred: Keys, conf: Keys): Classified {
  const keys = staticKeysOf(cred, conf);
  const keyId = keys?.accessKeyId;
  const hasToken = keys?.sessionToken !== undefined;
  const is = (kind: ProfileKind, problem?: string): Classified => ({
    kind,
    problems: problem === undefined ? [] : [problem],
    keyId,
    hasToken,
  });
  const has = (key: string) => !!keyOf(cred, conf, key);

  if (has('role_arn')) {
    const hasSource = has('source_profile');
    const hasCredSource = has('credential_source');
    if (hasSource && hasCredSource) {
      return is(
        'broken',
        'role_arn with both source_profile and credential_source: the AWS CLI refuses it',
      );
    }
    if (!hasSource && !hasCredSource && !has('web_identity_token_file')) {
      return is('broken', 'role_arn without source_profile or credential_source');
    }
    return is('role');
  }
  if (ssoKeyOf(mergedKeys(cred, conf))) return is('sso');
  // botocore's custom-process provider comes after the credentials file, before the config file.
  if (!keys || (keys.file === 'config' && has('credential_process'))) {
    return is(has('credential_process') ? 'process' : 'settings');
  }
  const {file, secretAccessKey} = keys;
  if (!keyId || !secretAccessKey) {
    const missing = keyId ? 'secret_access_key' : 'access_key_id';
    return is('broken', `half a key pair: aws_${missing} is missing in the ${file} file`);
  }
  const keyClass = keyPairClass(keyId, hasToken);
  if (keyClass === 'session' && !hasToken) {
    return is(
      'broken',
      keys.tokenKey === 'aws_security_token'
        ? 'a session key id (ASIA…) with an empty aws_security_token, which the AWS CLI reads before aws_session_token'
        : 'a session key id (ASIA…) without aws_session_token',
    );
  }
  const kind = file === 'config' ? 'config-keys' : keyClass;
  return {...is(kind), keyClass};
}

type Files = Parameters<typeof buildProfiles>[0];

/** What buildProfiles works from for every profile. */
type Shared = Omit<Files, 'credentials' | 'config'> &
  Pick<ProfileContext, 'now' | 'warnSeconds'> & {
    cred: Map<string, Record<string, string>>;
    conf: Map<string, Record<string, string>>;
    rules: TargetRules;
  };

/**
 * The warning threshold a profile's expiry is judged by: for a role, never under the window in which
 * the AWS CLI assumes it again, so that the list never calls valid a session it would not use.
 */
export const warnSecondsOf = (p: Pick<Profile, 'kind'>, warnSeconds: number): number =>
  p.kind === 'role' ? Math.max(warnSeconds, ROLE_CACHE_EXPIRY_WINDOW_SECONDS) : warnSeconds;

/** A profile's state, links and expiry by its kind. */
function fillKind(profile: Profile, c: Keys, f: Keys, shared: Shared): void {
  const {rules, now, warnSeconds} = shared;
  const {name} = profile;
  switch (profile.kind) {
    case 'long-term': {
      profile.state = 'long-term';
      const target = targetFor(name, rules);
      if (rules.exists(target) || rules.mappings[name]) profile.target = target;
      break;
    }
    case 'session':
    case 'config-keys': {
      if (profile.keyClass === 'long-term') {
        profile.state = 'long-term';
        break;
      }
      profile.expiresAt = expiryFrom((key) => keyOf(c, f, key));
      profile.state = expiryState(profile.expiresAt, now, warnSeconds);
      profile.source = sourceFor(name, rules);
      break;
    }
    case 'role': {
      profile.source = keyOf(c, f, 'source_profile') || undefined;
      const chain = roleChainProblem(name, shared.cred, shared.conf);
      if (chain !== undefined) {
        Object.assign(profile, {kind: 'broken', state: 'broken'});
        profile.problems.push(chain);
      } else if (shared.roleCache) {
        // Its session in the AWS CLI's cache: `unknown` when nothing is cached for it.
        profile.expiresAt = shared.roleCache.get(name)?.expiresAt;
        profile.state = expiryState(profile.expiresAt, now, warnSecondsOf(profile, warnSeconds));
      }
      break;
    }
    case 'sso':
      if (shared.ssoTokens) {
        Object.assign(profile, ssoLogin(ssoCacheKey(c, f), shared.ssoTokens, now, warnSeconds));
      }
      break;
    case 'broken':
      profile.state = 'broken';
      break;
    case 'process':
      profile.renewsOnDemand = renewsOnDemand(keyOf(c, f, 'credential_process'));
      break;
  }
}

/**
 * Every profile of both files, config-file order first then credentials-only ones (as `aws
 * configure list-profiles`). With `roleCache` (by profile name, as loadRoleCache reads it), roles
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
  const {roleCache, ssoTokens} = files;
  const {serials, keyDates, now, warnSeconds} = ctx;
  const cred = mergeSections(files.credentials);
  const conf = mergeSections(files.config);
  // Own entries only: a profile named `constructor` has no remembered target or serial.
  const mappings: Record<string, string> = Object.assign(Object.create(null), ctx.mappings);
  const rules = {mappings, exists: existsIn({cred, conf})};
  const shared: Shared = {cred, conf, rules, roleCache, ssoTokens, now, warnSeconds};

  // No merged copy of each profile's keys; every Profile gets its fields in one order.
  const out: Profile[] = [];
  const add = (name: string, c: Keys, f: Keys) => {
    const {kind, problems, keyId, keyClass} = classify(c, f);
    const remembered = serials && Object.hasOwn(serials, name) ? serials[name] : undefined;
    const profile: Profile = {
      name,
      kind,
      keyClass,
      accessKeyIdLast4: last4(keyId),
      keyCreatedAt: kind === 'long-term' && keyId ? rememberedKeyDate(keyId, keyDates) : undefined,
      mfaSerial: resolveSerial({credentialsKeys: c, configKeys: f, remembered})?.serial,
      source: undefined,
      target: undefined,
      expiresAt: undefined,
      state: 'not-applicable',
      problems,
    };
    fillKind(profile, c, f, shared);
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
