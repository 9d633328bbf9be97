// One call to STS or IAM: the SDK's error mapped once to {code, message, fix}, what came back in --debug.
import type {Result} from '../core/errors.js';
import {mapStsError, type CallContext} from '../aws/errors.js';

export type Debug = (line: string) => void;

function errorMeta(error: unknown): string {
  const e = error as {name?: string; $metadata?: {httpStatusCode?: number; requestId?: string}};
  return `← error ${e.name ?? ''} HTTP ${e.$metadata?.httpStatusCode ?? '-'} request-id ${e.$metadata?.requestId ?? '-'}`;
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
