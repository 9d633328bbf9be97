// One STS or IAM call: a client built for it with our transport, endpoint and credentials (never the
// default chain), and its answer read before anything uses it.
import type {Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';
import {boundedTransport} from './transport.js';

/**
 * Client options with nothing left for the SDK to read from ~/.aws, and the transport. A one-time
 * code is sent once: STS reads a retry after a lost answer as the code used twice, and a silent
 * endpoint would receive the code once per attempt.
 */
function clientConfig(
  credentials: StaticCredentials,
  {url, region, sdk, deadlineMs}: Endpoint,
  oneTimeCode: boolean,
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

type Config = ReturnType<typeof clientConfig>['config'];

/** A command of either SDK; only the type of its answer is read from it. */
export type CommandOf<O> = {
  resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{output: O}>;
};

/** Sends one command; an answer `read` finds misshapen (undefined) fails as `not-an-answer`. */
export type Send = <O, T>(command: CommandOf<O>, read: (out: O) => T | undefined) => Promise<T>;

/** How to load one SDK and build its client; the import runs only when a call is made. */
export type ClientKind<Sdk> = {
  load: () => Promise<Sdk>;
  build: (
    sdk: Sdk,
    config: Config,
  ) => {
    send(command: never, options: {abortSignal: AbortSignal}): Promise<unknown>;
    destroy(): void;
  };
};

/** Runs `use` with a client of `kind` for these credentials, destroyed when it is done. */
export async function withClient<Sdk, T>(
  kind: ClientKind<Sdk>,
  credentials: StaticCredentials,
  endpoint: Endpoint,
  oneTimeCode: boolean,
  use: (sdk: Sdk, send: Send) => Promise<T>,
): Promise<T> {
  const sdk = await kind.load();
  const {config, transport} = clientConfig(credentials, endpoint, oneTimeCode);
  const client = kind.build(sdk, config);
  const send: Send = async (command, read) => {
    const out = await transport.send(
      (abortSignal) => client.send(command as never, {abortSignal}) as Promise<never>,
    );
    const value = read(out);
    if (value === undefined) throw transport.notAnAnswer();
    return value;
  };
  try {
    return await use(sdk, send);
  } finally {
    client.destroy();
  }
}
