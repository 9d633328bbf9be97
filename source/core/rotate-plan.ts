// Whether a profile's access key can be rotated: decided once, for `mfa-tui rotate` and the TUI's
// rotate key alike. Only a long-term profile's own keys, in its own section of the credentials file.
import {fail, type Result} from './errors.js';
import {kindLabels} from './profiles.js';
import {existsIn} from './profile-keys.js';
import {
  kindOf,
  mergeFiles,
  planRenewalParties,
  type PlanInputs,
  type RenewParties,
} from './renew-plan.js';

/**
 * The parties of a rotation (the long-term profile and the MFA session it renews into), or why its
 * key cannot rotate, before any call: the same refusals as a renewal, then where the keys live.
 */
export function planRotation(
  profile: string,
  inputs: PlanInputs,
  credentialsPath: string,
): Result<RenewParties> {
  const f = mergeFiles(inputs);
  const own = kindOf(f, profile);
  // A session or a role renews from another profile: its key is that profile's to rotate.
  if (existsIn(f)(profile) && own.keyClass !== 'long-term') {
    return fail(
      'rotate-not-long-term',
      `Only long-term keys rotate: ${profile} is ${kindLabels[own.kind]}.`,
      'Rotate the profile that holds the long-term keys (AKIA…) in the credentials file.',
    );
  }
  const parties = planRenewalParties({profile, force: true}, inputs, f);
  if (!parties.ok) return parties;
  const {source, credentials} = parties.value;
  const sections = inputs.credentials.filter(
    (s) => s.profile === source && s.keys.aws_access_key_id === credentials.accessKeyId,
  );
  if (sections.some((s) => s.inherited?.includes('aws_access_key_id'))) {
    return fail(
      'rotate-not-long-term',
      `The keys of ${source} come from [DEFAULT] in ${credentialsPath}, which every profile of that file shares; mfa-tui rotates keys only in a profile's own section.`,
      `Move the keys from [DEFAULT] into [${source}], then rotate again.`,
    );
  }
  if (sections.length === 0) {
    return fail(
      'rotate-not-long-term',
      `The keys of ${source} are not in ${credentialsPath}; mfa-tui rotates keys only there.`,
      `Move [${source}]'s keys into the credentials file, then rotate again.`,
    );
  }
  return parties;
}
