// Renewing a profile, for the command and the TUI alike, as a transaction: plan, check the write,
// get a code, take the lock and prove the write, call STS, write, let go. Nothing is written on
// failure; a session STS issued that still cannot be written is handed back, not lost.
import {fail, ok, type AppError, type Result} from '../core/errors.js';
import type {Endpoint} from '../aws/endpoint.js';
import type {SessionCredentials} from '../aws/sts.js';
import {formatRfc3339} from '../core/expiry.js';
import {masked} from '../core/mask.js';
import {chooseDiscoveredDevice, serialInFiles} from '../core/mfa.js';
import {planInputsOf, planRenewal, type RenewPlan} from '../core/renew-plan.js';
import {isRoleProfile} from '../core/role-plan.js';
import type {AwsState} from '../store/aws-state.js';
import {saveMfaSerial} from '../store/mfa-serial.js';
import {updateSettings, type Settings} from '../store/settings.js';
import {callAws, endpointFor} from './aws-call.js';
import {discoverMfaDevices} from './discover.js';
import {learnKeyDate} from './key-dates.js';
import {loadFiles} from './load.js';
import {renewRole} from './renew-role.js';
import {
  codeOf,
  stopped,
  unwritten,
  type DiscoveryNote,
  type RenewProfileRequest,
  type RenewResult,
} from './renew-types.js';
import {prepareSessionWrite} from './renew-write.js';

/** The whole renewal of a profile: a role's AssumeRole, else a session's GetSessionToken. */
export async function renewProfile(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
): Promise<RenewResult> {
  const files = await loadFiles(env);
  if (!files.ok) return files;
  const {state, settings} = files.value;
  // A file the AWS CLI cannot parse at all is not renewed into: say where, before a code is spent.
  const fatal = state.credentials.errors[0];
  if (fatal) {
    return fail(
      'ini-unparseable',
      `${state.credentials.path}:${fatal.line}: ${fatal.message}`,
      `Fix line ${fatal.line} of the credentials file (mfa-tui never repairs a file silently), then renew again.`,
    );
  }
  const sections = {credentials: state.credentials.sections, config: state.config.sections};
  if (isRoleProfile(request.profile, sections)) {
    return renewRole(env, request, state, settings);
  }
  return renewSession(env, request, state, settings);
}

/** The plan, with the device IAM lists when none is configured (and whether to keep it). */
async function planWithDevice(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
  state: AwsState,
  settings: Settings,
): Promise<Result<Planned>> {
  const inputs = planInputsOf(state, settings);
  const planned = planRenewal(request, inputs);
  const save = request.saveSerial === true;
  if (planned.ok || planned.error.code !== 'mfa-serial-missing') {
    return planned.ok ? ok({plan: planned.value, save}) : planned;
  }
  const found = await discoverMfaDevices(env, request, {state, settings});
  if (!found.ok) return found;
  const chosen = chooseDiscoveredDevice(found.value.devices, found.value.source);
  if (!chosen.ok) return chosen;
  const withDevice = planRenewal(request, {...inputs, discoveredSerial: chosen.value.serial});
  if (!withDevice.ok) return withDevice;
  const ask = request.saveSerial;
  return ok({
    plan: withDevice.value,
    discovered: {serial: chosen.value.serial, userName: chosen.value.userName},
    save:
      typeof ask === 'function'
        ? await ask(chosen.value, {profile: withDevice.value.source})
        : save,
  });
}

/** A session's renewal: GetSessionToken with the source's long-term keys and a code, into the target. */
async function renewSession(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
  state: AwsState,
  settings: Settings,
): Promise<RenewResult> {
  const planned = await planWithDevice(env, request, state, settings);
  if (!planned.ok) return planned;
  const {plan} = planned.value;
  const {source, target, serial, durationSeconds} = plan;
  const write = await prepareSessionWrite(
    state.credentials.path,
    target,
    request.now ?? new Date(),
    durationSeconds,
  );
  if (!write.ok) return write;
  const need = {profile: request.profile, source, target, serial, mfaProcess: plan.mfaProcess};
  const code = await codeOf(request.code, need);
  if (!code.ok) return code;
  // The code works once: the lock is taken and the write proved before STS sees it.
  const held = await write.value.hold();
  if (!held.ok) return held;
  const endpoint = endpointFor('sts', env, request, state, plan.sourceKeys);
  let session: SessionCredentials;
  try {
    if (request.signal?.aborted) return stopped(false);
    const answer = await sendCode(plan, endpoint, code.value, request.debug);
    if (!answer.ok) return answer;
    if (request.signal?.aborted) return stopped(true);
    session = answer.value;
    const written = await write.value.commit(session);
    if (!written.ok) {
      const sent = {session, endpoint};
      return unwrittenSession(env, request, planned.value, {state, settings}, written, sent);
    }
  } finally {
    await write.value.release();
  }
  return afterWrite(env, request, planned.value, {state, settings}, {session, endpoint});
}

/** GetSessionToken with the plan's keys and device and the code. */
async function sendCode(
  plan: RenewPlan,
  endpoint: Endpoint,
  tokenCode: string,
  debug: RenewProfileRequest['debug'],
): Promise<Result<SessionCredentials>> {
  const {source, serial, durationSeconds, accessKeyIdLast4} = plan;
  const {getSessionToken} = await import('../aws/sts.js');
  const session = await callAws(
    {
      operation: 'GetSessionToken',
      profile: source,
      accessKeyIdLast4,
      serial,
      endpoint,
      said: `key=…${accessKeyIdLast4} SerialNumber=${serial} DurationSeconds=${durationSeconds} TokenCode=******`,
    },
    () =>
      getSessionToken(plan.credentials, endpoint, {
        serialNumber: serial,
        tokenCode,
        durationSeconds,
      }),
    debug,
  );
  if (session.ok) {
    const {accessKeyId, expiration} = session.value;
    debug?.(`← AccessKeyId=${masked(accessKeyId)} Expiration=${formatRfc3339(expiration)}`);
  }
  return session;
}

type Planned = {plan: RenewPlan; discovered?: DiscoveryNote; save: boolean};

/** The write failed after STS answered: the session kept, with a retry of the write from memory. */
function unwrittenSession(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
  planned: Planned,
  loaded: Loaded,
  written: {ok: false; error: AppError},
  sent: {session: SessionCredentials; endpoint: Endpoint},
): RenewResult {
  const {target, durationSeconds} = planned.plan;
  const {session} = sent;
  const keep = (failed: {ok: false; error: AppError}) =>
    unwritten(failed, {target, credentials: session}, retry);
  const retry = async (): Promise<RenewResult> => {
    const now = request.now ?? new Date();
    const file = loaded.state.credentials.path;
    const write = await prepareSessionWrite(file, target, now, durationSeconds, true);
    if (!write.ok) return keep(write);
    const held = await write.value.hold();
    if (!held.ok) return keep(held);
    try {
      const again = await write.value.commit(session);
      if (!again.ok) return keep(again);
    } finally {
      await write.value.release();
    }
    return afterWrite(env, request, planned, loaded, sent);
  };
  return keep(written);
}

type Loaded = {state: AwsState; settings: Settings};

/** After the session is written: the device kept if asked, the target and device remembered, the key's age learnt. */
async function afterWrite(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
  planned: Planned,
  {state, settings}: Loaded,
  sent: {session: SessionCredentials; endpoint: Endpoint},
): Promise<RenewResult> {
  const {plan, save} = planned;
  const {source, target, serial} = plan;
  let discovered = planned.discovered && {...planned.discovered};
  // Keep the device only when it came from outside the files (flag, settings or IAM).
  if (save && !serialInFiles(plan.serialFrom)) {
    const saved = await saveMfaSerial(state.config.path, source, serial);
    discovered ??= {serial, userName: ''};
    if (saved.ok) discovered.saved = {file: saved.value.file, header: saved.value.header};
    else discovered.saveError = saved.error;
  }
  if (request.target || request.serial || discovered) {
    await updateSettings(env, (s) => ({
      ...s,
      targets: request.target ? {...s.targets, [source]: target} : s.targets,
      serials: request.serial || discovered ? {...s.serials, [source]: serial} : s.serials,
    }));
  }
  const {endpoint, session} = sent;
  if (request.keyDate !== false) {
    await learnKeyDate(env, settings, {
      keyId: plan.credentials.accessKeyId,
      session,
      profile: source,
      sts: endpoint,
      iam: endpointFor('iam', env, request, state, plan.sourceKeys),
      now: request.now ?? new Date(),
      debug: request.debug,
    });
  }
  return ok({kind: 'session', plan, expiresAt: session.expiration, endpoint, discovered});
}
