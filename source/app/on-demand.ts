// A session renewed when a client asks for it (credential_process): one lock for every process that
// asks at once, so the first renews with one code and the others hand out what it wrote.
import {ok, type AppError, type Result} from '../core/errors.js';
import {loadProfiles} from './load.js';
import {renewProfile} from './renew.js';
import type {CodeSource, RenewProfileRequest, UnwrittenSession} from './renew-types.js';
import {lastsBeyond, sessionCredentials, type HandedCredentials} from './session-credentials.js';

/** Keys handed out; `unwritten` says why they are not in the credentials file too. */
export type OnDemandCredentials = HandedCredentials & {unwritten?: AppError};

export type OnDemandRequest = {
  profile: string;
  /** Seconds the session must still have for it to be handed out as it is. */
  marginSeconds: number;
  code: CodeSource;
  /** How long to wait for another process that is renewing the same file. */
  waitMs: number;
  /** Whether to renew again after this failure (a wrong code typed on a terminal). */
  again?: (error: AppError, attempt: number) => boolean;
  now: () => Date;
} & Pick<RenewProfileRequest, 'endpointUrl' | 'region' | 'debug'>;

/**
 * Renews PROFILE's session unless another process did while this one waited for the lock, then
 * hands out the session as the files hold it.
 */
export async function renewOnDemand(
  env: NodeJS.ProcessEnv,
  request: OnDemandRequest,
): Promise<Result<OnDemandCredentials>> {
  const first = await loadProfiles(env, request.now());
  if (!first.ok) return first;
  const {acquireLock} = await import('../store/lock.js');
  // Not the file's own lock (the renewal takes that one to write): this one spans the whole
  // renewal, prompt included, so a second process waits instead of asking for a second code.
  const lock = await acquireLock(`${first.value.state.credentials.path}.renew`, {
    timeoutMs: request.waitMs,
  });
  if (!lock.ok) return lock;
  try {
    const fresh = await reread(env, request);
    if (fresh) return fresh;
    for (let attempt = 1; ; attempt++) {
      const renewed = await renewProfile(env, {
        profile: request.profile,
        code: request.code,
        now: request.now(),
        endpointUrl: request.endpointUrl,
        region: request.region,
        debug: request.debug,
      });
      if (renewed.ok) break;
      // STS issued a session the file would not take: the client still gets it, and hears why.
      if (renewed.unwritten)
        return ok(unwrittenKeys(request.profile, renewed.error, renewed.unwritten));
      if (!request.again?.(renewed.error, attempt)) return {ok: false, error: renewed.error};
    }
    const loaded = await loadProfiles(env, request.now());
    return loaded.ok ? sessionCredentials(loaded.value, request.profile, request.now()) : loaded;
  } finally {
    await lock.value.release();
  }
}

/** The files read again under the lock: the session another process may have just written, if it lasts. */
async function reread(
  env: NodeJS.ProcessEnv,
  request: OnDemandRequest,
): Promise<Result<HandedCredentials> | undefined> {
  const loaded = await loadProfiles(env, request.now());
  if (!loaded.ok) return loaded;
  const now = request.now();
  const creds = sessionCredentials(loaded.value, request.profile, now);
  return creds.ok && lastsBeyond(creds.value, now, request.marginSeconds) ? creds : undefined;
}

function unwrittenKeys(
  profile: string,
  error: AppError,
  session: UnwrittenSession,
): OnDemandCredentials {
  const c = session.credentials;
  return {
    profile,
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiresAt: c.expiration,
    longTerm: false,
    unwritten: error,
  };
}
