// Renewing a profile, for the command and the TUI alike: plan, check the write, get a code, call
// STS, write. Nothing is written on failure.
import {fail, ok, type Result} from '../core/errors.js';
import {formatRfc3339} from '../core/expiry.js';
import {chooseDiscoveredDevice, serialInFiles} from '../core/mfa.js';
import {planRenewal, type RenewPlan} from '../core/renew-plan.js';
import {isRoleProfile} from '../core/role-plan.js';
import type {AwsState} from '../store/aws-state.js';
import {saveMfaSerial} from '../store/mfa-serial.js';
import {updateSettings, type Settings} from '../store/settings.js';
import {callAws} from './aws-call.js';
import {discoverMfaDevices} from './discover.js';
import {loadFiles} from './load.js';
import {planInputs, stsEndpointFor} from './renew-inputs.js';
import {renewRole} from './renew-role.js';
import {
  codeOf,
  type DiscoveryNote,
  type RenewOutcome,
  type RenewProfileRequest,
} from './renew-types.js';
import {prepareSessionWrite} from './renew-write.js';

/** The whole renewal of a profile: a role's AssumeRole, else a session's GetSessionToken. */
export async function renewProfile(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
): Promise<Result<RenewOutcome>> {
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
): Promise<Result<{plan: RenewPlan; discovered?: DiscoveryNote; save: boolean}>> {
  const inputs = planInputs(state, settings);
  const planned = planRenewal(request, inputs);
  const save = request.saveSerial === true;
  if (planned.ok || planned.error.code !== 'mfa-serial-missing') {
    return planned.ok ? ok({plan: planned.value, save}) : planned;
  }
  const {profile, target, iamEndpointUrl, region, debug} = request;
  const found = await discoverMfaDevices(
    env,
    {profile, target, iamEndpointUrl, region, debug},
    {state, settings},
  );
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
): Promise<Result<RenewOutcome>> {
  const planned = await planWithDevice(env, request, state, settings);
  if (!planned.ok) return planned;
  const {plan, save} = planned.value;
  let discovered = planned.value.discovered;
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

  const endpoint = stsEndpointFor(env, request, state, plan.sourceKeys);
  const debug = request.debug;
  debug?.(
    `GetSessionToken → ${endpoint.url ?? 'AWS STS'} region=${endpoint.region} key=…${plan.accessKeyIdLast4} SerialNumber=${serial} DurationSeconds=${durationSeconds} TokenCode=******`,
  );
  const {getSessionToken} = await import('../aws/sts.js');
  const session = await callAws(
    {
      operation: 'GetSessionToken',
      profile: source,
      accessKeyIdLast4: plan.accessKeyIdLast4,
      serial,
      endpointUrl: endpoint.url,
      region: endpoint.region,
    },
    () =>
      getSessionToken(plan.credentials, endpoint, {
        serialNumber: serial,
        tokenCode: code.value,
        durationSeconds,
      }),
    debug,
  );
  if (!session.ok) return session;
  const {accessKeyId, expiration} = session.value;
  debug?.(`← AccessKeyId=…${accessKeyId.slice(-4)} Expiration=${formatRfc3339(expiration)}`);
  const written = await write.value.commit(session.value);
  if (!written.ok) return written;

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
  return ok({kind: 'session', plan, expiresAt: expiration, endpoint, discovered});
}
