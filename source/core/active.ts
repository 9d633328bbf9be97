import {last4} from './mask.js';
import type {AwsCliActive} from './precedence/input.js';
import {awsCliProfile} from './precedence/profile-choice.js';

/** What the AWS CLI v2 uses by the environment alone: its keys unless a profile is explicit, else the profile. */
export function awsCliActiveProfile(
  env: Record<string, string | undefined>,
  explicit?: string,
): AwsCliActive {
  const profile = awsCliProfile(env, explicit);
  if (profile.from !== 'explicit' && env.AWS_ACCESS_KEY_ID)
    return {kind: 'env', accessKeyIdLast4: last4(env.AWS_ACCESS_KEY_ID)};
  return {kind: 'profile', ...profile};
}
