// The HTTP transport of every STS and IAM call: a total deadline, a cap on the answer's size, and
// what was seen of the endpoint, so that a failure can say what happened.
import {Agent as HttpAgent} from 'node:http';
import {Agent as HttpsAgent} from 'node:https';
import type {Socket} from 'node:net';
import {Transform, pipeline, type Readable} from 'node:stream';
import {NodeHttpHandler} from '@smithy/node-http-handler';
import type {HttpRequest} from '@smithy/protocol-http';
import {
  awsContentType,
  maxAnswerBytes,
  seenKey,
  TransportError,
  type Seen,
} from './network-errors.js';

/** Marks `seen.connected` once any socket of the agent has connected. */
function watchConnections<A extends HttpAgent>(agent: A, seen: Seen): A {
  const target = agent as unknown as {createConnection: (...args: unknown[]) => Socket};
  const create = target.createConnection.bind(agent);
  target.createConnection = (...args) => {
    const socket = create(...args);
    socket.once('connect', () => (seen.connected = true));
    return socket;
  };
  return agent;
}

/** The answer's body, failing once it grows past the cap or the deadline passes. */
function bounded(body: Readable, signal: AbortSignal | undefined, seen: Seen, limitMs: number) {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxAnswerBytes) done(new TransportError('too-large', {...seen}));
      else done(null, chunk);
    },
  });
  const onAbort = () => counter.destroy(new TransportError('deadline', {...seen}, limitMs));
  signal?.addEventListener('abort', onAbort, {once: true});
  // pipeline destroys the socket's stream when the counter fails, so nothing more is read.
  pipeline(body, counter, () => signal?.removeEventListener('abort', onAbort));
  return counter;
}

/** An answer the SDK could not read, or one not in AWS's formats (a proxy's or a portal's page). */
function unreadable(error: unknown, seen: Seen): boolean {
  if (seen.status === undefined) return false;
  if (!awsContentType(seen.contentType)) return true;
  return !!error && typeof error === 'object' && '$response' in error && !('$fault' in error);
}

/** A request handler whose every call (`send`) ends within `deadlineMs`, its answer capped. */
export function boundedTransport(deadlineMs: number) {
  const seen: Seen = {connected: false};
  const options = {keepAlive: true, maxSockets: 50};
  const inner = new NodeHttpHandler({
    httpAgent: watchConnections(new HttpAgent(options), seen),
    httpsAgent: watchConnections(new HttpsAgent(options), seen),
    connectionTimeout: Math.min(5_000, deadlineMs),
  });
  const handle = inner.handle.bind(inner);
  // Each attempt passes here: the status and type of the latest answer, and its body bounded.
  inner.handle = async (request: HttpRequest, handlerOptions = {}) => {
    const {response} = await handle(request, handlerOptions);
    seen.status = response.statusCode;
    // Node names every header in lower case.
    seen.contentType = response.headers['content-type'];
    const signal = handlerOptions.abortSignal as AbortSignal | undefined;
    response.body = bounded(response.body as Readable, signal, seen, deadlineMs);
    return {response};
  };
  return {
    requestHandler: inner,
    async send<T>(call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), deadlineMs);
      try {
        return await call(controller.signal);
      } catch (error) {
        if (error instanceof TransportError) throw error;
        if (controller.signal.aborted) throw new TransportError('deadline', {...seen}, deadlineMs);
        if (unreadable(error, seen)) throw new TransportError('not-an-answer', {...seen});
        if (error && typeof error === 'object') Object.assign(error, {[seenKey]: {...seen}});
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    /** The error for an answer that parsed, and is not one of the operation asked. */
    notAnAnswer: () => new TransportError('not-an-answer', {...seen}),
  };
}
