// Which STS or IAM endpoint and region a call uses: flags, then the SDK's own variables and keys.
type EndpointInputs = {
  env: NodeJS.ProcessEnv;
  /** The flag (--endpoint-url, --iam-endpoint-url). */
  endpointUrl?: string;
  region?: string;
  /** Settings of the profile whose keys sign the call (merged config + credentials keys). */
  profileKeys?: Record<string, string | undefined>;
  /** The service's keys in the `[services NAME]` section, when the profile names one. */
  services?: Record<string, string | undefined>;
};

/** Where and how a call goes; its SDK settings come from the profile read, not the files again. */
export type Endpoint = {url?: string; region: string; sdk: SdkSettings; deadlineMs: number};

/** A call's total deadline, answer read included: MFA_TUI_STS_TIMEOUT_MS if a positive integer. */
export function resolveDeadline(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.MFA_TUI_STS_TIMEOUT_MS?.trim() || Number.NaN);
  return Number.isInteger(ms) && ms > 0 ? ms : 20_000;
}

const truthy = (value: string | undefined) => /^true$/i.test(value?.trim() ?? '');

/** The settings an SDK client would otherwise look up: the variable, then the profile's key. */
export function resolveSdkSettings(
  env: NodeJS.ProcessEnv,
  profileKeys: Record<string, string | undefined> = {},
) {
  const pick = (envName: string, key: string) => env[envName] ?? profileKeys[key];
  const attempts = Number.parseInt(pick('AWS_MAX_ATTEMPTS', 'max_attempts') ?? '', 10);
  const retryMode = pick('AWS_RETRY_MODE', 'retry_mode');
  return {
    useFipsEndpoint: truthy(pick('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint')),
    useDualstackEndpoint: truthy(pick('AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint')),
    retryMode: retryMode === 'adaptive' || retryMode === 'legacy' ? retryMode : 'standard',
    maxAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : 3,
    userAgentAppId: pick('AWS_SDK_UA_APP_ID', 'sdk_ua_app_id') || undefined,
    defaultsMode: pick('AWS_DEFAULTS_MODE', 'defaults_mode') || 'legacy',
    disableClockSkewCorrection: truthy(
      pick('AWS_DISABLE_CLOCK_SKEW_CORRECTION', 'disable_clock_skew_correction'),
    ),
  };
}

type SdkSettings = ReturnType<typeof resolveSdkSettings>;

/**
 * Where a call to `service` goes: its flag; nothing configured when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; else its variable, AWS_ENDPOINT_URL, the
 * `[services]` key, the profile's endpoint_url.
 */
export function resolveEndpoint(service: 'STS' | 'IAM', inputs: EndpointInputs): Endpoint {
  const {env, profileKeys = {}} = inputs;
  const region = inputs.region || env.AWS_REGION || profileKeys.region || 'us-east-1';
  const base = {
    region,
    sdk: resolveSdkSettings(env, profileKeys),
    deadlineMs: resolveDeadline(env),
  };
  if (inputs.endpointUrl) return {url: inputs.endpointUrl, ...base};
  if (truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return base;
  const url =
    env[`AWS_ENDPOINT_URL_${service}`] ||
    env.AWS_ENDPOINT_URL ||
    inputs.services?.endpoint_url ||
    profileKeys.endpoint_url ||
    undefined;
  return {url, ...base};
}
