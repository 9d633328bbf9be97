import type {Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';
import {boundedTransport} from './transport.js';

/**
 * Client options for STS or IAM, nothing left for the SDK to read from ~/.aws; and the transport.
 * A call with a one-time code is sent once: a retry after a lost answer reads, to STS, as a code
 * used twice, and a silent endpoint would receive the code once per attempt.
 */
export function clientConfig(
  credentials: StaticCredentials,
  {url, region, sdk, deadlineMs}: Endpoint,
  oneTimeCode = false,
) {
  const transport = boundedTransport(deadlineMs);
  const config = {
    credentials,
    region,
    endpoint: url,
    // Configured endpoints (AWS_ENDPOINT_URL_*, endpoint_url, [services]) are in `url` already.
    ignoreConfiguredEndpointUrls: true,
    requestHandler: transport.requestHandler,
    maxAttempts: oneTimeCode ? 1 : sdk.maxAttempts,
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
  return {config, transport};
}
