// A session renewed when a client asks for it (credential_process): one lock for every process that
// asks at once, so the first renews with one code and the others hand out what it wrote.
import {fail, ok, type AppError, type Result} from '../core/errors.js';
import {awsPaths} from '../store/paths.js';
import {loadProfiles} from './load.js';
import {renewProfile} from './renew.js';
import type {RenewProfileRequest} from './renew-types.js';
import {sessionUsable} from '../core/profiles.js';
import {sessionCredentials, type HandedCredentials} from './session-credentials.js';

/** Keys handed out; `unwritten` says why they are not in the credentials file too. */
export type OnDemandCredentials = HandedCredentials & {unwritten?: AppError};

export type OnDemandRequest = {
  /** Seconds the session must still have for it to be handed out as it is. */
  marginSeconds: number;
  /** How long to wait for another process that is renewing the same file. */
  waitMs: number;
  /** Whether to renew again after this failure (a wrong code typed on a terminal). */
  again?: (error: AppError, attempt: number) => boolean;
  now: () => Date;
} & Pick<RenewProfileRequest, 'profile' | 'code' | 'endpointUrl' | 'region' | 'debug'>;

/** Renews PROFILE's session unless another process did while this one waited, then hands it out. */
export async function renewOnDemand(
  env: NodeJS.ProcessEnv,
  request: OnDemandRequest,
): Promise<Result<OnDemandCredentials>> {
  // The file read again under the lock (reread) reports a broken one; its path is all needed here.
  const file = awsPaths(env).credentialsFile;
  const before = await fileText(file);
  const lock = await takeRenewLock(file, request.waitMs);
  if (!lock.ok) return lock;
  try {
    const fresh = await reread(env, request);
    if (fresh) return fresh;
    // The process waited for renewed nothing (it failed, or its user gave up): no second prompt.
    if (lock.value.waited && (await fileText(file)) === before) {
      return fail(
        'renewal-failed-elsewhere',
        `Another mfa-tui process was renewing ${request.profile} and did not: no code was asked for here.`,
        `Run the client again, or renew it: mfa-tui renew ${request.profile}`,
      );
    }
    // The fields named, so the waiting's own (marginSeconds, waitMs, again) never reach the renewal.
    const {profile, code, endpointUrl, region, debug} = request;
    for (let attempt = 1; ; attempt++) {
      // A client waits on this path: no IAM call beyond the one that makes its session.
      const now = request.now();
      const renewal = {profile, code, endpointUrl, region, debug, now, keyDate: false};
      const renewed = await renewProfile(env, renewal);
      if (renewed.ok) break;
      // STS issued a session the file would not take: the client still gets it, and hears why.
      if (renewed.unwritten) {
        const {expiration: expiresAt, ...keys} = renewed.unwritten.credentials;
        return ok({profile, ...keys, expiresAt, longTerm: false, unwritten: renewed.error});
      }
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
  const usable = creds.ok && sessionUsable(creds.value.expiresAt, now, request.marginSeconds);
  return usable ? creds : undefined;
}

const fileText = async (file: string) => {
  const {readFile} = await import('node:fs/promises');
  return readFile(file, 'utf8').catch(() => undefined);
};

/**
 * The lock every process renewing into `file` on demand takes. Not the file's own lock (the
 * renewal takes that one to write): this one spans the whole renewal, prompt included, so a second
 * process waits instead of asking for a second code. `waited`: another process held it first.
 */
async function takeRenewLock(
  file: string,
  waitMs: number,
): Promise<Result<{waited: boolean; release(): Promise<void>}>> {
  const {acquireLock} = await import('../store/lock.js');
  // Twice: a first try that finds a lock whose process is gone clears it, and is not a wait.
  for (let tries = 0; tries < 2; tries++) {
    const now = await acquireLock(`${file}.renew`, {timeoutMs: 0});
    if (now.ok) return ok({waited: false, release: now.value.release});
    if (now.error.code !== 'file-locked') return now;
  }
  const later = await acquireLock(`${file}.renew`, {timeoutMs: waitMs});
  return later.ok ? ok({waited: true, release: later.value.release}) : later;
}
