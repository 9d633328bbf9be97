// Plans a renewal before any call: which keys sign, which device, how long, where the session goes.
import {checkSessionDuration, isRootIdentity, parseDuration, sessionLimits} from './durations.js';
import {fail, ok, type Result} from './errors.js';
import {formatAwsMfaExpiry, formatRfc3339} from './expiry.js';
import {configSection} from './ini/names.js';
import {last4, masked} from './mask.js';
import {checkSerial, mfaProcessFor, resolveSerial, type SerialFrom} from './mfa.js';
import {
  existsIn,
  keyOf,
  keyPairClass,
  mergedKeys,
  mergeSections,
  ssoKeyOf,
  staticKeysOf,
} from './profile-keys.js';
import {classify, type Classified, type FileSection} from './profiles.js';
import {sourceFor, targetFor} from './targets.js';

/** Where a session length came from: the flag (or the panel's field), the settings, or the root cap. */
export type DurationFrom = 'flag' | 'settings' | 'root-cap' | 'duration_seconds' | 'role-default';

export type RenewRequest = {
  profile: string;
  target?: string;
  serial?: string;
  duration?: string;
  force?: boolean;
};

/** Who renews into where, worked out before the MFA device: what device discovery needs. */
export type RenewParties = {
  source: string;
  target: string;
  /** The long-term keys that sign GetSessionToken; never printed. */
  credentials: {accessKeyId: string; secretAccessKey: string};
  accessKeyIdLast4: string;
  /** Merged settings of the source profile (region, endpoint_url, …) for endpoint resolution. */
  sourceKeys: Record<string, string>;
  /** The command that prints the code (`mfa_process` of the source), when no code is given. */
  mfaProcess?: string;
};

export type RenewPlan = RenewParties & {
  serial: string;
  serialFrom: SerialFrom;
  durationSeconds: number;
  durationFrom: DurationFrom;
};

/** The planners' view of one read of the files and the settings (the CLI's and the TUI's alike). */
export const planInputsOf = (
  files: {credentials: {sections: FileSection[]}; config: {sections: FileSection[]}},
  settings: {
    targets: Record<string, string>;
    serials: Record<string, string>;
    defaultDurationSeconds: number;
  },
) => ({
  credentials: files.credentials.sections,
  config: files.config.sections,
  mappings: settings.targets,
  serials: settings.serials,
  defaultDurationSeconds: settings.defaultDurationSeconds,
});

export type PlanInputs = ReturnType<typeof planInputsOf> & {
  /** A device IAM ListMFADevices found for the source, used when none is configured. */
  discoveredSerial?: string;
};

/** Both files' sections merged per profile. */
export const mergeFiles = (inputs: Pick<PlanInputs, 'credentials' | 'config'>) => ({
  cred: mergeSections(inputs.credentials),
  conf: mergeSections(inputs.config),
});
export type Files = ReturnType<typeof mergeFiles>;

export const kindOf = (f: Files, name: string) => classify(f.cred.get(name), f.conf.get(name));

/** A profile's keys over both files (the credentials file's win). */
export const profileKeys = (f: Files, name: string) =>
  mergedKeys(f.cred.get(name), f.conf.get(name));

/** What a profile that cannot sign is: `broken: why` or `a sso profile`. */
export const kindText = (k: Classified) =>
  k.kind === 'broken' ? `broken: ${k.problems.join('; ')}` : `a ${k.kind} profile`;

/** The static keys a profile holds, from the file botocore takes them from. */
export function keysOf(f: Files, name: string) {
  const keys = staticKeysOf(f.cred.get(name), f.conf.get(name));
  return {
    accessKeyId: keys?.accessKeyId ?? '',
    secretAccessKey: keys?.secretAccessKey ?? '',
    sessionToken: keys?.sessionToken,
  };
}

const noSessionFromSession = 'and STS cannot start a session from a session.';

/** Works out a renewal, refusing before anything is sent or written. */
export function planRenewal(request: RenewRequest, inputs: PlanInputs): Result<RenewPlan> {
  const f = mergeFiles(inputs);
  const parties = planRenewalParties(request, inputs, f);
  if (!parties.ok) return parties;
  const {source} = parties.value;
  const asked = request.duration === undefined ? undefined : parseDuration(request.duration);
  if (asked && !asked.ok) return asked;
  let durationSeconds = asked?.value ?? inputs.defaultDurationSeconds;
  let durationFrom: DurationFrom = asked ? 'flag' : 'settings';
  const resolved =
    resolveSerial({
      flag: request.serial,
      credentialsKeys: f.cred.get(source),
      configKeys: f.conf.get(source),
      remembered: inputs.serials[source],
    }) ??
    (inputs.discoveredSerial ? {serial: inputs.discoveredSerial, from: 'iam' as const} : undefined);
  if (!resolved) {
    // A length no device takes is refused before IAM is asked which device it is.
    const anyDevice = checkSessionDuration(durationSeconds, false);
    if (!anyDevice.ok) return anyDevice;
    return fail(
      'mfa-serial-missing',
      `No MFA device is configured for ${source}.`,
      `Pass --serial arn:aws:iam::ACCOUNT:mfa/NAME, or add mfa_serial = … to [${source}] in the credentials file or ${configSection(source)} in the config file.`,
    );
  }
  const serial = checkSerial(resolved.serial);
  if (!serial.ok) return serial;
  const root = isRootIdentity(serial.value);
  if (root && request.duration === undefined && durationSeconds > sessionLimits.rootMax) {
    durationSeconds = sessionLimits.rootMax;
    durationFrom = 'root-cap';
  }
  const checked = checkSessionDuration(durationSeconds, root);
  if (!checked.ok) return checked;
  const plan = {serial: serial.value, serialFrom: resolved.from, durationSeconds, durationFrom};
  return ok({...parties.value, ...plan});
}

/** Which profile holds the long-term keys and which one the session goes into, for the profile named. */
function sourceAndTarget(
  request: RenewRequest,
  f: Files,
  mappings: Record<string, string>,
): Result<{source: string; target: string}> {
  const rules = {mappings, exists: existsIn(f)};
  const name = request.profile;
  const own = kindOf(f, name);
  if (own.keyClass === 'long-term') {
    return ok({source: name, target: targetFor(name, rules, request.target)});
  }
  if (own.kind === 'sso' && !request.target) {
    const session = keyOf(f.cred.get(name), f.conf.get(name), 'sso_session');
    return fail(
      'sso-login-needed',
      `Profile ${name} signs in through AWS IAM Identity Center (SSO); mfa-tui does not renew it.`,
      `Run \`aws sso login ${session ? `--sso-session ${session}` : `--profile ${name}`}\`.`,
    );
  }
  const found = request.target ? undefined : sourceFor(name, rules);
  if (found) return ok({source: found, target: name});
  if (!rules.exists(name)) {
    return fail(
      'profile-not-found',
      `There is no profile "${name}" in the credentials or config file, and no long-term profile to renew it from.`,
      'Run `mfa-tui list` to see the profiles; renew the one that holds your long-term keys.',
    );
  }
  if (own.kind === 'session' || own.hasToken) {
    return fail(
      'source-is-session',
      `Profile ${name} holds session credentials (key …${last4(own.keyId) ?? '????'}), ${noSessionFromSession}`,
      `Renew from the profile with your long-term keys, e.g. \`mfa-tui renew LONG_TERM_PROFILE --target ${name}\`.`,
    );
  }
  return fail(
    'source-has-no-keys',
    `Profile ${name} has no long-term access keys to sign GetSessionToken (it is ${kindText(own)}).`,
    'Renew the profile that holds aws_access_key_id and aws_secret_access_key in the credentials file.',
  );
}

/** Why the session may not go into the target: the source itself, long-term keys, another tool's. */
function targetRefusal(
  source: string,
  target: string,
  f: Files,
  force: boolean | undefined,
): Result<never> | undefined {
  if (target === source) {
    return fail(
      'target-is-long-term',
      `The target ${target} is the source itself: writing the session there would destroy your long-term keys.`,
      {flag: '--target', suggested: `${source}-mfa`},
    );
  }
  const tCred = f.cred.get(target);
  const targetKind = kindOf(f, target);
  if (
    tCred &&
    targetKind.keyId &&
    keyPairClass(targetKind.keyId, targetKind.hasToken) === 'long-term'
  ) {
    return fail(
      'target-is-long-term',
      `Profile ${target} holds long-term keys (key ${masked(targetKind.keyId)}); mfa-tui will not overwrite them with a session.`,
      {
        flag: '--target',
        or: `rename [${target}] to [${target}-long-term] (aws-mfa's convention) and renew that`,
      },
    );
  }
  // The settings the AWS CLI reads before the keys of the credentials file.
  const keys = profileKeys(f, target);
  const shadow =
    ['role_arn', 'web_identity_token_file'].find((key) => Object.hasOwn(keys, key)) ??
    ssoKeyOf(keys);
  if (shadow !== undefined) {
    return fail(
      'target-shadowed',
      `Profile ${target} sets ${shadow}, which the AWS CLI uses before the keys of the credentials file: a session written there would never be used.`,
      {
        flag: '--target',
        suggested: `${source}-mfa` === target ? `${source}-session` : `${source}-mfa`,
      },
    );
  }
  const manager = tCred?.manager;
  if (manager && manager !== 'mfa-tui' && !force) {
    return fail(
      'target-managed',
      `Profile ${target} is managed by ${manager} (manager = ${manager}); mfa-tui will not overwrite it.`,
      {flag: '--target', force: true},
    );
  }
  return undefined;
}

/** The first half of planRenewal: source, target and the keys that sign, with every refusal. */
export function planRenewalParties(
  request: RenewRequest,
  inputs: PlanInputs,
  f = mergeFiles(inputs),
): Result<RenewParties> {
  const parties = sourceAndTarget(request, f, inputs.mappings);
  if (!parties.ok) return parties;
  const {source, target} = parties.value;
  const {accessKeyId, secretAccessKey} = keysOf(f, source);
  if (keyPairClass(accessKeyId, kindOf(f, source).hasToken) === 'session') {
    return fail(
      'source-is-session',
      `Source profile ${source} holds session credentials (key ${masked(accessKeyId)}), ${noSessionFromSession}`,
      `Put your long-term keys (AKIA…) in [${source}], or name the right source profile.`,
    );
  }
  if (!accessKeyId || !secretAccessKey) {
    return fail(
      'source-has-no-keys',
      `Source profile ${source} lacks ${accessKeyId ? 'aws_secret_access_key' : 'aws_access_key_id'}.`,
      `Add both aws_access_key_id and aws_secret_access_key to [${source}] in the credentials file.`,
    );
  }
  const refused = targetRefusal(source, target, f, request.force);
  if (refused) return refused;
  return ok({
    source,
    target,
    credentials: {accessKeyId, secretAccessKey},
    accessKeyIdLast4: last4(accessKeyId) ?? '',
    sourceKeys: profileKeys(f, source),
    mfaProcess: mfaProcessFor(f.conf.get(source), f.cred.get(source)),
  });
}

/** The keys a renewal writes into the target section, and the stale ones it removes. */
export function sessionKeys(
  session: {accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date},
  existing: Record<string, string> = {},
): {set: Record<string, string>; remove: string[]} {
  const set: Record<string, string> = {
    aws_access_key_id: session.accessKeyId,
    aws_secret_access_key: session.secretAccessKey,
    aws_session_token: session.sessionToken,
    expiration: formatAwsMfaExpiry(session.expiration),
    x_security_token_expires: formatRfc3339(session.expiration),
  };
  // botocore reads the legacy aws_security_token before aws_session_token: a stale one would win.
  const remove = ['aws_security_token'].filter((k) => k in existing);
  if ('aws_credential_expiration' in existing) {
    set.aws_credential_expiration = formatRfc3339(session.expiration);
  }
  return {set, remove};
}
