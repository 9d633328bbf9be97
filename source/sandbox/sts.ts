// The STS operations the sandbox answers — GetSessionToken, AssumeRole, GetCallerIdentity — with
// AWS's parameters, limits, error codes and messages. Transport-free: a raw request in, a response out.
import {randomUUID} from 'node:crypto';
import type {Clock} from './clock.js';
import type {RawRequest, SignatureProblem} from './sigv4.js';
import {
  checkScope,
  checkSkew,
  header,
  parseAmzDate,
  parseAuthorization,
  verifySignature,
} from './sigv4.js';
import type {Principal, Session} from './state.js';
import {SandboxState, trusts} from './state.js';
import {matchTotpStep} from './totp.js';
import type {XmlNode} from './xml.js';
import {errorXml, stsNamespace, successXml} from './xml.js';

/** An STS error: HTTP status, code and message as AWS sends them. */
export class StsError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

/** What the handler answers; the server adds the headers. */
export type StsResponse = {
  status: number;
  body: string;
  requestId: string;
  action?: string;
  errorCode?: string;
  /** The caller's key id, for logs that show its last 4 characters only. */
  accessKeyId?: string;
};

export type HandlerContext = {
  state: SandboxState;
  /** Sandbox time: issuing, expiry, TOTP steps. */
  clock: Clock;
  /** The time clients sign with: the ±15 min window and the Date header. */
  signingClock: Clock;
  /** Requests still to refuse with Throttling (a test hook). */
  faults: {throttle: number};
};

/** The messages clients and tests match on, verbatim from AWS. */
export const messages = {
  invalidCode: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
  unknownSerial:
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  invalidToken: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
  sessionCredentials: 'Cannot call GetSessionToken with session credentials',
  roleMaxDuration:
    'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  roleChaining:
    'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  rootAssumeRole: 'Roles may not be assumed by root accounts.',
  missingAuth: 'Request is missing Authentication Token',
  throttled: 'Rate exceeded',
} as const;

const error = (status: number, code: string, message: string) =>
  new StsError(status, code, message);
const fromProblem = (p: SignatureProblem) => error(p.status, p.code, p.message);
const accessDenied = (message: string) => error(403, 'AccessDenied', message);
const notAuthorized = (caller: Principal, roleArn: string) =>
  accessDenied(
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );

/** Who signed a request, and with which key (and session, for ASIA keys). */
export type Caller = {principal: Principal; accessKeyId: string; session?: Session};

/** ISO 8601 UTC without milliseconds, as STS writes Expiration. */
export function isoSeconds(when: Date): string {
  return when.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Checks a request's SigV4 signature for `service` (and its session token); answers who signed it. */
export function authenticate(
  request: RawRequest,
  ctx: HandlerContext,
  service = 'sts',
): Caller | StsError {
  const authorization = header(request, 'authorization');
  if (authorization === undefined)
    return error(403, 'MissingAuthenticationToken', messages.missingAuth);
  const parsed = parseAuthorization(authorization);
  if (!parsed.ok) return fromProblem(parsed.error);
  const auth = parsed.value;
  const amzDate = header(request, 'x-amz-date');
  if (amzDate === undefined) {
    return error(
      400,
      'IncompleteSignature',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const requestDate = parseAmzDate(amzDate);
  if (!requestDate) {
    return error(
      400,
      'IncompleteSignature',
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    );
  }
  const scope = checkScope(auth, amzDate, service);
  if (scope) return fromProblem(scope);

  const token = header(request, 'x-amz-security-token');
  const longTerm = ctx.state.longTermKeys.get(auth.accessKeyId);
  const session = longTerm ? undefined : ctx.state.session(auth.accessKeyId);
  const secret =
    longTerm?.status === 'Active' ? longTerm.secretAccessKey : session?.secretAccessKey;
  if (secret === undefined) return error(403, 'InvalidClientTokenId', messages.invalidToken);

  const skew = checkSkew(requestDate, ctx.signingClock.now());
  if (skew) return fromProblem(skew);
  const bad = verifySignature(request, auth, amzDate, secret);
  if (bad) return fromProblem(bad);

  if (longTerm) {
    if (token !== undefined) return error(403, 'InvalidClientTokenId', messages.invalidToken);
    return {principal: longTerm.principal, accessKeyId: auth.accessKeyId};
  }
  if (token === undefined || !SandboxState.tokenMatches(session!, token)) {
    return error(403, 'InvalidClientTokenId', messages.invalidToken);
  }
  if (ctx.clock.now().getTime() >= session!.expiration.getTime()) {
    return error(403, 'ExpiredToken', messages.expiredToken);
  }
  return {principal: session!.principal, accessKeyId: auth.accessKeyId, session};
}

export type Rule = {
  member: string;
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
  integer?: {min: number; max: number};
  /** Never echo the value (MFA codes). */
  secret?: boolean;
};

const serialRule: Rule = {
  member: 'SerialNumber',
  min: 9,
  max: 256,
  pattern: /^[\w+=/:,.@-]*$/,
  patternText: '[\\w+=/:,.@-]*',
};
const tokenCodeRule: Rule = {
  member: 'TokenCode',
  min: 6,
  max: 6,
  pattern: /^\d*$/,
  patternText: '[\\d]*',
  secret: true,
};

/** AWS's "N validation errors detected: Value 'x' at 'member' failed to satisfy constraint: …". */
export function validate(params: URLSearchParams, rules: Rule[]): StsError | undefined {
  const problems: string[] = [];
  for (const rule of rules) {
    const value = params.get(rule.member);
    const at = rule.member[0].toLowerCase() + rule.member.slice(1);
    if (value === null) {
      if (rule.required)
        problems.push(
          `Value null at '${at}' failed to satisfy constraint: Member must not be null`,
        );
      continue;
    }
    const shown = rule.secret
      ? 'Value'
      : `Value '${value.length > 64 ? `${value.slice(0, 64)}…` : value}'`;
    const fail = (constraint: string) =>
      problems.push(`${shown} at '${at}' failed to satisfy constraint: Member must ${constraint}`);
    if (rule.integer) {
      if (!/^-?\d+$/.test(value)) {
        fail('be an integer');
        continue;
      }
      const n = Number(value);
      if (n < rule.integer.min) fail(`have value greater than or equal to ${rule.integer.min}`);
      else if (n > rule.integer.max) fail(`have value less than or equal to ${rule.integer.max}`);
      continue;
    }
    if (rule.min !== undefined && value.length < rule.min)
      fail(`have length greater than or equal to ${rule.min}`);
    else if (rule.max !== undefined && value.length > rule.max)
      fail(`have length less than or equal to ${rule.max}`);
    if (rule.pattern && !rule.pattern.test(value))
      fail(`satisfy regular expression pattern: ${rule.patternText}`);
  }
  if (problems.length === 0) return undefined;
  const n = problems.length;
  return error(
    400,
    'ValidationError',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}

/** Checks SerialNumber + TokenCode for the caller; on success the step is spent. */
function checkMfa(
  ctx: HandlerContext,
  caller: Caller,
  serial: string | null,
  code: string | null,
): StsError | undefined {
  if (serial === null) return accessDenied(messages.unknownSerial);
  const device = ctx.state.devices.get(serial);
  if (!device || device.owner.arn !== caller.principal.arn)
    return accessDenied(messages.unknownSerial);
  if (code === null) return accessDenied(messages.invalidCode);
  const step = matchTotpStep(device.key, code, ctx.clock.now(), device.lastStep);
  if (step === undefined) return accessDenied(messages.invalidCode);
  device.lastStep = step;
  return undefined;
}

function credentialsXml(session: Session): XmlNode {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: isoSeconds(session.expiration),
  };
}

function issueWindow(ctx: HandlerContext, seconds: number): {issuedAt: Date; expiration: Date} {
  const issuedAt = new Date(Math.floor(ctx.clock.now().getTime() / 1000) * 1000);
  return {issuedAt, expiration: new Date(issuedAt.getTime() + seconds * 1000)};
}

function getSessionToken(
  ctx: HandlerContext,
  caller: Caller,
  params: URLSearchParams,
): XmlNode | StsError {
  const invalid = validate(params, [
    {member: 'DurationSeconds', integer: {min: 900, max: 129600}},
    serialRule,
    tokenCodeRule,
  ]);
  if (invalid) return invalid;
  if (caller.session) return accessDenied(messages.sessionCredentials);
  const requested = Number(params.get('DurationSeconds') ?? 43200);
  // AWS cuts a root user's session to one hour rather than refusing the request.
  const seconds = caller.principal.kind === 'root' ? Math.min(requested, 3600) : requested;
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  let mfa = false;
  if (serial !== null || code !== null) {
    const problem = checkMfa(ctx, caller, serial, code);
    if (problem) return problem;
    mfa = true;
  }
  const session = ctx.state.issueSession({
    principal: caller.principal,
    via: 'GetSessionToken',
    mfa,
    ...issueWindow(ctx, seconds),
  });
  return {Credentials: credentialsXml(session)};
}

function assumeRole(
  ctx: HandlerContext,
  caller: Caller,
  params: URLSearchParams,
): XmlNode | StsError {
  const invalid = validate(params, [
    {member: 'RoleArn', required: true, min: 20, max: 2048},
    {
      member: 'RoleSessionName',
      required: true,
      min: 2,
      max: 64,
      pattern: /^[\w+=,.@-]*$/,
      patternText: '[\\w+=,.@-]*',
    },
    {member: 'Policy', min: 1, max: 2048},
    {member: 'DurationSeconds', integer: {min: 900, max: 43200}},
    {
      member: 'ExternalId',
      min: 2,
      max: 1224,
      pattern: /^[\w+=,.@:/-]*$/,
      patternText: '[\\w+=,.@:\\/-]*',
    },
    serialRule,
    tokenCodeRule,
    {
      member: 'SourceIdentity',
      min: 2,
      max: 64,
      pattern: /^[\w+=,.@-]*$/,
      patternText: '[\\w+=,.@-]*',
    },
  ]);
  if (invalid) return invalid;
  if (caller.principal.kind === 'root') return accessDenied(messages.rootAssumeRole);
  const roleArn = params.get('RoleArn')!;
  const sessionName = params.get('RoleSessionName')!;
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  let mfa = caller.principal.kind !== 'role-session' && caller.session?.mfa === true;
  if (serial !== null || code !== null) {
    const problem = checkMfa(ctx, caller, serial, code);
    if (problem) return problem;
    mfa = true;
  }
  const role = ctx.state.roles.get(roleArn);
  if (
    !role ||
    !role.trust.some((entry) => trusts(entry, caller.principal)) ||
    (role.requireMfa && !mfa) ||
    (role.externalId !== undefined && params.get('ExternalId') !== role.externalId)
  ) {
    return notAuthorized(caller.principal, roleArn);
  }
  // Any session signing AssumeRole is role chaining to AWS, a GetSessionToken session included.
  const chained = caller.session !== undefined;
  const seconds = Number(params.get('DurationSeconds') ?? 3600);
  if (chained && seconds > 3600) return error(400, 'ValidationError', messages.roleChaining);
  if (seconds > role.maxSessionDuration)
    return error(400, 'ValidationError', messages.roleMaxDuration);
  const principal: Principal = {
    kind: 'role-session',
    name: `${role.name}/${sessionName}`,
    accountId: role.accountId,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
    userId: `${role.roleId}:${sessionName}`,
    role,
    sessionName,
  };
  const session = ctx.state.issueSession({
    principal,
    via: 'AssumeRole',
    mfa,
    ...issueWindow(ctx, seconds),
  });
  return {
    Credentials: credentialsXml(session),
    AssumedRoleUser: {AssumedRoleId: principal.userId, Arn: principal.arn},
    SourceIdentity: params.get('SourceIdentity') ?? undefined,
  };
}

function getCallerIdentity(caller: Caller): XmlNode {
  const p = caller.principal;
  return {Arn: p.arn, UserId: p.userId, Account: p.accountId};
}

const operations = ['GetSessionToken', 'AssumeRole', 'GetCallerIdentity'] as const;

/** The query string and form body parameters of a request. */
export function readParams(request: RawRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  const type = header(request, 'content-type') ?? '';
  if (
    request.body.length > 0 &&
    type.toLowerCase().startsWith('application/x-www-form-urlencoded')
  ) {
    for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

/** What differs between the query-protocol services the sandbox answers (STS, IAM). */
export type QueryService = {
  /** SigV4 service name the signature must be scoped to. */
  name: 'sts' | 'iam';
  version: string;
  /** XML namespace of the answers. */
  namespace: string;
  operations: readonly string[];
  /** Runs an operation of `operations` for an authenticated caller. */
  run(action: string, caller: Caller, params: URLSearchParams): XmlNode | StsError;
};

/**
 * Answers one query-protocol request as the AWS service would: throttling, then the signature,
 * then Action and Version, then the operation; success and error XML in the service's namespace.
 */
export function handleQueryRequest(
  request: RawRequest,
  ctx: HandlerContext,
  service: QueryService,
): StsResponse {
  const requestId = randomUUID();
  const params = readParams(request);
  const action = params.get('Action') ?? undefined;
  const answer = (outcome: XmlNode | StsError, caller?: Caller): StsResponse => {
    const base = {requestId, action, accessKeyId: caller?.accessKeyId};
    if (outcome instanceof StsError) {
      const body = {type: 'Sender' as const, code: outcome.code, message: outcome.message};
      return {
        ...base,
        status: outcome.status,
        errorCode: outcome.code,
        body: errorXml(body, requestId, service.namespace),
      };
    }
    return {
      ...base,
      status: 200,
      body: successXml(action!, outcome, requestId, service.namespace),
    };
  };
  if (ctx.faults.throttle > 0) {
    ctx.faults.throttle -= 1;
    return answer(error(400, 'Throttling', messages.throttled));
  }
  const caller = authenticate(request, ctx, service.name);
  if (caller instanceof StsError) return answer(caller);
  if (action === undefined) return answer(error(400, 'MissingAction', 'Missing Action'), caller);
  const version = params.get('Version');
  if (!service.operations.includes(action) || (version !== null && version !== service.version)) {
    return answer(
      error(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`,
      ),
      caller,
    );
  }
  return answer(service.run(action, caller, params), caller);
}

/** Answers one request as STS would. */
export function handleStsRequest(request: RawRequest, ctx: HandlerContext): StsResponse {
  return handleQueryRequest(request, ctx, {
    name: 'sts',
    version: '2011-06-15',
    namespace: stsNamespace,
    operations,
    run(action, caller, params) {
      if (action === 'GetSessionToken') return getSessionToken(ctx, caller, params);
      if (action === 'AssumeRole') return assumeRole(ctx, caller, params);
      return getCallerIdentity(caller);
    },
  });
}
