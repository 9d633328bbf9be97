// STS's GetSessionToken, AssumeRole and GetCallerIdentity with AWS's limits, codes and messages.
import {messages, Refusal} from './errors.js';
import type {Caller, HandlerContext, Operation, QueryService, Rule} from './query.js';
import type {Principal} from './state.js';
import {roleLimits, sessionLimits} from '../core/durations.js';
import {formatRfc3339} from '../core/expiry.js';
import {trusts} from './state.js';
import {matchTotpStep} from './totp.js';
import type {XmlNode} from './xml.js';

const accessDenied = (message: string) => new Refusal('AccessDenied', message);

const mfaRules: Rule[] = [
  {member: 'SerialNumber', min: 9, max: 256, pattern: '[\\w+=/:,.@-]*'},
  {member: 'TokenCode', min: 6, max: 6, pattern: '[\\d]*', secret: true},
];

/** Checks SerialNumber + TokenCode for the caller: false when neither is given; on success the step is spent. */
function checkMfa(ctx: HandlerContext, caller: Caller, params: URLSearchParams): boolean | Refusal {
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  if (serial === null && code === null) return false;
  const device = serial === null ? undefined : ctx.state.devices.get(serial);
  if (!device || device.owner.arn !== caller.principal.arn)
    return accessDenied(messages.unknownSerial);
  const step =
    code === null ? undefined : matchTotpStep(device.key, code, ctx.clock.now(), device.lastStep);
  if (step === undefined) return accessDenied(messages.invalidCode);
  device.lastStep = step;
  return true;
}

/** Issues a session from now (whole seconds) and answers its Credentials element. */
function issue(ctx: HandlerContext, principal: Principal, mfa: boolean, seconds: number): XmlNode {
  const now = Math.floor(ctx.clock.now().getTime() / 1000) * 1000;
  const expiration = new Date(now + seconds * 1000);
  const session = ctx.state.issueSession({principal, mfa, expiration});
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: formatRfc3339(expiration),
  };
}

const getSessionToken: Operation = {
  rules: [
    {member: 'DurationSeconds', integer: true, min: sessionLimits.min, max: sessionLimits.max},
    ...mfaRules,
  ],
  run(ctx, caller, params) {
    if (caller.session) return accessDenied(messages.sessionCredentials);
    const requested = Number(params.get('DurationSeconds') ?? sessionLimits.default);
    // AWS cuts a root user's session to one hour rather than refusing the request.
    const root = caller.principal.kind === 'root';
    const seconds = root ? Math.min(requested, sessionLimits.rootMax) : requested;
    const mfa = checkMfa(ctx, caller, params);
    if (mfa instanceof Refusal) return mfa;
    return {Credentials: issue(ctx, caller.principal, mfa, seconds)};
  },
};

const assumeRole: Operation = {
  rules: [
    {member: 'RoleArn', required: true, min: 20, max: 2048},
    {member: 'RoleSessionName', required: true, min: 2, max: 64, pattern: '[\\w+=,.@-]*'},
    {member: 'Policy', min: 1, max: 2048},
    {member: 'DurationSeconds', integer: true, min: roleLimits.min, max: roleLimits.max},
    {member: 'ExternalId', min: 2, max: 1224, pattern: '[\\w+=,.@:\\/-]*'},
    ...mfaRules,
    {member: 'SourceIdentity', min: 2, max: 64, pattern: '[\\w+=,.@-]*'},
  ],
  run(ctx, caller, params) {
    if (caller.principal.kind === 'root') return accessDenied(messages.rootAssumeRole);
    const checked = checkMfa(ctx, caller, params);
    if (checked instanceof Refusal) return checked;
    const mfa =
      checked || (caller.principal.kind !== 'role-session' && caller.session?.mfa === true);
    const roleArn = params.get('RoleArn')!;
    const role = ctx.state.roles.get(roleArn);
    // AWS refuses in the same words whatever the reason: no such role, no trust, no MFA, external id.
    if (
      !role ||
      !role.trust.some((entry) => trusts(entry, caller.principal)) ||
      (role.requireMfa && !mfa) ||
      (role.externalId !== undefined && params.get('ExternalId') !== role.externalId)
    ) {
      return accessDenied(
        `User: ${caller.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
    }
    // Any session signing AssumeRole is role chaining to AWS, a GetSessionToken session included.
    const seconds = Number(params.get('DurationSeconds') ?? roleLimits.default);
    if (caller.session !== undefined && seconds > roleLimits.chained)
      return new Refusal('ValidationError', messages.roleChaining);
    if (seconds > role.maxSessionDuration)
      return new Refusal('ValidationError', messages.roleMaxDuration);
    const sessionName = params.get('RoleSessionName')!;
    const principal: Principal = {
      kind: 'role-session',
      name: `${role.name}/${sessionName}`,
      accountId: role.accountId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      userId: `${role.roleId}:${sessionName}`,
      role,
    };
    return {
      Credentials: issue(ctx, principal, mfa, seconds),
      AssumedRoleUser: {AssumedRoleId: principal.userId, Arn: principal.arn},
      SourceIdentity: params.get('SourceIdentity') ?? undefined,
    };
  },
};

export const sts: QueryService = {
  name: 'sts',
  version: '2011-06-15',
  operations: {
    GetSessionToken: getSessionToken,
    AssumeRole: assumeRole,
    GetCallerIdentity: {
      rules: [],
      run: (_ctx, {principal: p}) => ({Arn: p.arn, UserId: p.userId, Account: p.accountId}),
    },
  },
};
