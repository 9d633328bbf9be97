// Writing what STS hands back: checked before a code is spent (a code works once, and a session
// that cannot be written is lost), then written. Both renewals prepare their write here, before
// they ask for a code, and commit it after STS answered.
import {fail, type AppError, type Result} from '../core/errors.js';
import {profileSectionKeys, removeKeys, setKeys, type IniDocument} from '../core/ini/index.js';
import {classify} from '../core/profiles.js';
import {sessionKeys} from '../core/renew-plan.js';
import type {SessionCredentials} from '../aws/sts.js';
import {editAwsFile} from '../store/aws-edit.js';
import {writeRoleCache} from '../store/role-cache.js';

/** The edit that puts a session into the target section, checked again on the file as it is then. */
function writeSession(
  target: string,
  session: SessionCredentials,
): (doc: IniDocument) => Result<IniDocument> {
  return (doc) => {
    // Re-checked at write time: the file may have changed since it was read.
    const current = profileSectionKeys(doc, 'credentials', target);
    const existing = Object.assign({}, ...current) as Record<string, string>;
    const kind = classify(existing, undefined);
    if (kind.keyId && !kind.hasToken && !kind.keyId.startsWith('ASIA')) {
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

/** A write checked and ready: `commit` puts STS's session into the target. */
export type SessionWrite = {commit(session: SessionCredentials): Promise<Result<unknown>>};

/**
 * Everything the write will check, checked now on the file as it is, before a code is spent. The
 * one place a renewal makes sure it can write: what it must hold until the commit belongs here.
 */
export async function prepareSessionWrite(
  file: string,
  target: string,
  now: Date,
  durationSeconds: number,
): Promise<Result<SessionWrite>> {
  const dryRun = await editAwsFile(
    file,
    'credentials',
    writeSession(target, standInSession(now, durationSeconds)),
    {dryRun: true},
  );
  if (!dryRun.ok) return unwritableTarget(target, dryRun.error);
  return {
    ok: true,
    value: {
      commit: (session) =>
        editAwsFile(file, 'credentials', writeSession(target, session), {
          // Keys of base64's letters read as the stand-ins did: no second check on an unchanged file.
          checkedOn: readsLikeStandIns(session) ? dryRun.value.before : undefined,
        }),
    },
  };
}

/** A role session's write into the AWS CLI's cache (its folder and file are made at the commit). */
export function prepareRoleCacheWrite(
  env: NodeJS.ProcessEnv,
  keyText: string,
): {commit(content: string): Promise<Result<string>>} {
  return {commit: (content) => writeRoleCache(env, keyText, content)};
}
