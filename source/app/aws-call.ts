// One call to STS or IAM: the SDK's error mapped once to {code, message, fix}, what came back in --debug.
import type {Result} from '../core/errors.js';
import {mapStsError, type CallContext} from '../aws/errors.js';
import {seenOf, TransportError} from '../aws/network-errors.js';

export type Debug = (line: string) => void;

function errorMeta(error: unknown): string {
  const e = error as {name?: string; $metadata?: {httpStatusCode?: number; requestId?: string}};
  // A failure of the exchange has no AWS metadata; what the transport saw stands in for it.
  const seen = error instanceof TransportError ? error.seen : seenOf(error);
  const name = error instanceof TransportError ? `${e.name} ${error.failure}` : (e.name ?? '');
  const status = e.$metadata?.httpStatusCode ?? seen?.status ?? '-';
  return `← error ${name} HTTP ${status} request-id ${e.$metadata?.requestId ?? '-'}`;
}

/** Runs `call`; a failure comes back as the mapped error value, never as a throw. */
export async function callAws<T>(
  context: CallContext,
  call: () => Promise<T>,
  debug?: Debug,
): Promise<Result<T>> {
  try {
    return {ok: true, value: await call()};
  } catch (error) {
    debug?.(errorMeta(error));
    return {ok: false, error: mapStsError(error, context)};
  }
}
