// What a renewal plans from, and where it calls STS and IAM: shared by the session and the role renewal.
import {resolveEndpoint, type Endpoint} from '../aws/endpoint.js';
import {servicesKeys, type AwsState} from '../store/aws-state.js';

/** The STS endpoint and region for a call signed from the source profile (flags, env, [services], profile). */
export function stsEndpointFor(
  env: NodeJS.ProcessEnv,
  request: {endpointUrl?: string; region?: string},
  state: AwsState,
  sourceKeys: Record<string, string | undefined>,
): Endpoint {
  return resolveEndpoint('STS', {
    env,
    endpointUrl: request.endpointUrl,
    region: request.region,
    profileKeys: sourceKeys,
    services: servicesKeys(state, sourceKeys.services, 'sts'),
  });
}

/** The IAM endpoint and region for a call signed from the source profile (flags, env, [services], profile). */
export function iamEndpointFor(
  env: NodeJS.ProcessEnv,
  request: {iamEndpointUrl?: string; region?: string},
  state: AwsState,
  sourceKeys: Record<string, string | undefined>,
): Endpoint {
  return resolveEndpoint('IAM', {
    env,
    endpointUrl: request.iamEndpointUrl,
    region: request.region,
    profileKeys: sourceKeys,
    services: servicesKeys(state, sourceKeys.services, 'iam'),
  });
}
