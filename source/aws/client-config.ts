// The configuration every SDK client gets: explicit credentials, and every setting the SDK would
// otherwise look up itself in the environment and the shared files (see Endpoint.sdk).
import {resolveSdkSettings, type Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';

/**
 * How long a call may wait: to connect, and for the endpoint to say anything once connected. The
 * SDK waits forever by default, so an endpoint that accepts the connection and never answers held
 * a renewal (and the TUI's panel) until Ctrl-C. Each attempt has these limits; the retry mode
 * decides how many attempts there are (3 by default).
 */
export const connectTimeoutMs = 5_000;
export const answerTimeoutMs = 10_000;

/** Client options for STS or IAM: nothing left for the SDK to read from ~/.aws. */
export function clientConfig(credentials: StaticCredentials, endpoint: Endpoint) {
  const sdk = endpoint.sdk ?? resolveSdkSettings({});
  return {
    credentials,
    region: endpoint.region,
    endpoint: endpoint.url,
    // Configured endpoints (AWS_ENDPOINT_URL_*, endpoint_url, [services]) were resolved into
    // endpoint.url already.
    ignoreConfiguredEndpointUrls: true,
    requestHandler: {connectionTimeout: connectTimeoutMs, socketTimeout: answerTimeoutMs},
    maxAttempts: sdk.maxAttempts,
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
