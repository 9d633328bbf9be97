// Renewing a role profile: AssumeRole (signed by the MFA session its source holds, or by the
// long-term keys with a code), the answer written into the AWS CLI's own cache.
import {planInputsOf} from '../core/renew-plan.js';
import {fail, ok} from '../core/errors.js';
import {formatRfc3339} from '../core/expiry.js';
import {masked} from '../core/mask.js';
import {roleCacheContent} from '../core/role-cache.js';
import {planRoleRenewal, type RolePlan} from '../core/role-plan.js';
import type {Endpoint} from '../aws/endpoint.js';
import type {AwsState} from '../store/aws-state.js';
import type {Settings} from '../store/settings.js';
import {callAws, endpointFor} from './aws-call.js';
import {
  codeOf,
  stopped,
  unwritten,
  type RenewProfileRequest,
  type RenewResult,
} from './renew-types.js';
import {prepareRoleCacheWrite} from './renew-write.js';

/** AssumeRole as the plan says, with the code when one signs. */
async function assume(
  plan: RolePlan,
  endpoint: Endpoint,
  tokenCode: string | undefined,
  debug: RenewProfileRequest['debug'],
) {
  const {signer, serial} = plan;
  const code = serial ? ` SerialNumber=${serial} TokenCode=******` : '';
  const {assumeRole} = await import('../aws/sts.js');
  return callAws(
    {
      operation: 'AssumeRole',
      profile: signer.profile,
      accessKeyIdLast4: signer.accessKeyIdLast4,
      serial,
      endpoint,
      said: `key=…${signer.accessKeyIdLast4} (${signer.profile}) RoleArn=${plan.roleArn} RoleSessionName=${plan.roleSessionName} DurationSeconds=${plan.durationSeconds}${code}`,
    },
    () =>
      assumeRole(signer.credentials, endpoint, {
        roleArn: plan.roleArn,
        roleSessionName: plan.roleSessionName,
        durationSeconds: plan.durationSeconds,
        externalId: plan.externalId,
        serialNumber: plan.signedBy === 'code' ? serial : undefined,
        tokenCode,
      }),
    debug,
  );
}

/** A role profile's renewal: AssumeRole (with a code, or signed by an MFA session), then the AWS CLI's cache. */
export async function renewRole(
  env: NodeJS.ProcessEnv,
  request: RenewProfileRequest,
  state: AwsState,
  settings: Settings,
): Promise<RenewResult> {
  if (request.target) {
    return fail(
      'role-target',
      `${request.profile} is a role profile: its session goes into the AWS CLI's cache, not into a --target.`,
      `Run again without --target: mfa-tui renew ${request.profile}`,
    );
  }
  const {profile, duration, serial, newCode} = request;
  const planned = planRoleRenewal(
    {profile, duration, serial, newCode},
    {...planInputsOf(state, settings), now: request.now ?? new Date()},
  );
  if (!planned.ok) return planned;
  const plan = planned.value;
  const write = prepareRoleCacheWrite(env, plan.cacheKeyText);
  let tokenCode: string | undefined;
  if (plan.signedBy === 'code') {
    const {source, target, mfaProcess} = plan;
    const need = {profile, source, target, serial: plan.serial!, mfaProcess};
    const code = await codeOf(request.code, need);
    if (!code.ok) return code;
    tokenCode = code.value;
  }
  // A code works once: the cache folder proves it takes the file before STS sees it.
  const held = await write.hold();
  if (!held.ok) return held;
  if (request.signal?.aborted) return stopped(false);
  const endpoint = endpointFor('sts', env, request, state, plan.sourceKeys);
  const debug = request.debug;
  const answer = await assume(plan, endpoint, tokenCode, debug);
  if (!answer.ok) return answer;
  if (request.signal?.aborted) return stopped(true);
  const assumed = answer.value;
  const c = assumed.credentials;
  debug?.(
    `← ${assumed.arn} AccessKeyId=${masked(c.accessKeyId)} Expiration=${formatRfc3339(c.expiration)}`,
  );
  const {assumedRoleId, arn, requestId, sourceIdentity, packedPolicySize} = assumed;
  const content = roleCacheContent({
    ...c,
    assumedRoleId,
    arn,
    requestId,
    sourceIdentity,
    packedPolicySize,
  });
  const done = {kind: 'role' as const, plan, expiresAt: c.expiration, endpoint};
  const commit = async (): Promise<RenewResult> => {
    const cached = await write.commit(content);
    if (!cached.ok) return unwritten(cached, {target: plan.target, credentials: c}, commit);
    return ok({...done, assumedArn: arn, cacheFile: cached.value});
  };
  return commit();
}
