// The AWS query protocol: who signed a request, AWS's validation messages, the operation's answer.
import {randomUUID} from 'node:crypto';
import {last4} from '../core/mask.js';
import {messages, Refusal, type ErrorCode} from './errors.js';
import type {RawRequest} from './sigv4.js';
import {checkSkew, header, readSignature, sameSecret, verifySignature} from './sigv4.js';
import type {Principal, SandboxState, Session} from './state.js';
import type {XmlNode} from './xml.js';
import {xmlDocument} from './xml.js';

/** A source of the current time, injected so tests can move it. */
export type Clock = {now(): Date};

/** Test hooks: requests still to throttle, the next refusal of an action, new keys' delay. */
export type Faults = {throttle: number; refuse: Map<string, Refusal>; newKeyDelayMs: number};

export type HandlerContext = {
  state: SandboxState;
  /** Sandbox time: issuing, expiry, TOTP steps. */
  clock: Clock;
  /**
   * The time clients sign with (±15 min window, Date header): tests move `clock` but not this, as
   * the AWS CLI signs with the real time and never corrects for a skew.
   */
  signingClock: Clock;
  faults: Faults;
};

/** Who signed a request, and with which key (and session, for ASIA keys). */
export type Caller = {principal: Principal; accessKeyId: string; session?: Session};

/** A constraint AWS checks on a parameter before the operation runs. */
export type Rule = {
  member: string;
  required?: boolean;
  min?: number;
  max?: number;
  /** AWS's pattern, as its message quotes it; the whole value must match. */
  pattern?: string;
  /** A whole number: min and max bound its value, not its length. */
  integer?: true;
  oneOf?: string[];
  /** Never echo the value (MFA codes). */
  secret?: boolean;
};

/** One operation: its parameters' rules, then what it answers a signed-in caller. */
export type Operation = {
  rules: Rule[];
  /** An answer, or undefined for an action whose response has no result element. */
  run(ctx: HandlerContext, caller: Caller, params: URLSearchParams): XmlNode | Refusal | undefined;
};

/** A query-protocol service: the SigV4 name its requests are scoped to, its version and operations. */
export type QueryService = {
  name: 'sts' | 'iam';
  version: string;
  operations: Record<string, Operation>;
};

/** One answered request, safe to log: the key shows only its last 4 characters. */
export type RequestLogEntry = {
  requestId: string;
  action?: string;
  accessKeyIdLast4?: string;
  status: number;
  errorCode?: ErrorCode;
};

/** What the handler answers (the server adds the headers), and its log entry. */
type QueryResponse = {body: string; log: RequestLogEntry};

const invalidToken = () => new Refusal('InvalidClientTokenId', messages.invalidToken);

/** Checks a request's SigV4 signature for `service` (and its session token); answers who signed it. */
async function authenticate(request: RawRequest, ctx: HandlerContext, service: string) {
  const signed = readSignature(request, service);
  if (signed instanceof Refusal) return signed;
  const {auth, requestDate} = signed;
  const now = ctx.clock.now().getTime();
  const longTerm = ctx.state.longTermKeys.get(auth.accessKeyId);
  const session = longTerm ? undefined : ctx.state.sessions.get(auth.accessKeyId);
  const usable = longTerm?.status === 'Active' && now >= (longTerm.usableFrom?.getTime() ?? 0);
  const secret = usable ? longTerm.secretAccessKey : session?.secretAccessKey;
  if (secret === undefined) return invalidToken();
  const bad =
    checkSkew(requestDate, ctx.signingClock.now()) ??
    (await verifySignature(request, auth, requestDate, secret));
  if (bad) return bad;

  const token = header(request, 'x-amz-security-token');
  if (longTerm) {
    if (token !== undefined) return invalidToken();
    return {principal: longTerm.principal, accessKeyId: auth.accessKeyId};
  }
  if (token === undefined || !sameSecret(session!.sessionToken, token)) return invalidToken();
  if (now >= session!.expiration.getTime())
    return new Refusal('ExpiredToken', messages.expiredToken);
  return {principal: session!.principal, accessKeyId: auth.accessKeyId, session};
}

/** The constraints a value breaks, in AWS's words after "Member must ". */
function broken({integer, min, max, pattern, oneOf}: Rule, value: string): string[] {
  if (oneOf && !oneOf.includes(value)) return [`satisfy enum value set: [${oneOf.join(', ')}]`];
  if (integer && !/^-?\d+$/.test(value)) return ['be an integer'];
  const [size, measure] = integer ? [Number(value), 'value'] : [value.length, 'length'];
  const problems: string[] = [];
  if (min !== undefined && size < min)
    problems.push(`have ${measure} greater than or equal to ${min}`);
  else if (max !== undefined && size > max)
    problems.push(`have ${measure} less than or equal to ${max}`);
  if (pattern && !new RegExp(`^${pattern}$`).test(value))
    problems.push(`satisfy regular expression pattern: ${pattern}`);
  return problems;
}

/** AWS's "N validation errors detected: Value 'x' at 'member' failed to satisfy constraint: …". */
function validate(params: URLSearchParams, rules: Rule[]): Refusal | undefined {
  const problems = rules.flatMap((rule) => {
    const value = params.get(rule.member);
    const at = rule.member[0].toLowerCase() + rule.member.slice(1);
    const must = (shown: string, constraint: string) =>
      `${shown} at '${at}' failed to satisfy constraint: Member must ${constraint}`;
    if (value === null) return rule.required ? [must('Value null', 'not be null')] : [];
    const shown = rule.secret
      ? 'Value'
      : `Value '${value.length > 64 ? `${value.slice(0, 64)}…` : value}'`;
    return broken(rule, value).map((constraint) => must(shown, constraint));
  });
  const n = problems.length;
  if (n === 0) return undefined;
  const detected = `${n} validation error${n === 1 ? '' : 's'} detected`;
  return new Refusal('ValidationError', `${detected}: ${problems.join('; ')}`);
}

/** A request's parameters: its query string's, then those of a form-encoded body. */
export function paramsOf(request: RawRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  if (/^application\/x-www-form-urlencoded/i.test(header(request, 'content-type') ?? ''))
    for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) params.append(k, v);
  return params;
}

const namespaceOf = (service: string, version: string) =>
  `https://${service}.amazonaws.com/doc/${version}/`;

/** A refusal as a service answers it (in STS's namespace unless told), and its log entry. */
export function refusalResponse(
  {status, code, message}: Refusal,
  log: Omit<RequestLogEntry, 'status' | 'errorCode'> = {requestId: randomUUID()},
  namespace = namespaceOf('sts', '2011-06-15'),
): QueryResponse {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const error = {Error: {Type: type, Code: code, Message: message}, RequestId: log.requestId};
  return {
    body: xmlDocument('ErrorResponse', error, namespace),
    log: {...log, status, errorCode: code},
  };
}

/** Answers as AWS would, checking throttling, signature, Action and Version, parameters, in turn. */
export async function handleQueryRequest(
  request: RawRequest,
  ctx: HandlerContext,
  service: QueryService,
): Promise<QueryResponse> {
  const requestId = randomUUID();
  const params = paramsOf(request);
  const action = params.get('Action') ?? undefined;
  const namespace = namespaceOf(service.name, service.version);
  const answer = (outcome: XmlNode | Refusal | undefined, caller?: Caller): QueryResponse => {
    const log = {requestId, action, accessKeyIdLast4: last4(caller?.accessKeyId)};
    if (outcome instanceof Refusal) return refusalResponse(outcome, log, namespace);
    const result = {[`${action}Result`]: outcome, ResponseMetadata: {RequestId: requestId}};
    return {body: xmlDocument(`${action}Response`, result, namespace), log: {...log, status: 200}};
  };
  if (ctx.faults.throttle > 0) {
    ctx.faults.throttle -= 1;
    return answer(new Refusal('Throttling', messages.throttled));
  }
  const caller = await authenticate(request, ctx, service.name);
  if (caller instanceof Refusal) return answer(caller);
  if (action === undefined) return answer(new Refusal('MissingAction', 'Missing Action'), caller);
  const version = params.get('Version');
  const operation = Object.hasOwn(service.operations, action) ? service.operations[action] : null;
  if (!operation || (version !== null && version !== service.version)) {
    const named = `${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`;
    return answer(new Refusal('InvalidAction', `Could not find operation ${named}`), caller);
  }
  const injected = ctx.faults.refuse.get(action);
  if (injected) {
    ctx.faults.refuse.delete(action);
    return answer(injected, caller);
  }
  return answer(validate(params, operation.rules) ?? operation.run(ctx, caller, params), caller);
}
