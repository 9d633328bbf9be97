// The sandbox STS and IAM over HTTP on 127.0.0.1, with AWS's headers (x-amzn-RequestId, Date).
import {once} from 'node:events';
import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Refusal} from './errors.js';
import {iam} from './iam.js';
import type {Clock, Faults, HandlerContext, RequestLogEntry} from './query.js';
import {handleQueryRequest, paramsOf, refusalResponse} from './query.js';
import type {RawRequest} from './sigv4.js';
import {header, parseAuthorization} from './sigv4.js';
import {sts} from './sts.js';

export type {RequestLogEntry} from './query.js';

export type SandboxOptions = Pick<HandlerContext, 'state' | 'clock'> & {
  /** Default: `clock`. */
  signingClock?: Clock;
  /** 0 (the default) picks a free port. */
  port?: number;
  onRequest?: (entry: RequestLogEntry) => void;
};

export type Sandbox = Pick<HandlerContext, 'state' | 'faults'> & {
  endpoint: string;
  close(): Promise<void>;
};

const maxBody = 1024 * 1024;
const services = [sts, iam];

/** AWS tells STS and IAM apart by host; on one port: the service signed for, else the action's. */
function serviceOf(request: RawRequest) {
  const parsed = parseAuthorization(header(request, 'authorization') ?? '');
  if (parsed.ok) return services.find((s) => s.name === parsed.value.service) ?? sts;
  const action = paramsOf(request).get('Action') ?? '';
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
      const [path, ...query] = (req.url ?? '/').split('?');
      // No prototype: a header named __proto__ or constructor is a header like any other.
      const headers: Record<string, string[]> = Object.create(null);
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        (headers[req.rawHeaders[i].toLowerCase()] ??= []).push(req.rawHeaders[i + 1]);
      const body = Buffer.concat(chunks);
      resolve({method: req.method ?? 'GET', path, query: query.join('?'), headers, body});
    });
  });
}

async function answer(request: RawRequest | undefined, ctx: HandlerContext) {
  if (request === undefined)
    return refusalResponse(new Refusal('RequestEntityTooLarge', 'Request is too large'));
  try {
    return await handleQueryRequest(request, ctx, serviceOf(request));
  } catch {
    return refusalResponse(new Refusal('InternalFailure', 'The sandbox failed unexpectedly.'));
  }
}

/** Starts the sandbox STS and IAM; resolves once it listens. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const {state, clock, signingClock = clock} = options;
  const faults: Faults = {throttle: 0, refuse: new Map(), newKeyDelayMs: 0};
  const ctx: HandlerContext = {state, clock, signingClock, faults};
  const server = createServer(async (req, res) => {
    const {body, log} = await answer(await readRequest(req), ctx);
    const bytes = Buffer.from(body, 'utf8');
    res.sendDate = false;
    res.writeHead(log.status, {
      'x-amzn-RequestId': log.requestId,
      'Content-Type': 'text/xml',
      'Content-Length': String(bytes.length),
      Date: signingClock.now().toUTCString(),
    });
    res.end(bytes);
    // An oversize body is refused before it is read as a request, so it has no log entry.
    if (log.errorCode !== 'RequestEntityTooLarge') options.onRequest?.(log);
  });
  // Rejects with the listen error (EADDRINUSE…) if there is one.
  await once(server.listen(options.port ?? 0, '127.0.0.1'), 'listening');
  const {port} = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    faults,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
