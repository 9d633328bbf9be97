// The sandbox STS (and IAM ListMFADevices) over HTTP on 127.0.0.1: collects the raw body, hands it
// to the STS or IAM handler, and answers with AWS's headers (x-amzn-RequestId, text/xml, one Date
// from the signing clock).
import {randomUUID} from 'node:crypto';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Clock} from './clock.js';
import {systemClock} from './clock.js';
import {Refusal} from './errors.js';
import {iam} from './iam.js';
import type {HandlerContext, QueryResponse, QueryService, RequestLogEntry} from './query.js';
import {handleQueryRequest, noFaults} from './query.js';
import type {RawRequest} from './sigv4.js';
import {header, parseAuthorization} from './sigv4.js';
import {SandboxState} from './state.js';
import {sts} from './sts.js';
import {errorXml} from './xml.js';

export type {RequestLogEntry} from './query.js';

export type SandboxOptions = {
  state?: SandboxState;
  /** Sandbox time: session issue and expiry, TOTP steps. Default: the system clock. */
  clock?: Clock;
  /**
   * The time real clients sign with: the ±15 min signature window and the Date header. Default:
   * `clock`. Tests keep this on the system clock and move `clock`, so a session can expire hours
   * later without the AWS CLI (which never corrects its clock) seeing a skewed signature.
   */
  signingClock?: Clock;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  onRequest?: (entry: RequestLogEntry) => void;
};

export type Sandbox = {
  endpoint: string;
  port: number;
  state: SandboxState;
  clock: Clock;
  /** Answers the next `count` requests with Throttling, as STS does under load. */
  throttleNext(count: number): void;
  /** Refuses the next request of `action` (after its signature is checked) with `refusal`. */
  refuseNext(action: string, refusal: Refusal): void;
  /** STS refuses keys made by CreateAccessKey for this long (Infinity: never accepts them). */
  delayNewKeys(ms: number): void;
  close(): Promise<void>;
};

const maxBody = 1024 * 1024;
const services = [sts, iam];

/**
 * Which service a request is for. AWS tells them apart by host; the sandbox serves both on one
 * port, so it reads the service the client signed for, or failing that the action's name.
 */
export function serviceOf(request: RawRequest): QueryService {
  const authorization = header(request, 'authorization');
  const parsed = authorization === undefined ? undefined : parseAuthorization(authorization);
  if (parsed?.ok) return services.find((s) => s.name === parsed.value.service) ?? sts;
  const action =
    new URLSearchParams(request.query).get('Action') ??
    new URLSearchParams(request.body.toString('utf8')).get('Action') ??
    '';
  return services.find((s) => Object.hasOwn(s.operations, action)) ?? sts;
}

/** The request as it arrived, or undefined when its body is over the limit. */
function readRequest(req: IncomingMessage): Promise<RawRequest | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBody) chunks.push(chunk);
  });
  return new Promise((resolve) => {
    req.on('end', () => {
      if (size > maxBody) return resolve(undefined);
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const headers: Record<string, string[]> = {};
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        (headers[req.rawHeaders[i].toLowerCase()] ??= []).push(req.rawHeaders[i + 1]);
      resolve({
        method: req.method ?? 'GET',
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        headers,
        body: Buffer.concat(chunks),
      });
    });
  });
}

/** A refusal the server makes itself, outside the services: in STS's namespace. */
function serverError(refusal: Refusal): QueryResponse {
  const requestId = randomUUID();
  const log = {requestId, status: refusal.status, errorCode: refusal.code};
  return {body: errorXml(refusal, requestId), log};
}

function answer(request: RawRequest | undefined, ctx: HandlerContext): QueryResponse {
  if (request === undefined)
    return serverError(new Refusal('RequestEntityTooLarge', 'Request is too large'));
  try {
    return handleQueryRequest(request, ctx, serviceOf(request));
  } catch {
    return serverError(new Refusal('InternalFailure', 'The sandbox failed unexpectedly.'));
  }
}

function send(res: ServerResponse, {body, log}: QueryResponse, date: Date): void {
  const bytes = Buffer.from(body, 'utf8');
  res.sendDate = false;
  res.writeHead(log.status, {
    'x-amzn-RequestId': log.requestId,
    'Content-Type': 'text/xml',
    'Content-Length': String(bytes.length),
    Date: date.toUTCString(),
  });
  res.end(bytes);
}

/** Starts the sandbox STS; resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = options.state ?? SandboxState.demo();
  const clock = options.clock ?? systemClock;
  const signingClock = options.signingClock ?? clock;
  const ctx: HandlerContext = {state, clock, signingClock, faults: noFaults()};
  const server = createServer(async (req, res) => {
    const response = answer(await readRequest(req), ctx);
    send(res, response, signingClock.now());
    // An oversize body is refused before it is read as a request, so it has no log entry.
    if (response.log.errorCode !== 'RequestEntityTooLarge') options.onRequest?.(response.log);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const {port} = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    state,
    clock,
    throttleNext(count) {
      ctx.faults.throttle = count;
    },
    refuseNext(action, refusal) {
      ctx.faults.refuse.set(action, refusal);
    },
    delayNewKeys(ms) {
      ctx.faults.newKeyDelayMs = ms;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
