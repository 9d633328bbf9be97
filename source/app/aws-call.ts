// One call to STS or IAM: where it goes, the SDK's error mapped once to {code, message, fix}, and
// what was sent and came back in --debug.
import type {Result} from '../core/errors.js';
import {resolveEndpoint, type Endpoint} from '../aws/endpoint.js';
import {mapStsError, type CallContext} from '../aws/errors.js';
import {seenOf, serviceOf, TransportError} from '../aws/network-errors.js';
import {servicesKeys, type AwsState} from '../store/aws-state.js';

export type Debug = (line: string) => void;

/**
 * The endpoint and region of a call signed from the source profile (flags, env, [services],
 * profile). `--endpoint-url` is STS's only: IAM takes `--iam-endpoint-url`.
 */
export function endpointFor(
  service: 'sts' | 'iam',
  env: NodeJS.ProcessEnv,
  request: {endpointUrl?: string; iamEndpointUrl?: string; region?: string},
  state: AwsState,
  sourceKeys: Record<string, string | undefined>,
): Endpoint {
  const endpointUrl = service === 'sts' ? request.endpointUrl : request.iamEndpointUrl;
  return resolveEndpoint(service === 'sts' ? 'STS' : 'IAM', {
    env,
    endpointUrl,
    region: request.region,
    profileKeys: sourceKeys,
    services: servicesKeys(state, sourceKeys.services, service),
  });
}

function errorMeta(error: unknown): string {
  const e = error as {name?: string; $metadata?: {httpStatusCode?: number; requestId?: string}};
  // A failure of the exchange has no AWS metadata; what the transport saw stands in for it.
  const seen = error instanceof TransportError ? error.seen : seenOf(error);
  const name = error instanceof TransportError ? `${e.name} ${error.failure}` : (e.name ?? '');
  const status = e.$metadata?.httpStatusCode ?? seen?.status ?? '-';
  return `← error ${name} HTTP ${status} request-id ${e.$metadata?.requestId ?? '-'}`;
}

/** A call's context, with the endpoint it goes to and `said`: its request as --debug shows it. */
export type AwsCall = Omit<CallContext, 'endpointUrl' | 'region'> & {
  endpoint?: Endpoint;
  said?: string;
};

/** Runs `call`; a failure comes back as the mapped error value, never as a throw. */
export async function callAws<T>(
  {endpoint, said, ...who}: AwsCall,
  call: () => Promise<T>,
  debug?: Debug,
): Promise<Result<T>> {
  const context = {...who, endpointUrl: endpoint?.url, region: endpoint?.region};
  if (said !== undefined) {
    const where = endpoint?.url ?? `AWS ${serviceOf(context)}`;
    debug?.(`${who.operation} → ${where} region=${endpoint?.region} ${said}`);
  }
  try {
    return {ok: true, value: await call()};
  } catch (error) {
    debug?.(errorMeta(error));
    return {ok: false, error: mapStsError(error, context)};
  }
}
