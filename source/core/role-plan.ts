// Plans renewing a role profile (`role_arn` + `source_profile`) before any call: which credentials
// sign AssumeRole (an MFA session already held, or the long-term keys plus a code), for how long,
// and under which AWS CLI cache key the answer is written.
import {checkRoleDuration, parseDuration, roleLimits} from './durations.js';
import {fail, ok, type Result} from './errors.js';
import {expiryOfKeys} from './expiry.js';
import {configSection} from './ini/names.js';
import {last4} from './mask.js';
import {checkSerial, mfaProcessFor, resolveSerial, type SerialFrom} from './mfa.js';
import {existsIn, keyOf} from './profile-keys.js';
import {sessionUsable, type Classified} from './profiles.js';
import {
  keysOf,
  kindOf,
  kindText,
  mergeFiles,
  planRenewal,
  profileKeys,
  type DurationFrom,
  type Files,
  type PlanInputs,
  type RenewPlan,
  type RenewRequest,
} from './renew-plan.js';
import {pythonInt, roleCacheArgs, roleCacheKeyText} from './role-cache.js';
import {sourceFor, targetFor} from './targets.js';

export type RoleRenewRequest = Pick<RenewRequest, 'profile' | 'duration' | 'serial'> & {
  /** Sign with the long-term keys and a new code even when an MFA session could sign. */
  newCode?: boolean;
};

export type RolePlan = {
  /** The role profile: what `aws --profile` names and what the cache entry serves. */
  target: string;
  source: string;
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  /** `session`: an MFA session signs, no code; `code`: long-term keys and a code; `keys`: long-term keys, no MFA. */
  signedBy: 'session' | 'code' | 'keys';
  signer: {
    profile: string;
    /** Never printed. */
    credentials: {accessKeyId: string; secretAccessKey: string; sessionToken?: string};
    accessKeyIdLast4: string;
  };
  /** The device whose code goes with AssumeRole (signedBy `code`). */
  serial?: string;
  serialFrom?: SerialFrom;
  durationSeconds: number;
  durationFrom: DurationFrom;
  /** True when the duration asked for was cut to one hour because a session signs (role chaining). */
  chainingCapped: boolean;
  /** The text whose SHA-1 names the AWS CLI cache file. */
  cacheKeyText: string;
  mfaProcess?: string;
  /** Settings for endpoint and region: the role profile's over its source's. */
  sourceKeys: Record<string, string>;
};

export type RolePlanInputs = Pick<PlanInputs, 'credentials' | 'config' | 'mappings' | 'serials'> & {
  now: Date;
};

/** True when the profile is a role profile mfa-tui would renew with AssumeRole. */
export function isRoleProfile(
  name: string,
  inputs: Pick<RolePlanInputs, 'credentials' | 'config'>,
): boolean {
  const f = mergeFiles(inputs);
  return !!keyOf(f.cred.get(name), f.conf.get(name), 'role_arn');
}

type Keys = Record<string, string>;
const isLongTerm = (k: Classified) => k.keyClass === 'long-term';

/** The role's own keys and its source_profile, or why mfa-tui does not renew it. */
function roleAndSource(name: string, f: Files): Result<{roleKeys: Keys; source: string}> {
  const roleKeys = profileKeys(f, name);
  const own = kindOf(f, name);
  if (!roleKeys.role_arn) {
    return fail(
      'not-a-role',
      `Profile ${name} has no role_arn.`,
      'Renew it as a session profile: mfa-tui renew ' + name,
    );
  }
  if (own.kind === 'broken') {
    return fail(
      'profile-broken',
      `Role profile ${name} is broken: ${own.problems.join('; ')}.`,
      `Fix ${configSection(name)} in the config file.`,
    );
  }
  const source = roleKeys.source_profile;
  if (!source) {
    return fail(
      'role-source-unsupported',
      `Role profile ${name} takes its credentials from ${roleKeys.credential_source ? `credential_source = ${roleKeys.credential_source}` : 'a web identity token'}; mfa-tui renews roles with a source_profile only.`,
      'Let the AWS CLI assume this role itself, or give it source_profile = YOUR_PROFILE.',
    );
  }
  if (!existsIn(f)(source)) {
    return fail(
      'profile-not-found',
      `Role profile ${name} names source_profile = ${source}, which is in neither file.`,
      'Fix source_profile, or add that profile with your long-term keys.',
    );
  }
  if (kindOf(f, source).kind === 'role') {
    return fail(
      'role-chain-unsupported',
      `Role profile ${name} takes its credentials from another role (${source}); mfa-tui does not renew role chains.`,
      `Point source_profile at the profile with your long-term keys, or let the AWS CLI assume ${name} itself.`,
    );
  }
  return ok({roleKeys, source});
}

/** Who could sign: the long-term profile, and the MFA session it renews into (or the source itself, when it is that session). */
function candidates(
  name: string,
  source: string,
  f: Files,
  mappings: Record<string, string>,
): Result<{longTerm?: string; session?: string}> {
  const rules = {mappings, exists: existsIn(f)};
  const srcKind = kindOf(f, source);
  if (isLongTerm(srcKind)) {
    const target = targetFor(source, rules);
    return ok({
      longTerm: source,
      session: kindOf(f, target).keyClass === 'session' ? target : undefined,
    });
  }
  if (srcKind.keyClass === 'session') {
    const from = sourceFor(source, rules);
    return ok({session: source, longTerm: from && isLongTerm(kindOf(f, from)) ? from : undefined});
  }
  return fail(
    'source-has-no-keys',
    `Source profile ${source} of role ${name} holds no keys mfa-tui can sign with (it is ${kindText(srcKind)}).`,
    `Point source_profile at the profile with your long-term keys.`,
  );
}

/** The session length asked for (flag, else duration_seconds, else 1 h), within AssumeRole's range. */
function roleDuration(
  request: RoleRenewRequest,
  roleKeys: Keys,
  name: string,
): Result<{seconds: number; from: DurationFrom}> {
  const asked = request.duration === undefined ? undefined : parseDuration(request.duration);
  if (asked && !asked.ok) return asked;
  const own = roleKeys.duration_seconds;
  const [seconds, from]: [number, DurationFrom] = asked
    ? [asked.value, 'flag']
    : own !== undefined
      ? [pythonInt(own) ?? roleLimits.default, 'duration_seconds']
      : [roleLimits.default, 'role-default'];
  const checked = checkRoleDuration(seconds, `fix duration_seconds in ${configSection(name)}`);
  if (!checked.ok) return checked;
  return ok({seconds, from});
}

/** The signer's keys (a session's with its token), or which key is missing. */
function signerOf(
  profile: string,
  signedBy: RolePlan['signedBy'],
  f: Files,
): Result<RolePlan['signer']> {
  const keys = keysOf(f, profile);
  const {accessKeyId, secretAccessKey} = keys;
  if (!accessKeyId || !secretAccessKey) {
    return fail(
      'source-has-no-keys',
      `Profile ${profile} lacks ${accessKeyId ? 'aws_secret_access_key' : 'aws_access_key_id'}.`,
      `Add both keys to [${profile}] in the credentials file.`,
    );
  }
  return ok({
    profile,
    credentials: signedBy === 'session' ? keys : {accessKeyId, secretAccessKey},
    accessKeyIdLast4: last4(accessKeyId) ?? '',
  });
}

/** Works out a role renewal, refusing (with the reason and the fix) before anything is sent. */
export function planRoleRenewal(
  request: RoleRenewRequest,
  inputs: RolePlanInputs,
): Result<RolePlan> {
  const f = mergeFiles(inputs);
  const name = request.profile;
  const role = roleAndSource(name, f);
  if (!role.ok) return role;
  const {roleKeys, source} = role.value;
  const can = candidates(name, source, f, inputs.mappings);
  if (!can.ok) return can;
  const {longTerm, session} = can.value;
  const sessionLive = !!session && sessionUsable(expiryOfKeys(profileKeys(f, session)), inputs.now);
  const duration = roleDuration(request, roleKeys, name);
  if (!duration.ok) return duration;
  let durationSeconds = duration.value.seconds;

  // A longer session than one hour, or an explicit new code, means signing with the long-term keys.
  const wantsLongTerm =
    request.newCode === true ||
    (duration.value.from === 'flag' && durationSeconds > roleLimits.chained);
  const found =
    resolveSerial({flag: request.serial, configKeys: roleKeys}) ??
    (request.newCode && longTerm
      ? resolveSerial({
          credentialsKeys: f.cred.get(longTerm),
          configKeys: f.conf.get(longTerm),
          remembered: inputs.serials[longTerm],
        })
      : undefined);
  // Without long-term keys to fall back on, the session signs even if it has expired.
  const bySession = (sessionLive && !(wantsLongTerm && longTerm)) || !longTerm;
  const signedBy = bySession ? (session ? 'session' : undefined) : found ? 'code' : 'keys';
  if (!signedBy) {
    return fail(
      'source-has-no-keys',
      `Role ${name} has no credentials to sign AssumeRole with.`,
      `Renew ${source} first: mfa-tui renew ${source}`,
    );
  }
  const checked = signedBy === 'code' ? checkSerial(found!.serial) : undefined;
  if (checked && !checked.ok) return checked;
  const serial = checked?.value;
  const signer = signerOf(signedBy === 'session' ? session! : longTerm!, signedBy, f);
  if (!signer.ok) return signer;
  const chainingCapped = signedBy === 'session' && durationSeconds > roleLimits.chained;
  if (chainingCapped) durationSeconds = roleLimits.chained;
  const srcConf = f.conf.get(source);
  return ok({
    target: name,
    source,
    roleArn: roleKeys.role_arn!,
    roleSessionName:
      roleKeys.role_session_name || `mfa-tui-${Math.floor(inputs.now.getTime() / 1000)}`,
    externalId: roleKeys.external_id,
    signedBy,
    signer: signer.value,
    serial,
    serialFrom: serial ? found!.from : undefined,
    durationSeconds,
    durationFrom: duration.value.from,
    chainingCapped,
    cacheKeyText: roleCacheKeyText(roleCacheArgs(roleKeys)!),
    mfaProcess: mfaProcessFor(roleKeys, longTerm ? f.conf.get(longTerm) : undefined, srcConf),
    sourceKeys: {...profileKeys(f, source), ...roleKeys},
  });
}

/** One line on how a role renewal signs: for the TUI's panel and the CLI's output. */
export function describeRoleSigning(plan: RolePlan): string {
  const by = plan.signer.profile;
  if (plan.signedBy === 'code') return `signed by ${by}'s keys with a code from ${plan.serial}`;
  if (plan.signedBy === 'keys') return `signed by ${by}'s keys without MFA`;
  const cap = plan.chainingCapped
    ? '; role chaining caps it at 1 h'
    : ' (role chaining: 1 h at most)';
  return `signed by the MFA session in ${by}, no new code${cap}`;
}

/** Either kind of renewal plan: GetSessionToken into a target, or AssumeRole into the CLI's cache. */
export type AnyRenewPlan = {kind: 'session'; plan: RenewPlan} | {kind: 'role'; plan: RolePlan};

/** The plan for the profile picked in the TUI: AssumeRole for a role, else a session; `needsCode`: ask for one. */
export function planAnyRenewal(
  request: RenewRequest & {newCode?: boolean},
  inputs: PlanInputs & {now: Date},
): Result<AnyRenewPlan & {needsCode: boolean}> {
  if (isRoleProfile(request.profile, inputs)) {
    const role = planRoleRenewal(request, inputs);
    if (!role.ok) return role;
    return ok({kind: 'role', plan: role.value, needsCode: role.value.signedBy === 'code'});
  }
  const session = planRenewal(request, inputs);
  if (!session.ok) return session;
  return ok({kind: 'session', plan: session.value, needsCode: true});
}
