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
import {roleCacheContent} from '../core/role-cache.js';
import {isRoleProfile, planRoleRenewal} from '../core/role-plan.js';
import {saveMfaSerial} from '../store/mfa-serial.js';
import {writeRoleCache} from '../store/role-cache.js';
import {updateSettings} from '../store/settings.js';
import {callAws, endpointFor} from './aws-call.js';
import {discoverMfaDevices} from './discover.js';
import {learnKeyDate} from './key-dates.js';
import {loadFiles, type LoadedFiles} from './load.js';
import {
  codeOf,
  stopped,
  unwritten,
  type DiscoveryNote,
  type RenewProfileRequest,
  type RenewResult,
} from './renew-types.js';
import {proveRoleCache, prepareSessionWrite} from './renew-write.js';

/** What every step of a renewal reads: the environment, the request and the files as loaded once. */
type Renewal = {env: NodeJS.ProcessEnv; request: RenewProfileRequest; files: LoadedFiles};

/** The whole renewal of a profile: a role's AssumeRole, else a session's GetSessionToken. */
export async function renewProfile(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
): Promise<RenewResult> {
  const files = await loadFiles(env);
  if (!files.ok) return files;
  const {state} = files.value;
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
  const r = {env, request, files: files.value};
  return isRoleProfile(request.profile, sections) ? renewRole(r) : renewSession(r);
}

/** The plan, with the device IAM lists when none is configured (and whether to keep it). */
async function planWithDevice({env, request, files}: Renewal): Promise<Result<Planned>> {
  const inputs = planInputsOf(files.state, files.settings);
  const planned = planRenewal(request, inputs);
  const ask = request.saveSerial;
  if (planned.ok || planned.error.code !== 'mfa-serial-missing') {
    return planned.ok ? ok({plan: planned.value, save: ask === true}) : planned;
  }
  const found = await discoverMfaDevices(env, request, files);
  if (!found.ok) return found;
  const chosen = chooseDiscoveredDevice(found.value.devices, found.value.source);
  if (!chosen.ok) return chosen;
  const {serial, userName} = chosen.value;
  const plan = planRenewal(request, {...inputs, discoveredSerial: serial});
  if (!plan.ok) return plan;
  const save =
    typeof ask === 'function'
      ? await ask(chosen.value, {profile: plan.value.source})
      : ask === true;
  return ok({plan: plan.value, discovered: {serial, userName}, save});
}

/** A session's renewal: GetSessionToken with the source's long-term keys and a code, into the target. */
async function renewSession(r: Renewal): Promise<RenewResult> {
  const {env, request, files} = r;
  const planned = await planWithDevice(r);
  if (!planned.ok) return planned;
  const {plan} = planned.value;
  const {source, target, serial, durationSeconds} = plan;
  const file = files.state.credentials.path;
  const write = await prepareSessionWrite(file, target, request.now ?? new Date(), durationSeconds);
  if (!write.ok) return write;
  const need = {profile: request.profile, source, target, serial, mfaProcess: plan.mfaProcess};
  const code = await codeOf(request.code, need);
  if (!code.ok) return code;
  // The code works once: the lock is taken and the write proved before STS sees it.
  const held = await write.value.hold();
  if (!held.ok) return held;
  const endpoint = endpointFor('sts', env, request, files.state, plan.sourceKeys);
  const {accessKeyIdLast4} = plan;
  let session: SessionCredentials;
  try {
    if (request.signal?.aborted) return stopped(false);
    const {getSessionToken} = await import('../aws/sts.js');
    const answer = await callAws(
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
          tokenCode: code.value,
          durationSeconds,
        }),
      request.debug,
    );
    if (!answer.ok) return answer;
    session = answer.value;
    const {accessKeyId, expiration} = session;
    request.debug?.(`← AccessKeyId=${masked(accessKeyId)} Expiration=${formatRfc3339(expiration)}`);
    if (request.signal?.aborted) return stopped(true);
    const written = await write.value.commit(session);
    if (!written.ok) return unwrittenSession(r, planned.value, written, {session, endpoint});
  } finally {
    await write.value.release();
  }
  return afterWrite(r, planned.value, {session, endpoint});
}

type Planned = {plan: RenewPlan; discovered?: DiscoveryNote; save: boolean};

/** The write failed after STS answered: the session kept, with a retry of the write from memory. */
function unwrittenSession(
  r: Renewal,
  planned: Planned,
  written: {ok: false; error: AppError},
  sent: {session: SessionCredentials; endpoint: Endpoint},
): RenewResult {
  const {target, durationSeconds} = planned.plan;
  const {session} = sent;
  const keep = (failed: {ok: false; error: AppError}) =>
    unwritten(failed, {target, credentials: session, retry});
  const retry = async (): Promise<RenewResult> => {
    const now = r.request.now ?? new Date();
    const file = r.files.state.credentials.path;
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
    return afterWrite(r, planned, sent);
  };
  return keep(written);
}

/** After the session is written: the device kept if asked, the target and device remembered, the key's age learnt. */
async function afterWrite(
  {env, request, files}: Renewal,
  planned: Planned,
  sent: {session: SessionCredentials; endpoint: Endpoint},
): Promise<RenewResult> {
  const {state, settings} = files;
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
  return ok({kind: 'session', plan, expiresAt: session.expiration, discovered});
}

/** A role profile's renewal: AssumeRole (with a code, or signed by an MFA session), then the AWS CLI's cache. */
async function renewRole({env, request, files}: Renewal): Promise<RenewResult> {
  if (request.target) {
    return fail(
      'role-target',
      `${request.profile} is a role profile: its session goes into the AWS CLI's cache, not into a --target.`,
      `Run again without --target: mfa-tui renew ${request.profile}`,
    );
  }
  const {state, settings} = files;
  const now = request.now ?? new Date();
  const planned = planRoleRenewal(request, {...planInputsOf(state, settings), now});
  if (!planned.ok) return planned;
  const plan = planned.value;
  let tokenCode: string | undefined;
  if (plan.signedBy === 'code') {
    const {source, target, mfaProcess} = plan;
    const need = {profile: request.profile, source, target, serial: plan.serial!, mfaProcess};
    const code = await codeOf(request.code, need);
    if (!code.ok) return code;
    tokenCode = code.value;
  }
  // A code works once: the cache folder proves it takes the file before STS sees it.
  const held = await proveRoleCache(env, plan.cacheKeyText);
  if (!held.ok) return held;
  if (request.signal?.aborted) return stopped(false);
  const endpoint = endpointFor('sts', env, request, state, plan.sourceKeys);
  const {signer, serial, roleArn, roleSessionName, durationSeconds} = plan;
  const withCode = serial ? ` SerialNumber=${serial} TokenCode=******` : '';
  const {assumeRole} = await import('../aws/sts.js');
  const answer = await callAws(
    {
      operation: 'AssumeRole',
      profile: signer.profile,
      accessKeyIdLast4: signer.accessKeyIdLast4,
      serial,
      endpoint,
      said: `key=…${signer.accessKeyIdLast4} (${signer.profile}) RoleArn=${roleArn} RoleSessionName=${roleSessionName} DurationSeconds=${durationSeconds}${withCode}`,
    },
    () =>
      assumeRole(signer.credentials, endpoint, {
        roleArn,
        roleSessionName,
        durationSeconds,
        externalId: plan.externalId,
        serialNumber: plan.signedBy === 'code' ? serial : undefined,
        tokenCode,
      }),
    request.debug,
  );
  if (!answer.ok) return answer;
  if (request.signal?.aborted) return stopped(true);
  const {credentials: c, ...assumed} = answer.value;
  request.debug?.(
    `← ${assumed.arn} AccessKeyId=${masked(c.accessKeyId)} Expiration=${formatRfc3339(c.expiration)}`,
  );
  const content = roleCacheContent({...c, ...assumed});
  const commit = async (): Promise<RenewResult> => {
    const cached = await writeRoleCache(env, plan.cacheKeyText, content);
    if (!cached.ok) return unwritten(cached, {target: plan.target, credentials: c, retry: commit});
    return ok({kind: 'role', plan, expiresAt: c.expiration});
  };
  return commit();
}
