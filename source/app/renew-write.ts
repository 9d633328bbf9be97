// Writing what STS hands back, proved before a code is spent: a code works once, and a session
// that cannot be written is lost. Both renewals check their write here before they send a code.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fail, ok, type AppError, type Result} from '../core/errors.js';
import {profileView, removeKeys, setKeys, type IniDocument} from '../core/ini/index.js';
import {keyPairClass} from '../core/profile-keys.js';
import {classify} from '../core/profiles.js';
import {sessionKeys} from '../core/renew-plan.js';
import type {SessionCredentials} from '../aws/sts.js';
import {editAwsFile} from '../store/aws-edit.js';
import {ioError} from '../store/write-errors.js';
import {roleCacheFile} from '../store/role-cache.js';

/** The edit that puts a session into the target section, checked again on the file as it is then. */
function writeSession(
  target: string,
  session: SessionCredentials,
): (doc: IniDocument) => Result<IniDocument> {
  return (doc) => {
    // Re-checked at write time: the file may have changed since it was read.
    const current = profileView(doc, 'credentials').get(target)?.keys;
    const existing = Object.assign({}, current) as Record<string, string>;
    const kind = classify(existing, undefined);
    if (kind.keyId && keyPairClass(kind.keyId, kind.hasToken) === 'long-term') {
      return fail(
        'target-is-long-term',
        `Profile ${target} now holds long-term keys; mfa-tui will not overwrite them.`,
        {flag: '--target'},
      );
    }
    const keys = sessionKeys(session, existing);
    const withKeys = setKeys(doc, target, keys.set);
    if (!withKeys.ok || keys.remove.length === 0) return withKeys;
    return removeKeys(withKeys.value, target, keys.remove);
  };
}

/** Keys shaped like STS's (same alphabets and lengths), for a dry run of the write. */
function standInSession(now: Date, durationSeconds: number): SessionCredentials {
  return {
    accessKeyId: 'ASIA' + 'X'.repeat(16),
    secretAccessKey: 'x'.repeat(40),
    sessionToken: 'IQoJb3JpZ2luX2Vj' + 'x'.repeat(400) + '==',
    expiration: new Date(now.getTime() + durationSeconds * 1000),
  };
}

/** Whether STS's keys hold only what the stand-ins' do in a value: letters, digits, + / =. */
function readsLikeStandIns(session: SessionCredentials): boolean {
  const plain = /^[A-Za-z0-9+/=]+$/;
  return [session.accessKeyId, session.secretAccessKey, session.sessionToken].every((v) =>
    plain.test(v),
  );
}

/** A dry run's refusal, said as what it is: nothing was sent, no code spent. */
export function unwritableTarget(target: string, error: AppError): Result<never> {
  if (error.code === 'target-is-long-term') return {ok: false, error};
  const message = `Cannot write the session into [${target}]: ${error.message}`;
  if (error.code === 'ini-write-refused') {
    return fail(error.code, message, {flag: '--target-name', before: 'No code was sent.'});
  }
  return fail(error.code, message, `No code was sent. ${error.fix}`);
}

/**
 * The write checked on the file as it is, before a code is spent: the one place a renewal makes
 * sure it can write, so what it must hold until the commit belongs here. Then, in this order:
 * `hold` takes the file's lock and proves the write (a file of its size made and removed in the
 * folder, the file opened for writing) before a code is sent, and lets go of the lock if the proof
 * fails; `commit` writes STS's session under that lock; `release` lets go (in a `finally`).
 */
export async function prepareSessionWrite(
  file: string,
  target: string,
  now: Date,
  durationSeconds: number,
  /** Writing again a session STS issued: a refusal does not say "no code was sent". */
  again = false,
) {
  const refused = (error: AppError) =>
    again ? {ok: false as const, error} : unwritableTarget(target, error);
  const dryRun = await editAwsFile(
    file,
    'credentials',
    writeSession(target, standInSession(now, durationSeconds)),
    {dryRun: true},
  );
  if (!dryRun.ok) return refused(dryRun.error);
  const {before, after} = dryRun.value;
  // The write keeps a backup of the file beside the new one: room for both.
  const bytes = Buffer.byteLength(before) + Buffer.byteLength(after);
  let held: {release(): Promise<void>} | undefined;
  return ok({
    async hold(): Promise<Result<void>> {
      const [{acquireLock}, {proveWritable}] = await Promise.all([
        import('../store/lock.js'),
        import('../store/safe-write.js'),
      ]);
      const lock = await acquireLock(dryRun.value.target);
      if (!lock.ok) return refused(lock.error);
      try {
        await proveWritable(dryRun.value.target, bytes);
      } catch (e) {
        await lock.value.release();
        const fix = `Check the permissions of ${file} and its folder.`;
        return refused(ioError('file-unwritable', file, e, fix).error);
      }
      held = lock.value;
      return ok(undefined);
    },
    commit: (session: SessionCredentials) =>
      editAwsFile(file, 'credentials', writeSession(target, session), {
        // Keys of base64's letters read as the stand-ins did: no second check on an unchanged file.
        checkedOn: readsLikeStandIns(session) ? before : undefined,
        lockHeld: held !== undefined,
      }),
    async release() {
      await held?.release();
      held = undefined;
    },
  });
}

/** Whether the AWS CLI's cache folder, when it is there already, takes the role session's file. */
export async function proveRoleCache(
  env: NodeJS.ProcessEnv,
  keyText: string,
): Promise<Result<void>> {
  const file = roleCacheFile(env, keyText);
  if (!existsSync(path.dirname(file))) return ok(undefined);
  const {proveWritable} = await import('../store/safe-write.js');
  try {
    await proveWritable(file, 4096);
    return ok(undefined);
  } catch (e) {
    const fix = `Check the permissions of ${path.dirname(file)}; no code was sent.`;
    return ioError('role-cache-unwritable', file, e, fix);
  }
}
