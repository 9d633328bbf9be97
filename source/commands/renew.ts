import {statSync} from 'node:fs';
import {
  planRenewal,
  planRenewalParties,
  sessionKeys,
  type PlanInputs,
  type RenewPlan,
} from '../core/renew-plan.js';
import {
  codeWaitMs,
  countdownText,
  shortDevice,
  spendCode,
  type CodeLedger,
} from '../core/code-steps.js';
import {checkSessionDuration, parseDuration} from '../core/durations.js';
import {describeExpiry, formatRfc3339} from '../core/expiry.js';
import {fail, ok, type AppError, type Result} from '../core/errors.js';
import {profileSectionKeys, removeKeys, setKeys, type IniDocument} from '../core/ini/index.js';
import {
  checkCode,
  checkSerial,
  chooseDiscoveredDevice,
  type DiscoveredDevice,
} from '../core/mfa.js';
import {classify} from '../core/profiles.js';
import {roleCacheContent} from '../core/role-cache.js';
import {
  describeRoleSigning,
  isRoleProfile,
  planRoleRenewal,
  type RolePlan,
} from '../core/role-plan.js';
import {resolveIamEndpoint, resolveStsEndpoint, type Endpoint} from '../aws/endpoint.js';
import {mapStsError} from '../aws/errors.js';
import type {SessionCredentials} from '../aws/sts.js';
import {editAwsFile} from '../store/aws-edit.js';
import {loadAwsState, servicesKeys, type AwsState} from '../store/aws-state.js';
import {saveMfaSerial} from '../store/mfa-serial.js';
import {writeRoleCache} from '../store/role-cache.js';
import {awsPaths} from '../store/paths.js';
import {loadSettings, updateSettings, type Settings} from '../store/settings.js';
import {parseCommandArgs} from './args.js';
import {canPrompt, confirm, obtainCode} from './code-input.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';
import {looseModeWarning} from './load-profiles.js';

const usage = `Usage: mfa-tui renew PROFILE… [--code N | --code-from CMD] [--duration D] [--serial ARN]
                          [--save-serial] [--iam-endpoint-url URL] [--target NAME] [--new-code]
                          [--force] [--json]

Trades PROFILE's long-term keys and an MFA code for a session (STS GetSessionToken) and writes
it into the target profile of the credentials file. PROFILE may be the long-term profile or the
session profile it feeds (X-long-term → X, default → mfa, P → P-mfa, or a remembered --target).

A role profile (role_arn + source_profile) is renewed with STS AssumeRole: signed by the MFA
session its source already holds (no new code; role chaining caps it at 1 h), or by the source's
long-term keys with a code from the role's mfa_serial. The role session goes into the AWS CLI's
own cache (~/.aws/cli/cache), so \`aws --profile ROLE …\` runs without asking for a code.

Several profiles renew in turn; when they share an MFA device each needs a code from a later
30-second step, and mfa-tui counts down to it on stderr.

The code comes from --code, else --code-from CMD, else the profile's mfa_process (as aws-vault
names it), else a prompt on the terminal. Without any MFA device configured, mfa-tui asks IAM
(ListMFADevices) for the source's device.

  --code N              the 6-digit code (one profile only)
  --code-from CMD       run CMD and take the 6-digit code from its output (again for each code)
  --duration D          session length: seconds or 1h30m (900–129600 s; root 900–3600;
                        roles 900–43200, 1 h when a session signs)
  --serial ARN          MFA device ARN (else mfa_serial of the profile, remembered, or found in IAM)
  --save-serial         keep the device used as mfa_serial in the config profile (asked on a terminal)
  --iam-endpoint-url URL  IAM endpoint for finding the device (else AWS_ENDPOINT_URL_IAM, …)
  --target NAME         profile to write the session into (remembered for next time; one profile only)
  --new-code            for a role: sign with the long-term keys and a new code, not the MFA
                        session (implied by --code and --code-from)
  --force               overwrite a target that another tool manages (manager = …)
  --json                print {profile, source, expiresAt} (one line per profile)`;

const options = {
  code: {type: 'string'},
  'code-from': {type: 'string'},
  duration: {type: 'string'},
  serial: {type: 'string'},
  'save-serial': {type: 'boolean'},
  'iam-endpoint-url': {type: 'string'},
  target: {type: 'string'},
  'new-code': {type: 'boolean'},
  force: {type: 'boolean'},
  json: {type: 'boolean'},
} as const;

/** What a code source is told when a code is needed: which device, for which profiles, and the profile's mfa_process. */
export type CodeNeed = {
  profile: string;
  source: string;
  target: string;
  serial: string;
  mfaProcess?: string;
};

/** A code, or a function that gets one when (and only when) the renewal needs it. */
export type CodeSource = string | ((need: CodeNeed) => Promise<Result<string>>);

/** A device IAM found for the source, and whether it was kept as mfa_serial in the config file. */
export type DiscoveryNote = {
  serial: string;
  userName: string;
  saved?: {file: string; header: string};
  saveError?: AppError;
};

export type RenewOutcome =
  | {
      kind: 'session';
      plan: RenewPlan;
      expiresAt: Date;
      endpoint: Endpoint;
      discovered?: DiscoveryNote;
    }
  | {
      kind: 'role';
      plan: RolePlan;
      expiresAt: Date;
      endpoint: Endpoint;
      /** The assumed-role ARN STS answered with. */
      assumedArn: string;
      /** The AWS CLI cache file written. */
      cacheFile: string;
    };

export type RenewProfileRequest = {
  profile: string;
  code: CodeSource;
  target?: string;
  serial?: string;
  duration?: string;
  force?: boolean;
  endpointUrl?: string;
  iamEndpointUrl?: string;
  region?: string;
  /** Keep the serial used as mfa_serial in the config profile: yes, no, or ask once a device is found. */
  saveSerial?: boolean | ((device: DiscoveredDevice, where: {profile: string}) => Promise<boolean>);
  /** For a role: sign with long-term keys and a new code even when an MFA session could sign. */
  newCode?: boolean;
  /** The time that decides whether a held MFA session may still sign (default: now). */
  now?: Date;
  debug?: (line: string) => void;
};

const codeOf = async (code: CodeSource, need: CodeNeed): Promise<Result<string>> =>
  typeof code === 'string' ? ok(code) : code(need);

/** The STS endpoint and region for a call signed from the source profile (flags, env, [services], profile). */
function stsEndpointFor(
  env: NodeJS.ProcessEnv,
  request: {endpointUrl?: string; region?: string},
  state: AwsState,
  sourceKeys: Record<string, string>,
): Endpoint {
  return resolveStsEndpoint({
    env,
    endpointUrl: request.endpointUrl,
    region: request.region,
    profileKeys: sourceKeys,
    servicesSts: servicesKeys(state, sourceKeys.services, 'sts'),
  });
}

function planInputs(state: AwsState, settings: Settings): PlanInputs {
  return {
    credentials: state.credentials.sections,
    config: state.config.sections,
    mappings: settings.targets,
    serials: settings.serials,
    defaultDurationSeconds: settings.defaultDurationSeconds,
  };
}

function errorMeta(error: unknown): string {
  const e = error as {name?: string; $metadata?: {httpStatusCode?: number; requestId?: string}};
  return `← error ${e.name ?? ''} HTTP ${e.$metadata?.httpStatusCode ?? '-'} request-id ${e.$metadata?.requestId ?? '-'}`;
}

/**
 * Asks IAM (ListMFADevices, signed with the source's long-term keys) which MFA devices the source's
 * user has. For the TUI's device choice, and for renewProfile when no serial is configured.
 */
export async function discoverMfaDevices(
  env: NodeJS.ProcessEnv,
  request: {
    profile: string;
    target?: string;
    iamEndpointUrl?: string;
    region?: string;
    debug?: (line: string) => void;
  },
  preloaded?: {state: AwsState; settings: Settings},
): Promise<Result<{source: string; devices: DiscoveredDevice[]; endpoint: Endpoint}>> {
  let state = preloaded?.state;
  let settings = preloaded?.settings;
  if (!settings) {
    const s = loadSettings(env);
    if (!s.ok) return s;
    settings = s.value;
  }
  if (!state) {
    const loaded = await loadAwsState(env);
    if (!loaded.ok) return loaded;
    state = loaded.value;
  }
  const parties = planRenewalParties(
    {profile: request.profile, target: request.target, force: true},
    planInputs(state, settings),
  );
  if (!parties.ok) return parties;
  const {source, credentials, accessKeyIdLast4, sourceKeys} = parties.value;
  const endpoint = resolveIamEndpoint({
    env,
    endpointUrl: request.iamEndpointUrl,
    region: request.region,
    profileKeys: sourceKeys,
    servicesIam: servicesKeys(state, sourceKeys.services, 'iam'),
  });
  request.debug?.(
    `ListMFADevices → ${endpoint.url ?? 'AWS IAM'} region=${endpoint.region} key=…${accessKeyIdLast4}`,
  );
  const {listMfaDevices} = await import('../aws/iam.js');
  try {
    const devices = await listMfaDevices(credentials, endpoint);
    request.debug?.(`← ${devices.length} device(s): ${devices.map((d) => d.serial).join(', ')}`);
    return ok({source, devices, endpoint});
  } catch (error) {
    request.debug?.(errorMeta(error));
    return {
      ok: false,
      error: mapStsError(error, {
        operation: 'ListMFADevices',
        profile: source,
        accessKeyIdLast4,
        endpointUrl: endpoint.url,
        region: endpoint.region,
      }),
    };
  }
}

/** The edit that puts a session into the target section, checked again on the file as it is then. */
function writeSession(
  target: string,
  session: SessionCredentials,
): (doc: IniDocument) => Result<IniDocument> {
  return (doc) => {
    // Re-checked under the lock: the file may have changed since it was read.
    const current = profileSectionKeys(doc, 'credentials', target);
    const existing = Object.assign({}, ...current) as Record<string, string>;
    const kind = classify(existing, undefined);
    if (kind.keyId && !kind.hasToken && !kind.keyId.startsWith('ASIA')) {
      return fail(
        'target-is-long-term',
        `Profile ${target} now holds long-term keys; mfa-tui will not overwrite them.`,
        'Pass another --target.',
      );
    }
    const keys = sessionKeys(session, existing);
    const withKeys = setKeys(doc, target, keys.set);
    if (!withKeys.ok || keys.remove.length === 0) return withKeys;
    return removeKeys(withKeys.value, target, keys.remove);
  };
}

/** Keys shaped like STS's (same alphabets and lengths), for a dry run of the write. */
function standInSession(now: Date, durationSeconds: number): SessionCredentials {
  return {
    accessKeyId: 'ASIA' + 'X'.repeat(16),
    secretAccessKey: 'x'.repeat(40),
    sessionToken: 'IQoJb3JpZ2luX2Vj' + 'x'.repeat(400) + '==',
    expiration: new Date(now.getTime() + durationSeconds * 1000),
  };
}

/** Whether STS's keys hold only what the stand-ins' do in a value: letters, digits, + / =. */
function readsLikeStandIns(session: SessionCredentials): boolean {
  const plain = /^[A-Za-z0-9+/=]+$/;
  return [session.accessKeyId, session.secretAccessKey, session.sessionToken].every((v) =>
    plain.test(v),
  );
}

/** A dry run's refusal, said as what it is: nothing was sent, no code spent. */
export function unwritableTarget(target: string, error: AppError): Result<never> {
  if (error.code === 'target-is-long-term') return {ok: false, error};
  const sectionTrouble = error.code === 'ini-write-refused';
  return fail(
    error.code,
    `Cannot write the session into [${target}]: ${error.message}`,
    sectionTrouble
      ? `No code was sent. Renew into a target every client reads (--target NAME: letters, digits, - _ .), or fix the file by hand.`
      : `No code was sent. ${error.fix}`,
  );
}

/** The whole renewal, shared by the command and the TUI: plan, call STS, write. Nothing is written on failure. */
export async function renewProfile(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
  preloaded?: AwsState,
): Promise<Result<RenewOutcome>> {
  const settings = loadSettings(env);
  if (!settings.ok) return settings;
  const loaded = preloaded ? ok(preloaded) : await loadAwsState(env);
  if (!loaded.ok) return loaded;
  const state = loaded.value;
  // A file the AWS CLI cannot parse at all is not renewed into: say where, before a code is spent.
  const fatal = state.credentials.errors[0];
  if (fatal) {
    return fail(
      'ini-unparseable',
      `${state.credentials.path}:${fatal.line}: ${fatal.message}`,
      `Fix line ${fatal.line} of the credentials file (mfa-tui never repairs a file silently), then renew again.`,
    );
  }
  if (
    isRoleProfile(request.profile, {
      credentials: state.credentials.sections,
      config: state.config.sections,
    })
  ) {
    return renewRole(env, request, state, settings.value);
  }
  const inputs = planInputs(state, settings.value);
  let planned = planRenewal(request, inputs);
  let discovered: DiscoveryNote | undefined;
  let save = request.saveSerial === true;
  if (!planned.ok && planned.error.code === 'mfa-serial-missing') {
    const found = await discoverMfaDevices(
      env,
      {
        profile: request.profile,
        target: request.target,
        iamEndpointUrl: request.iamEndpointUrl,
        region: request.region,
        debug: request.debug,
      },
      {state, settings: settings.value},
    );
    if (!found.ok) return found;
    const chosen = chooseDiscoveredDevice(found.value.devices, found.value.source);
    if (!chosen.ok) return chosen;
    discovered = {serial: chosen.value.serial, userName: chosen.value.userName};
    planned = planRenewal(request, {...inputs, discoveredSerial: chosen.value.serial});
    if (planned.ok && typeof request.saveSerial === 'function') {
      save = await request.saveSerial(chosen.value, {profile: planned.value.source});
    }
  }
  if (!planned.ok) return planned;
  const plan = planned.value;

  // Everything the write will check, checked now on the file as it is: a code spent on a session
  // that cannot be written is lost (a code works once).
  const dryRun = await editAwsFile(
    state.credentials.path,
    'credentials',
    writeSession(plan.target, standInSession(request.now ?? new Date(), plan.durationSeconds)),
    {dryRun: true},
  );
  if (!dryRun.ok) return unwritableTarget(plan.target, dryRun.error);

  const code = await codeOf(request.code, {
    profile: request.profile,
    source: plan.source,
    target: plan.target,
    serial: plan.serial,
    mfaProcess: plan.mfaProcess,
  });
  if (!code.ok) return code;

  const endpoint = stsEndpointFor(env, request, state, plan.sourceKeys);
  const debug = request.debug;
  debug?.(
    `GetSessionToken → ${endpoint.url ?? 'AWS STS'} region=${endpoint.region} key=…${plan.accessKeyIdLast4} SerialNumber=${plan.serial} DurationSeconds=${plan.durationSeconds} TokenCode=******`,
  );
  const {getSessionToken} = await import('../aws/sts.js');
  let session;
  try {
    session = await getSessionToken(plan.credentials, endpoint, {
      serialNumber: plan.serial,
      tokenCode: code.value,
      durationSeconds: plan.durationSeconds,
    });
  } catch (error) {
    debug?.(errorMeta(error));
    return {
      ok: false,
      error: mapStsError(error, {
        operation: 'GetSessionToken',
        profile: plan.source,
        accessKeyIdLast4: plan.accessKeyIdLast4,
        serial: plan.serial,
        endpointUrl: endpoint.url,
        region: endpoint.region,
      }),
    };
  }
  debug?.(
    `← AccessKeyId=…${session.accessKeyId.slice(-4)} Expiration=${formatRfc3339(session.expiration)}`,
  );

  const written = await editAwsFile(
    state.credentials.path,
    'credentials',
    writeSession(plan.target, session),
    // Keys of base64's letters read as the stand-ins did: no second check on an unchanged file.
    {checkedOn: readsLikeStandIns(session) ? dryRun.value.before : undefined},
  );
  if (!written.ok) return written;

  // Keep the device only when it came from outside the files (flag, settings or IAM).
  const inFiles =
    plan.serialFrom.startsWith('mfa_serial in') || plan.serialFrom.startsWith('aws_mfa_device');
  if (save && !inFiles) {
    const saved = await saveMfaSerial(state.config.path, plan.source, plan.serial);
    discovered ??= {serial: plan.serial, userName: ''};
    if (saved.ok) discovered.saved = {file: saved.value.file, header: saved.value.header};
    else discovered.saveError = saved.error;
  }
  if (request.target || request.serial || discovered) {
    await updateSettings(env, (s) => ({
      ...s,
      targets: request.target ? {...s.targets, [plan.source]: plan.target} : s.targets,
      serials:
        request.serial || discovered ? {...s.serials, [plan.source]: plan.serial} : s.serials,
    }));
  }
  return ok({kind: 'session', plan, expiresAt: session.expiration, endpoint, discovered});
}

/** A role profile's renewal: AssumeRole (with a code, or signed by an MFA session), then the AWS CLI's cache. */
async function renewRole(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
  state: AwsState,
  settings: Settings,
): Promise<Result<RenewOutcome>> {
  if (request.target) {
    return fail(
      'role-target',
      `${request.profile} is a role profile: its session goes into the AWS CLI's cache, not into a --target.`,
      `Run again without --target: mfa-tui renew ${request.profile}`,
    );
  }
  const planned = planRoleRenewal(
    {
      profile: request.profile,
      duration: request.duration,
      serial: request.serial,
      newCode: request.newCode,
    },
    {
      credentials: state.credentials.sections,
      config: state.config.sections,
      mappings: settings.targets,
      serials: settings.serials,
      now: request.now ?? new Date(),
    },
  );
  if (!planned.ok) return planned;
  const plan = planned.value;
  let tokenCode: string | undefined;
  if (plan.signedBy === 'code') {
    const code = await codeOf(request.code, {
      profile: request.profile,
      source: plan.source,
      target: plan.target,
      serial: plan.serial!,
      mfaProcess: plan.mfaProcess,
    });
    if (!code.ok) return code;
    tokenCode = code.value;
  }
  const endpoint = stsEndpointFor(env, request, state, plan.sourceKeys);
  const debug = request.debug;
  debug?.(
    `AssumeRole → ${endpoint.url ?? 'AWS STS'} region=${endpoint.region} key=…${plan.signer.accessKeyIdLast4} (${plan.signer.profile}) RoleArn=${plan.roleArn} RoleSessionName=${plan.roleSessionName} DurationSeconds=${plan.durationSeconds}${plan.serial ? ` SerialNumber=${plan.serial} TokenCode=******` : ''}`,
  );
  const {assumeRole} = await import('../aws/sts.js');
  let assumed;
  try {
    assumed = await assumeRole(plan.signer.credentials, endpoint, {
      roleArn: plan.roleArn,
      roleSessionName: plan.roleSessionName,
      durationSeconds: plan.durationSeconds,
      externalId: plan.externalId,
      serialNumber: plan.signedBy === 'code' ? plan.serial : undefined,
      tokenCode,
    });
  } catch (error) {
    debug?.(errorMeta(error));
    return {
      ok: false,
      error: mapStsError(error, {
        operation: 'AssumeRole',
        profile: plan.signer.profile,
        accessKeyIdLast4: plan.signer.accessKeyIdLast4,
        serial: plan.serial,
        endpointUrl: endpoint.url,
        region: endpoint.region,
      }),
    };
  }
  const c = assumed.credentials;
  debug?.(
    `← ${assumed.arn} AccessKeyId=…${c.accessKeyId.slice(-4)} Expiration=${formatRfc3339(c.expiration)}`,
  );
  const cached = await writeRoleCache(
    env,
    plan.cacheKeyText,
    roleCacheContent({
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration,
      assumedRoleId: assumed.assumedRoleId,
      arn: assumed.arn,
      requestId: assumed.requestId,
      sourceIdentity: assumed.sourceIdentity,
      packedPolicySize: assumed.packedPolicySize,
    }),
  );
  if (!cached.ok) return cached;
  return ok({
    kind: 'role',
    plan,
    expiresAt: c.expiration,
    endpoint,
    assumedArn: assumed.arn,
    cacheFile: cached.value,
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits `ms` with a countdown on stderr: redrawn each second on a terminal, one line otherwise. */
export async function countdown(ctx: CommandContext, serial: string, ms: number): Promise<void> {
  const until = ctx.now().getTime() + ms;
  const tty = (ctx.stderr as NodeJS.WriteStream).isTTY === true;
  if (!tty) {
    ctx.stderr.write(`mfa-tui: ${countdownText(serial, ms)}\n`);
    // A timer may fire a hair early, and a fast code command would then hand the spent step's
    // code: wait until the clock itself says the step has begun (a few times at most, so a clock
    // that does not move cannot hold the command forever).
    let left = ms;
    for (let tries = 0; left > 0 && tries < 5; tries++) {
      await sleep(left);
      left = until - ctx.now().getTime();
    }
    return;
  }
  for (;;) {
    const left = until - ctx.now().getTime();
    if (left <= 0) break;
    ctx.stderr.write(`\r${countdownText(serial, left)}\x1b[K`);
    await sleep(Math.min(left, left % 1000 || 1000));
  }
  ctx.stderr.write('\r\x1b[K');
}

/**
 * The command's code source for a run of renewals: --code, --code-from, mfa_process or a prompt,
 * each code from a later 30 s step than the last one this run spent on the same device.
 */
function batchCodes(
  ctx: CommandContext,
  flags: {code?: string; codeFrom?: string},
): (need: CodeNeed) => Promise<Result<string>> {
  let ledger: CodeLedger = {};
  // The last code per device, only to spot a command or a person handing the same code again.
  const last = new Map<string, string>();
  return async (need) => {
    const wait = codeWaitMs(ledger, need.serial, ctx.now());
    if (wait > 0) await countdown(ctx, need.serial, wait);
    const codeFrom = flags.codeFrom ?? (flags.code === undefined ? need.mfaProcess : undefined);
    const label = `${shortDevice(need.serial)} (${need.target})`;
    let got = await obtainCode(ctx, {code: flags.code, codeFrom, label});
    // A device or command whose clock lags ours can still show the spent code: try for one more step.
    for (let tries = 0; got.ok && last.get(need.serial) === got.value && tries < 16; tries++) {
      if (flags.code !== undefined) break;
      if (codeFrom === undefined)
        ctx.stderr.write('mfa-tui: that code was just used; wait for the next one.\n');
      else await countdown(ctx, need.serial, 2000);
      got = await obtainCode(ctx, {code: flags.code, codeFrom, label});
    }
    if (got.ok && last.get(need.serial) === got.value) {
      return fail(
        'mfa-code-reused',
        `The code for ${need.serial} is the one just used, and STS accepts a code once.`,
        'Renew the profiles that share a device with --code-from CMD or by typing each code, not with one --code.',
      );
    }
    if (got.ok) {
      ledger = spendCode(ledger, need.serial, ctx.now());
      last.set(need.serial, got.value);
    }
    return got;
  };
}

/** --code, --duration or --serial with a value no renewal could use (exit 2, SPEC: bad usage). */
function badFlagValue(v: {
  code?: string;
  duration?: string;
  serial?: string;
}): AppError | undefined {
  if (v.code !== undefined) {
    const code = checkCode(v.code);
    if (!code.ok) return code.error;
  }
  if (v.duration !== undefined) {
    const seconds = parseDuration(v.duration);
    if (!seconds.ok) return seconds.error;
    // Neither GetSessionToken nor AssumeRole takes less or more, whoever asks.
    const range = checkSessionDuration(seconds.value, false);
    if (!range.ok) return range.error;
  }
  if (v.serial !== undefined) {
    const serial = checkSerial(v.serial);
    if (!serial.ok) return serial.error;
  }
  return undefined;
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, options, usage, {min: 1, max: Infinity});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const v = args.values;
  if (v.code !== undefined && v['code-from'] !== undefined) {
    ctx.stderr.write(`mfa-tui: give either --code or --code-from, not both\n${usage}\n`);
    return exit.usage;
  }
  const profiles = args.positionals;
  if (profiles.length > 1 && (v.code !== undefined || v.target !== undefined)) {
    ctx.stderr.write(
      `mfa-tui: ${v.code !== undefined ? '--code gives one code, and a code works once' : '--target names one profile'}: renew one profile at a time, or use --code-from CMD\n${usage}\n`,
    );
    return exit.usage;
  }
  // A flag's value that could never work is bad usage, found before any file is read or call made.
  const bad = badFlagValue(v);
  if (bad) {
    printError(ctx, bad);
    return exit.usage;
  }
  const codes = batchCodes(ctx, {code: v.code, codeFrom: v['code-from']});
  const interactive = canPrompt(ctx);
  let failed = false;
  let wroteSession = false;
  for (const profile of profiles) {
    const result = await renewProfile(ctx.env, {
      profile,
      code: codes,
      target: v.target,
      serial: v.serial,
      duration: v.duration,
      force: v.force,
      newCode: v['new-code'] || v.code !== undefined || v['code-from'] !== undefined,
      now: ctx.now(),
      endpointUrl: v['endpoint-url'],
      iamEndpointUrl: v['iam-endpoint-url'],
      region: v.region,
      saveSerial:
        v['save-serial'] ??
        (interactive
          ? (device, where) => {
              ctx.stderr.write(
                `mfa-tui: IAM lists one MFA device for ${where.profile}: ${device.serial}\n`,
              );
              return confirm(
                ctx,
                `Save it as mfa_serial in [${where.profile === 'default' ? 'default' : `profile ${where.profile}`}] of the config file?`,
              );
            }
          : false),
      debug: v.debug ? (line) => ctx.stderr.write(`debug: ${line}\n`) : undefined,
    });
    if (!result.ok) {
      if (profiles.length > 1) ctx.stderr.write(`mfa-tui: ${profile}: not renewed\n`);
      printError(ctx, result.error);
      if (result.error.code === 'code-missing') return exit.usage;
      failed = true;
      continue;
    }
    const outcome = result.value;
    const {plan, expiresAt} = outcome;
    wroteSession ||= outcome.kind === 'session';
    if (outcome.kind === 'session' && outcome.discovered) {
      const d = outcome.discovered;
      ctx.stderr.write(
        `mfa-tui: used MFA device ${d.serial} of ${plan.source}${d.userName ? ` (IAM user ${d.userName})` : ''}\n`,
      );
      if (d.saved)
        ctx.stderr.write(
          `mfa-tui: saved it as mfa_serial in [${d.saved.header}] of ${d.saved.file}\n`,
        );
      if (d.saveError) printError(ctx, d.saveError);
    }
    if (v.json) {
      ctx.stdout.write(
        `${JSON.stringify({profile: plan.target, source: plan.source, expiresAt: formatRfc3339(expiresAt)})}\n`,
      );
    } else {
      const how = outcome.kind === 'role' ? `; ${describeRoleSigning(outcome.plan)}` : '';
      ctx.stdout.write(
        `${plan.target}: renewed from ${plan.source}, ${describeExpiry(expiresAt, ctx.now(), 0)} (until ${formatRfc3339(expiresAt)})${how}\n`,
      );
    }
  }
  // Session keys just went into the credentials file: say so if others than its owner can read it.
  if (wroteSession) {
    const {credentialsFile} = awsPaths(ctx.env);
    let mode: number | undefined;
    try {
      mode = statSync(credentialsFile).mode;
    } catch {
      // Written a moment ago; nothing to say if it is gone now.
    }
    const loose = looseModeWarning(credentialsFile, mode);
    if (loose) ctx.stderr.write(`mfa-tui: warning: ${loose}\n`);
  }
  return failed ? exit.failure : exit.ok;
}
