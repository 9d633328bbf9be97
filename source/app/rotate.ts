// Rotating a long-term profile's access key with the MFA session it renews into: create the new
// key, prove it works, write it in place of the old one, then deactivate (and delete) the old one.
// Every failure leaves a working profile, and the outcome says where each key stands.
import {planInputsOf} from '../core/renew-plan.js';
import {fail, ok, type AppError, type Result} from '../core/errors.js';
import {last4, masked} from '../core/mask.js';
import {sessionUsable} from '../core/profiles.js';
import {setKeys} from '../core/ini/index.js';
import {planRotation} from '../core/rotate-plan.js';
import type {Endpoint} from '../aws/endpoint.js';
import type {CallContext} from '../aws/errors.js';
import type {ListedAccessKey} from '../aws/iam.js';
import {mayHaveActed} from '../aws/network-errors.js';
import type {StaticCredentials} from '../aws/sts.js';
import {callAws, endpointFor, type Debug} from './aws-call.js';
import {loadFiles, loadProfiles} from './load.js';
import {rememberListedKeys} from './key-dates.js';
import {renewProfile} from './renew.js';
import type {RenewProfileRequest} from './renew-types.js';
import {sessionCredentials} from './session-credentials.js';

type RotateRequest = Pick<
  RenewProfileRequest,
  'profile' | 'code' | 'endpointUrl' | 'iamEndpointUrl' | 'region' | 'now' | 'debug'
> & {
  /** Deactivate the old key but keep it (it can be made Active again in IAM). */
  keepOld?: boolean;
  /** How long the new key is tried before it counts as not working (IAM's keys take seconds). */
  settleMs?: number;
};

/** Where a key stands after a rotation (or its rollback). */
export type KeyStatus = 'Active' | 'Inactive' | 'deleted';

export type KeyReport = {
  profile: string;
  old: {accessKeyId: string; status: KeyStatus};
  new?: {accessKeyId: string; status: KeyStatus};
  /** Which of the two the long-term profile holds now. */
  inFile: 'old' | 'new';
};

export type RotateResult =
  {ok: true; value: KeyReport} | {ok: false; error: AppError; keys?: KeyReport};

/** The MFA session the profile renews into: the one held while usable, else a renewal's. */
async function mfaSession(
  env: NodeJS.ProcessEnv,
  request: RotateRequest,
  target: string,
  now: Date,
): Promise<Result<StaticCredentials>> {
  const held = async () => {
    const loaded = await loadProfiles(env, now);
    if (!loaded.ok) return loaded;
    const p = loaded.value.profiles.find((x) => x.name === target);
    const fresh = p?.kind === 'session' && sessionUsable(p.expiresAt, now);
    return fresh ? sessionCredentials(loaded.value, target, now, {followTarget: false}) : undefined;
  };
  const before = await held();
  if (before) return before;
  // The fields named, so the rotation's own (keepOld, settleMs) never reach the renewal. The
  // rotation lists the user's keys itself (and remembers their dates): no second call.
  const {profile, code, endpointUrl, iamEndpointUrl, region, debug} = request;
  const renewal = {profile, code, endpointUrl, iamEndpointUrl, region, debug, now, keyDate: false};
  const renewed = await renewProfile(env, renewal);
  if (!renewed.ok) return renewed;
  return (
    (await held()) ??
    fail('session-expired', `No MFA session in ${target} after renewing.`, 'Renew it again.')
  );
}

/** GetCallerIdentity with the new key until it answers or the time is up. */
async function proveKey(
  key: StaticCredentials,
  sts: Endpoint,
  settleMs: number,
  debug?: Debug,
): Promise<Result<unknown>> {
  const {getCallerIdentity} = await import('../aws/sts.js');
  const deadline = Date.now() + settleMs;
  const context = {
    operation: 'GetCallerIdentity' as const,
    accessKeyIdLast4: last4(key.accessKeyId),
  };
  for (;;) {
    const who = await callAws(context, () => getCallerIdentity(key, sts), debug);
    if (who.ok || Date.now() >= deadline) return who;
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, settleMs)));
  }
}

/** A step's failure, in its own code, with the cause's words and where the keys stand. */
const stepFailed = (
  code: AppError['code'],
  step: string,
  cause: AppError,
  keys?: KeyReport,
): RotateResult => ({
  ok: false,
  error: {code, message: `${step}: ${cause.message}`, fix: cause.fix},
  keys,
});

/** Rotates the access key of a long-term profile (see the file comment). */
export async function rotateProfile(
  env: NodeJS.ProcessEnv,
  request: RotateRequest,
): Promise<RotateResult> {
  const now = request.now ?? new Date();
  const files = await loadFiles(env);
  if (!files.ok) return files;
  const {state, settings} = files.value;
  const path = state.credentials.path;
  const parties = planRotation(request.profile, planInputsOf(state, settings), path);
  if (!parties.ok) return parties;
  const {source, target, credentials: oldKey, sourceKeys} = parties.value;
  const session = await mfaSession(env, request, target, now);
  if (!session.ok) return session;
  const sts = endpointFor('sts', env, request, state, sourceKeys);
  const iam = endpointFor('iam', env, request, state, sourceKeys);
  return rotateWith({env, request, source, oldKey, session: session.value, sts, iam, path});
}

type Rotation = {
  env: NodeJS.ProcessEnv;
  request: RotateRequest;
  source: string;
  oldKey: StaticCredentials;
  session: StaticCredentials;
  sts: Endpoint;
  iam: Endpoint;
  path: string;
};

/** The IAM calls of a rotation, signed with the MFA session, each failure mapped once. */
async function iamCalls(r: Rotation) {
  const aws = await import('../aws/iam.js');
  const {session, iam} = r;
  const call = <T>(operation: CallContext['operation'], f: () => Promise<T>) =>
    callAws({operation, profile: r.source, endpoint: iam}, f, r.request.debug);
  return {
    list: () => call('ListAccessKeys', () => aws.listAccessKeys(session, iam)),
    create: () => call('CreateAccessKey', () => aws.createAccessKey(session, iam)),
    deactivate: (id: string) =>
      call('UpdateAccessKey', () => aws.updateAccessKey(session, iam, id, 'Inactive')),
    remove: (id: string) => call('DeleteAccessKey', () => aws.deleteAccessKey(session, iam, id)),
  };
}

type IamCalls = Awaited<ReturnType<typeof iamCalls>>;

/** The IAM calls and the write, in the order that keeps a working key in the file throughout. */
async function rotateWith(r: Rotation): Promise<RotateResult> {
  const iam = await iamCalls(r);
  const {source, request} = r;
  const listed = await iam.list();
  if (!listed.ok) return listed;
  await rememberListedKeys(r.env, listed.value);
  if (listed.value.length >= 2) {
    const named = listed.value.map((k) => `${k.accessKeyId} (${k.status})`).join(' and ');
    return fail(
      'rotate-two-keys',
      `The IAM user of ${source} already has two access keys, IAM's limit: ${named}. Nothing was changed.`,
      'Delete the one no longer in use (aws iam delete-access-key --access-key-id ID), then rotate again.',
    );
  }
  const keys: KeyReport = {
    profile: source,
    old: {accessKeyId: r.oldKey.accessKeyId, status: 'Active'},
    inFile: 'old',
  };
  const {created, unsure} = await createKey(iam, listed.value, keys);
  if (!created.ok) {
    if (unsure) {
      // IAM may hold a key nobody has the secret of: the next rotation would meet IAM's limit.
      const fix = `List the user's keys (aws iam list-access-keys) and delete any but ${masked(keys.old.accessKeyId)} (aws iam delete-access-key --access-key-id ID), then rotate again.`;
      const cause = {...created.error, fix};
      const step = 'IAM may have made a new key whose answer was lost, and it could not be found';
      return stepFailed('rotate-create-failed', step, cause, keys);
    }
    const step = keys.new
      ? 'The new key IAM made could not be used'
      : 'IAM did not create a new key';
    return stepFailed('rotate-create-failed', step, created.error, keys);
  }
  const {accessKeyId, secretAccessKey} = created.value;
  const newKey = {accessKeyId, secretAccessKey};
  keys.new = {accessKeyId: newKey.accessKeyId, status: 'Active'};
  const undo = async () => {
    const gone = await iam.remove(newKey.accessKeyId);
    if (gone.ok) keys.new!.status = 'deleted';
  };
  const works = await proveKey(newKey, r.sts, request.settleMs ?? 20_000, request.debug);
  if (!works.ok) {
    await undo();
    return stepFailed('rotate-new-key-unusable', 'The new key did not work', works.error, keys);
  }
  const {editAwsFile} = await import('../store/aws-edit.js');
  const written = await editAwsFile(r.path, 'credentials', (doc) =>
    setKeys(doc, source, {
      aws_access_key_id: newKey.accessKeyId,
      aws_secret_access_key: newKey.secretAccessKey,
    }),
  );
  if (!written.ok) {
    await undo();
    return stepFailed('rotate-write-failed', 'The new key was not written', written.error, keys);
  }
  keys.inFile = 'new';
  const retired = await retireOld(r, keys, iam);
  const gone = keys.old.status === 'deleted' ? [keys.old.accessKeyId] : [];
  await rememberListedKeys(r.env, [created.value], gone);
  return retired;
}

/**
 * CreateAccessKey. When its answer was lost or could not be read, IAM may have made the key all
 * the same, and nobody holds its secret: a key listed now and not before is deleted. `unsure`:
 * such a key may exist, but the list failed or did not show it (IAM is eventually consistent).
 */
async function createKey(iam: IamCalls, before: ListedAccessKey[], keys: KeyReport) {
  const created = await iam.create();
  if (created.ok || !mayHaveActed(created.error.code)) return {created, unsure: false};
  const after = await iam.list();
  const known = new Set([keys.old.accessKeyId, ...before.map((k) => k.accessKeyId)]);
  for (const {accessKeyId} of after.ok ? after.value : []) {
    if (known.has(accessKeyId)) continue;
    keys.new = {accessKeyId, status: 'Active'};
    if ((await iam.remove(accessKeyId)).ok) keys.new.status = 'deleted';
  }
  return {created, unsure: !keys.new};
}

async function retireOld(r: Rotation, keys: KeyReport, iam: IamCalls): Promise<RotateResult> {
  const old = r.oldKey.accessKeyId;
  const off = await iam.deactivate(old);
  const step = 'The old key was not deactivated';
  if (!off.ok) return stepFailed('rotate-deactivate-failed', step, off.error, keys);
  keys.old.status = 'Inactive';
  if (r.request.keepOld) return ok(keys);
  const gone = await iam.remove(old);
  if (!gone.ok)
    return stepFailed('rotate-delete-failed', 'The old key was not deleted', gone.error, keys);
  keys.old.status = 'deleted';
  return ok(keys);
}
