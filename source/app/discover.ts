// MFA device discovery: IAM ListMFADevices for the source's user, signed with its long-term keys.
import {ok, type Result} from '../core/errors.js';
import type {DiscoveredDevice} from '../core/mfa.js';
import {planInputsOf, planRenewalParties} from '../core/renew-plan.js';
import type {Endpoint} from '../aws/endpoint.js';
import type {AwsState} from '../store/aws-state.js';
import type {Settings} from '../store/settings.js';
import {callAws, type Debug} from './aws-call.js';
import {loadFiles} from './load.js';
import {iamEndpointFor} from './renew-inputs.js';

export type DiscoverRequest = {
  profile: string;
  target?: string;
  iamEndpointUrl?: string;
  region?: string;
  debug?: Debug;
};

/**
 * Asks IAM which MFA devices the source's user has: for the TUI's device choice, and for a
 * renewal when no serial is configured.
 */
export async function discoverMfaDevices(
  env: NodeJS.ProcessEnv,
  request: DiscoverRequest,
  preloaded?: {state: AwsState; settings: Settings},
): Promise<Result<{source: string; devices: DiscoveredDevice[]; endpoint: Endpoint}>> {
  const files = preloaded ? ok(preloaded) : await loadFiles(env);
  if (!files.ok) return files;
  const {state, settings} = files.value;
  const parties = planRenewalParties(
    {profile: request.profile, target: request.target, force: true},
    planInputsOf(state, settings),
  );
  if (!parties.ok) return parties;
  const {source, credentials, accessKeyIdLast4, sourceKeys} = parties.value;
  const endpoint = iamEndpointFor(env, request, state, sourceKeys);
  const debug = request.debug;
  debug?.(
    `ListMFADevices → ${endpoint.url ?? 'AWS IAM'} region=${endpoint.region} key=…${accessKeyIdLast4}`,
  );
  const {listMfaDevices} = await import('../aws/iam.js');
  const devices = await callAws(
    {
      operation: 'ListMFADevices',
      profile: source,
      accessKeyIdLast4,
      endpointUrl: endpoint.url,
      region: endpoint.region,
    },
    () => listMfaDevices(credentials, endpoint),
    debug,
  );
  if (!devices.ok) return devices;
  debug?.(`← ${devices.value.length} device(s): ${devices.value.map((d) => d.serial).join(', ')}`);
  return ok({source, devices: devices.value, endpoint});
}
