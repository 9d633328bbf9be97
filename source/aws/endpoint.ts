// Which STS endpoint and region a call uses: flags first, then the SDK's own environment and profile rules.
export type EndpointInputs = {
  env: NodeJS.ProcessEnv;
  /** --endpoint-url */
  endpointUrl?: string;
  /** --region */
  region?: string;
  /** Settings of the profile whose keys sign the call (merged config + credentials keys). */
  profileKeys?: Record<string, string | undefined>;
  /** `[services NAME]` section keys for `sts`, when the profile names one. */
  servicesSts?: Record<string, string | undefined>;
};

export type Endpoint = {url?: string; region: string};

/** Resolves the STS endpoint URL (undefined: AWS's own) and the signing region, per SPEC. */
export function resolveStsEndpoint(inputs: EndpointInputs): Endpoint {
  const {env, profileKeys = {}, servicesSts = {}} = inputs;
  const region = inputs.region || env.AWS_REGION || profileKeys.region || 'us-east-1';
  if (inputs.endpointUrl) return {url: inputs.endpointUrl, region};
  const ignoreConfigured = /^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '');
  if (ignoreConfigured) return {region};
  const url =
    env.AWS_ENDPOINT_URL_STS ||
    env.AWS_ENDPOINT_URL ||
    servicesSts.endpoint_url ||
    profileKeys.endpoint_url ||
    undefined;
  return {url, region};
}

export type IamEndpointInputs = Omit<EndpointInputs, 'servicesSts'> & {
  /** `[services NAME]` section keys for `iam`, when the profile names one. */
  servicesIam?: Record<string, string | undefined>;
};

/**
 * Resolves the IAM endpoint for MFA device discovery by the same rules as STS, with IAM's own
 * names: --iam-endpoint-url, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, `[services]` `iam.endpoint_url`,
 * the profile's endpoint_url. `--endpoint-url` is the STS endpoint and does not apply to IAM.
 */
export function resolveIamEndpoint(inputs: IamEndpointInputs): Endpoint {
  const {env, profileKeys = {}, servicesIam = {}} = inputs;
  const region = inputs.region || env.AWS_REGION || profileKeys.region || 'us-east-1';
  if (inputs.endpointUrl) return {url: inputs.endpointUrl, region};
  const ignoreConfigured = /^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '');
  if (ignoreConfigured) return {region};
  const url =
    env.AWS_ENDPOINT_URL_IAM ||
    env.AWS_ENDPOINT_URL ||
    servicesIam.endpoint_url ||
    profileKeys.endpoint_url ||
    undefined;
  return {url, region};
}
