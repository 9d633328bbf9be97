// The configuration every SDK client gets: explicit credentials, and every setting the SDK would
// otherwise look up itself in the environment and the shared files (see Endpoint.sdk).
import {defaultDeadlineMs, resolveSdkSettings, type Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';
import {boundedTransport, type Transport} from './transport.js';

/**
 * A call carries a one-time code (GetSessionToken, AssumeRole with TokenCode): the SDK must not
 * send it again. A retry after an answer that was lost on the way reads, to STS, as a code used
 * twice; and a silent endpoint would receive the same code once per attempt.
 */
export type CallKind = {oneTimeCode: boolean};

/** Client options for STS or IAM, nothing left for the SDK to read from ~/.aws; and the transport. */
export function clientConfig(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  kind: CallKind = {oneTimeCode: false},
): {config: ReturnType<typeof sdkOptions>; transport: Transport} {
  const transport = boundedTransport(endpoint.deadlineMs ?? defaultDeadlineMs);
  return {config: sdkOptions(credentials, endpoint, transport, kind), transport};
}

function sdkOptions(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  transport: Transport,
  kind: CallKind,
) {
  const sdk = endpoint.sdk ?? resolveSdkSettings({});
  return {
    credentials,
    region: endpoint.region,
    endpoint: endpoint.url,
    // Configured endpoints (AWS_ENDPOINT_URL_*, endpoint_url, [services]) were resolved into
    // endpoint.url already.
    ignoreConfiguredEndpointUrls: true,
    requestHandler: transport.requestHandler,
    maxAttempts: kind.oneTimeCode ? 1 : sdk.maxAttempts,
    retryMode: sdk.retryMode,
    useFipsEndpoint: sdk.useFipsEndpoint,
    useDualstackEndpoint: sdk.useDualstackEndpoint,
    defaultsMode: sdk.defaultsMode as 'legacy',
    userAgentAppId: async () => sdk.userAgentAppId,
    disableClockSkewCorrection: async () => sdk.disableClockSkewCorrection,
    // Only SigV4 signs STS and IAM; an empty preference keeps the SDK's own order.
    authSchemePreference: async () => [] as string[],
    sigv4aSigningRegionSet: async () => undefined,
  };
}
