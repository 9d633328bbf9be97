// When each long-term key was made, learnt from IAM once per key id and kept in the settings, so
// `list` and the TUI show key ages without ever asking IAM themselves.
import type {Endpoint} from '../aws/endpoint.js';
import type {StaticCredentials} from '../aws/sts.js';
import {masked} from '../core/mask.js';
import {rememberKeyDates} from '../core/key-age.js';
import {updateSettings, type Settings} from '../store/settings.js';
import {callAws, type Debug} from './aws-call.js';

/** A lookup made after a renewal is extra: it gets a short deadline so it never holds the user up. */
const lookupDeadlineMs = 5000;

/** After a failed lookup, the same key is not asked about again for this long. */
const retryAfterMs = 7 * 24 * 60 * 60 * 1000;

/** Keeps the creation times IAM listed (and forgets `gone` ids); losing them costs only the display. */
export async function rememberListedKeys(
  env: NodeJS.ProcessEnv,
  listed: {accessKeyId: string; createdAt?: Date}[],
  gone: string[] = [],
): Promise<void> {
  await updateSettings(env, (s) => {
    const failed = {...s.keyLookupFailedAt};
    for (const k of listed) delete failed[k.accessKeyId];
    return {
      ...s,
      keyCreatedAt: rememberKeyDates(s.keyCreatedAt, listed, gone),
      ...(s.keyLookupFailedAt ? {keyLookupFailedAt: failed} : {}),
    };
  });
}

export type KeyDateLookup = {
  /** The long-term key the renewal signed with. */
  keyId: string;
  /** The MFA session just issued: under an MFA-only policy, IAM answers only to it. */
  session: StaticCredentials;
  profile: string;
  sts: Endpoint;
  iam: Endpoint;
  /** The renewal's time: a failed lookup is remembered at it, and a week is counted from it. */
  now: Date;
  debug?: Debug;
};

/**
 * After a session renewal: asks IAM (ListAccessKeys, signed by the new session) when the key was
 * made, unless that is already known. Skipped when STS is a custom endpoint and IAM is not (a
 * session from a sandbox or a private STS means nothing to AWS's own IAM), and for a week after IAM
 * last refused or did not answer. Never fails the renewal.
 */
export async function learnKeyDate(
  env: NodeJS.ProcessEnv,
  settings: Settings,
  lookup: KeyDateLookup,
): Promise<void> {
  const {keyId, session, profile, sts, now, debug} = lookup;
  if (settings.keyCreatedAt && Object.hasOwn(settings.keyCreatedAt, keyId)) return;
  if (sts.url && !lookup.iam.url) return;
  // An IAM that refused or did not answer lately is not asked again yet: each try can cost the
  // whole deadline (a proxy that passes STS and drops IAM).
  const failed = settings.keyLookupFailedAt;
  const failedAt = failed && Object.hasOwn(failed, keyId) ? failed[keyId] : undefined;
  if (failedAt && now.getTime() - Date.parse(failedAt) < retryAfterMs) return;
  const iam = {...lookup.iam, deadlineMs: Math.min(lookup.iam.deadlineMs, lookupDeadlineMs)};
  const {listAccessKeys} = await import('../aws/iam.js');
  const listed = await callAws(
    {operation: 'ListAccessKeys', profile, endpoint: iam, said: `(key age of ${masked(keyId)})`},
    () => listAccessKeys(session, iam),
    debug,
  );
  if (listed.ok) await rememberListedKeys(env, listed.value);
  else {
    await updateSettings(env, (s) => ({
      ...s,
      keyLookupFailedAt: {...s.keyLookupFailedAt, [keyId]: now.toISOString()},
    }));
  }
}
