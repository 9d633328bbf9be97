// The credentials `env` and `credential-process` hand out: a profile's static keys, if still valid.
import {fail, ok, type Result} from '../core/errors.js';
import {describeExpiry} from '../core/expiry.js';
import {mergedKeys, staticKeysOf} from '../core/profile-keys.js';
import {sessionUsable} from '../core/profiles.js';
import type {StaticCredentials} from '../aws/sts.js';
import {fileKeys} from '../store/aws-state.js';
import type {Loaded} from './load.js';

export type HandedCredentials = StaticCredentials & {
  profile: string;
  expiresAt?: Date;
  region?: string;
  longTerm: boolean;
};

/** NAME's keys, or its session target's (what the user renews); an unusable session is refused. */
export function sessionCredentials(
  loaded: Loaded,
  name: string,
  now: Date,
  options: {followTarget?: boolean} = {followTarget: true},
): Result<HandedCredentials> {
  const {profiles, state} = loaded;
  let profile = profiles.find((p) => p.name === name);
  if (!profile) {
    return fail(
      'profile-not-found',
      `There is no profile "${name}" in ${state.credentials.path} or ${state.config.path}.`,
      'Run `mfa-tui list` to see the profiles.',
    );
  }
  if (options.followTarget && profile.kind === 'long-term' && profile.target) {
    const target = profiles.find((p) => p.name === profile!.target);
    if (target?.keyClass === 'session') profile = target;
  }
  if (profile.state === 'broken') {
    return fail(
      'profile-broken',
      `Profile ${profile.name} is broken: ${profile.problems.join('; ')}.`,
      `Fix [${profile.name}] in the credentials file.`,
    );
  }
  if (!profile.keyClass) {
    return fail(
      'profile-not-static',
      `Profile ${profile.name} is a ${profile.kind} profile: it has no keys of its own to hand out.`,
      'Name a profile with keys (a session written by `mfa-tui renew`).',
    );
  }
  if (!sessionUsable(profile.expiresAt, now)) {
    return fail(
      'session-expired',
      `The session in ${profile.name} ${describeExpiry(profile.expiresAt, now, 0)}.`,
      `Renew it: mfa-tui renew ${profile.name}`,
    );
  }
  const cred = fileKeys(state.credentials, profile.name);
  const conf = fileKeys(state.config, profile.name);
  // A profile with a keyClass has both keys: classify checked them.
  const keys = staticKeysOf(cred, conf)!;
  return ok({
    profile: profile.name,
    accessKeyId: keys.accessKeyId!,
    secretAccessKey: keys.secretAccessKey!,
    sessionToken: keys.sessionToken,
    expiresAt: profile.expiresAt,
    region: mergedKeys(cred, conf).region || undefined,
    longTerm: profile.state === 'long-term',
  });
}
