// Failures of the exchange with STS or IAM, not answers from them, worded once without the HTTP
// stack (commands that never load the SDK word them too).
import type {AppError, ErrorCode} from '../core/errors.js';
import type {CallContext} from './errors.js';

/** An STS or IAM answer is a few kilobytes; anything this big is not one, and is not read further. */
export const maxAnswerBytes = 1024 * 1024;

/** What the transport saw of the endpoint during one call; holds no secret. */
export type Seen = {connected: boolean; status?: number; contentType?: string};

/** A failure of the exchange itself: past the deadline, past maxAnswerBytes, or not an answer. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    readonly failure: 'deadline' | 'too-large' | 'not-an-answer',
    readonly seen: Seen,
    readonly limitMs?: number,
  ) {
    super(failure);
  }
}

/** Where a bounded call leaves what it saw on an error it passes on. */
export const seenKey = Symbol('seen');

/** What the transport saw before `error`, when it came from a bounded call. */
export function seenOf(error: unknown): Seen | undefined {
  return (error as {[seenKey]?: Seen} | undefined)?.[seenKey];
}

/** Whether a content type is one AWS answers in (XML for the query protocol, JSON for the others). */
export const awsContentType = (type: string | undefined) => /\b(xml|json)\b/i.test(type ?? '');

type NodeLikeError = {name?: string; code?: string; cause?: unknown; errors?: unknown[]};

const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

/** A Node network error code anywhere in an error's cause chain (AggregateError included). */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as NodeLikeError;
  if (e.code && e.code in networkReasons) return e.code;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return 'ETIMEDOUT';
  for (const inner of e.errors ?? []) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return networkCode(e.cause, depth + 1);
}

const stsOperations: readonly string[] = ['GetSessionToken', 'GetCallerIdentity', 'AssumeRole'];

/** The service an operation belongs to: STS's three, IAM's for everything else we call. */
export const serviceOf = (ctx: CallContext): 'STS' | 'IAM' =>
  stsOperations.includes(ctx.operation) ? 'STS' : 'IAM';

const whereOf = (ctx: CallContext) =>
  ctx.endpointUrl ||
  (serviceOf(ctx) === 'IAM'
    ? 'the AWS IAM endpoint'
    : `the AWS STS endpoint for ${ctx.region ?? 'us-east-1'}`);

/** `HTTP 200, text/html`: what came back, as a proxy's page would show it. */
function answerOf(seen: Seen): string {
  return `HTTP ${seen.status ?? '-'}, ${seen.contentType ? seen.contentType.split(';')[0]!.trim() : 'no content type'}`;
}

/** For a call that carried a one-time code: whether it counts as used, said where it matters. */
const codeNote = (ctx: CallContext) =>
  ctx.serial && ctx.operation !== 'ListMFADevices'
    ? ' If the request reached STS, the MFA code is used: wait for the next one.'
    : '';

/** No connection at all: wrong address, DNS, refused, or nothing within the connect timeout. */
function unreachable(net: string, ctx: CallContext): AppError {
  const iam = serviceOf(ctx) === 'IAM';
  const flags = iam
    ? `Check that the endpoint is right and running (--iam-endpoint-url, AWS_ENDPOINT_URL_IAM)${ctx.operation === 'ListMFADevices' ? ', or pass --serial ARN to skip looking the device up' : ''}.`
    : 'Check that the endpoint is right and running (--endpoint-url, AWS_ENDPOINT_URL_STS), or your network and proxy.';
  return {
    code: iam ? 'iam-unreachable' : 'sts-unreachable',
    message: `${serviceOf(ctx)} is unreachable at ${whereOf(ctx)}: ${networkReasons[net] ?? net}.`,
    fix: ctx.endpointUrl ? flags : 'Check your network, proxy or VPN, then try again.',
  };
}

/** A connection, and then no whole answer: silence, a drip, or the endpoint hung up. */
function noAnswer(seen: Seen, ctx: CallContext, limitMs?: number): AppError {
  const within = limitMs ? ` within ${Math.round(limitMs / 100) / 10} s` : '';
  const what =
    seen.status !== undefined
      ? `started answering (${answerOf(seen)}) but did not finish${within}`
      : limitMs
        ? `accepted the connection but did not answer${within}`
        : 'closed the connection without answering';
  return {
    code: 'endpoint-no-answer',
    message: `${serviceOf(ctx)} at ${whereOf(ctx)} ${what}.${codeNote(ctx)}`,
    fix: 'The endpoint, or a proxy on the way, is stuck: check it and your network, then try again (MFA_TUI_STS_TIMEOUT_MS sets the limit, in milliseconds).',
  };
}

/** An answer that is not the operation's: a proxy's or a captive portal's page, or garbage. */
function notAnAnswer(error: TransportError, ctx: CallContext): AppError {
  const service = serviceOf(ctx);
  const seen = error.seen;
  const xml = awsContentType(seen.contentType);
  const what =
    error.failure === 'too-large'
      ? `is over ${maxAnswerBytes / 1024 / 1024} MB, which no ${service} answer is`
      : xml
        ? 'is malformed: a field is missing, or not shaped as AWS makes it'
        : `is not ${service}'s`;
  const portal = xml && error.failure !== 'too-large' ? '' : ': a proxy or captive portal?';
  return {
    code: error.failure === 'too-large' ? 'endpoint-answer-too-large' : 'endpoint-not-an-answer',
    message: `The answer to ${ctx.operation} from ${whereOf(ctx)} ${what} (${answerOf(seen)})${portal || '.'}${codeNote(ctx)}`,
    fix: `Check that the endpoint is ${service} (${service === 'IAM' ? '--iam-endpoint-url' : '--endpoint-url'}, AWS_ENDPOINT_URL_${service}), or sign in to the network's portal, then try again.`,
  };
}

/** The error's words when the exchange itself failed; undefined when AWS answered with an error. */
export function networkError(error: unknown, ctx: CallContext): AppError | undefined {
  if (error instanceof TransportError) {
    if (error.failure !== 'deadline') return notAnAnswer(error, ctx);
    return error.seen.connected
      ? noAnswer(error.seen, ctx, error.limitMs)
      : unreachable('ETIMEDOUT', ctx);
  }
  const net = networkCode(error);
  if (!net) return undefined;
  const seen = seenOf(error);
  // Reset or timed out once connected: the endpoint is there, and did not answer.
  if (seen?.connected && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(net)) {
    return noAnswer(seen, ctx);
  }
  return unreachable(net, ctx);
}

/** Whether a call that failed with `code` reached the endpoint, so may have been carried out. */
export const mayHaveActed = (code: ErrorCode) =>
  code === 'endpoint-no-answer' ||
  code === 'endpoint-not-an-answer' ||
  code === 'endpoint-answer-too-large';
