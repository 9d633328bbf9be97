// MFA device discovery: IAM ListMFADevices for the source's user, signed with its long-term keys.
import {ok, type Result} from '../core/errors.js';
import type {DiscoveredDevice} from '../core/mfa.js';
import {planInputsOf, planRenewalParties} from '../core/renew-plan.js';
import {callAws, endpointFor} from './aws-call.js';
import {loadFiles, type LoadedFiles} from './load.js';
import type {RenewProfileRequest} from './renew-types.js';

/**
 * Asks IAM which MFA devices the source's user has: for the TUI's device choice, and for a
 * renewal when no serial is configured.
 */
export async function discoverMfaDevices(
  env: NodeJS.ProcessEnv,
  request: Pick<RenewProfileRequest, 'profile' | 'target' | 'iamEndpointUrl' | 'region' | 'debug'>,
  preloaded?: LoadedFiles,
): Promise<Result<{source: string; devices: DiscoveredDevice[]}>> {
  const files = preloaded ? ok(preloaded) : await loadFiles(env);
  if (!files.ok) return files;
  const {state, settings} = files.value;
  const parties = planRenewalParties(
    {profile: request.profile, target: request.target, force: true},
    planInputsOf(state, settings),
  );
  if (!parties.ok) return parties;
  const {source, credentials, accessKeyIdLast4, sourceKeys} = parties.value;
  const endpoint = endpointFor('iam', env, request, state, sourceKeys);
  const debug = request.debug;
  const {listMfaDevices} = await import('../aws/iam.js');
  const devices = await callAws(
    {
      operation: 'ListMFADevices',
      profile: source,
      accessKeyIdLast4,
      endpoint,
      said: `key=…${accessKeyIdLast4}`,
    },
    () => listMfaDevices(credentials, endpoint),
    debug,
  );
  if (!devices.ok) return devices;
  debug?.(`← ${devices.value.length} device(s): ${devices.value.map((d) => d.serial).join(', ')}`);
  return ok({source, devices: devices.value});
}
