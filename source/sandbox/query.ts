// The AWS query protocol as STS and IAM speak it: parameters from the query string and form body,
// AWS's validation messages, and one request answered through a service's table of operations.
import {randomUUID} from 'node:crypto';
import {authenticate, type AuthContext, type Caller} from './authenticate.js';
import {messages, Refusal, type ErrorCode} from './errors.js';
import type {RawRequest} from './sigv4.js';
import {header} from './sigv4.js';
import type {XmlNode} from './xml.js';
import {errorXml, successXml} from './xml.js';

export type HandlerContext = AuthContext & {
  /** Test hooks: requests still to refuse with Throttling, actions to refuse once, new keys' delay. */
  faults: Faults;
};

export type Faults = {
  throttle: number;
  /** The next request of each action (once signed in) gets this refusal instead of its answer. */
  refuse: Map<string, Refusal>;
  /** How long a key made by CreateAccessKey is refused by STS (AWS: a few seconds). */
  newKeyDelayMs: number;
};

/** No faults: every request answered as AWS would. */
export function noFaults(): Faults {
  return {throttle: 0, refuse: new Map(), newKeyDelayMs: 0};
}

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
  /** The values AWS's enum allows. */
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
  /** XML namespace of the answers. */
  namespace: string;
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
export type QueryResponse = {body: string; log: RequestLogEntry};

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

/** The constraints a value breaks, in AWS's words after "Member must ". */
function broken({integer, min, max, pattern, oneOf}: Rule, value: string): string[] {
  if (oneOf && !oneOf.includes(value)) return [`satisfy enum value set: [${oneOf.join(', ')}]`];
  if (integer) {
    if (!/^-?\d+$/.test(value)) return ['be an integer'];
    if (min !== undefined && Number(value) < min)
      return [`have value greater than or equal to ${min}`];
    if (max !== undefined && Number(value) > max)
      return [`have value less than or equal to ${max}`];
    return [];
  }
  const problems: string[] = [];
  if (min !== undefined && value.length < min)
    problems.push(`have length greater than or equal to ${min}`);
  else if (max !== undefined && value.length > max)
    problems.push(`have length less than or equal to ${max}`);
  if (pattern && !new RegExp(`^${pattern}$`).test(value))
    problems.push(`satisfy regular expression pattern: ${pattern}`);
  return problems;
}

/** AWS's "N validation errors detected: Value 'x' at 'member' failed to satisfy constraint: …". */
export function validate(params: URLSearchParams, rules: Rule[]): Refusal | undefined {
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

/** The operation a request names, or why the service refuses it. */
function operationOf(
  service: QueryService,
  action: string | undefined,
  version: string | null,
): Operation | Refusal {
  if (action === undefined) return new Refusal('MissingAction', 'Missing Action');
  if (Object.hasOwn(service.operations, action) && (version ?? service.version) === service.version)
    return service.operations[action];
  const named = version ?? 'NO_VERSION_SPECIFIED';
  return new Refusal('InvalidAction', `Could not find operation ${action} for version ${named}`);
}

/**
 * Answers one query-protocol request as the AWS service would: throttling, then the signature,
 * then Action and Version, then the parameters, then the operation.
 */
export function handleQueryRequest(
  request: RawRequest,
  ctx: HandlerContext,
  service: QueryService,
): QueryResponse {
  const requestId = randomUUID();
  const params = readParams(request);
  const action = params.get('Action') ?? undefined;
  const answer = (outcome: XmlNode | Refusal | undefined, caller?: Caller): QueryResponse => {
    const log = {requestId, action, accessKeyIdLast4: caller?.accessKeyId.slice(-4)};
    if (!(outcome instanceof Refusal)) {
      const body = successXml(action!, outcome, requestId, service.namespace);
      return {body, log: {...log, status: 200}};
    }
    const body = errorXml(outcome, requestId, service.namespace);
    return {body, log: {...log, status: outcome.status, errorCode: outcome.code}};
  };
  if (ctx.faults.throttle > 0) {
    ctx.faults.throttle -= 1;
    return answer(new Refusal('Throttling', messages.throttled));
  }
  const caller = authenticate(request, ctx, service.name);
  if (caller instanceof Refusal) return answer(caller);
  const operation = operationOf(service, action, params.get('Version'));
  if (operation instanceof Refusal) return answer(operation, caller);
  const injected = ctx.faults.refuse.get(action!);
  if (injected) {
    ctx.faults.refuse.delete(action!);
    return answer(injected, caller);
  }
  return answer(validate(params, operation.rules) ?? operation.run(ctx, caller, params), caller);
}
