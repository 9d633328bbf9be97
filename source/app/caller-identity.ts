// Who AWS says we are (STS GetCallerIdentity) with exactly what the AWS CLI would use: one use case
// for `whoami` and the TUI's verify, so the two cannot disagree.
import {fail, ok, type Result} from '../core/errors.js';
import {last4, masked} from '../core/mask.js';
import {awsCliIdentity} from '../core/precedence/index.js';
import type {Endpoint} from '../aws/endpoint.js';
import type {StaticCredentials} from '../aws/sts.js';
import {ROLE_CACHE_EXPIRY_WINDOW_SECONDS, roleCacheKeyOf} from '../core/role-cache.js';
import {profileSettings} from '../store/aws-state.js';
import {readRoleCacheCredentials} from '../store/role-cache.js';
import {ssoTokenReader} from '../store/sso-cache.js';
import {callAws, endpointFor} from './aws-call.js';
import {runForCredentials} from './credential-process.js';
import {loadFiles, profilesOf} from './load.js';
import {precedenceOf} from './precedence.js';
import type {RenewProfileRequest} from './renew-types.js';
import {sessionCredentials} from './session-credentials.js';

/** `profile`: as if the AWS CLI were given --profile. */
type CallerIdentityRequest = Pick<RenewProfileRequest, 'endpointUrl' | 'region' | 'debug'> & {
  profile?: string;
  now: Date;
};

export type CallerIdentity = {arn: string; account: string; userId: string; using: string};

/** GetCallerIdentity signed with the credentials the AWS CLI v2 would pick, including its failures. */
export async function callerIdentity(
  env: NodeJS.ProcessEnv,
  request: CallerIdentityRequest,
): Promise<Result<CallerIdentity>> {
  // One read of the files (and of the SSO token cache) for the verdict and the keys signed with: a
  // renewal writing in between cannot make them disagree.
  const files = await loadFiles(env);
  if (!files.ok) return files;
  const {state, settings} = files.value;
  const ssoTokens = ssoTokenReader(env);
  const {now, profile: explicitProfile} = request;
  const judged = {now, warnSeconds: settings.warnSeconds, explicitProfile};
  const report = await precedenceOf(env, state, judged, ssoTokens);
  if (!report.ok) return report;
  const identity = awsCliIdentity(report.value);
  if (!identity.ok) return {ok: false, error: identity.error};
  const use = identity.use;
  if (use.from === 'env') {
    const credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken: (use.sessionTokenVar && env[use.sessionTokenVar]) || undefined,
    };
    const endpoint = endpointFor('sts', env, request, state, {});
    return signed(request, {credentials, using: 'environment'}, endpoint);
  }
  if (use.from !== 'profile') {
    return fail(
      'source-unsupported',
      `The AWS CLI would use ${identity.source} credentials, which mfa-tui cannot obtain itself.`,
      'Run `aws sts get-caller-identity` to check them.',
    );
  }
  const keys: Record<string, string | undefined> = profileSettings(state, use.profile);
  let found: Result<Signer>;
  if (identity.source === 'assume-role') {
    found = await cachedRoleSession(env, request, use.profile, keys);
  } else if (identity.source === 'custom-process') {
    found = await processSession(env, request, use.profile, keys.credential_process ?? '');
  } else {
    // The profile's own keys: the AWS CLI knows nothing of the session a long-term profile renews into.
    const loaded = await profilesOf(env, files.value, now, ssoTokens);
    const own = sessionCredentials(loaded, use.profile, now, {followTarget: false});
    if (!own.ok) return own;
    keys.region = own.value.region;
    found = ok({credentials: own.value, using: `profile ${use.profile}`});
  }
  if (!found.ok) return found;
  const endpoint = endpointFor('sts', env, request, state, keys);
  return signed(request, found.value, endpoint, use.profile);
}

/** The keys a call is signed with, and what they are (the key id is added to it). */
type Signer = {credentials: StaticCredentials; using: string};

/** A role profile's session from the AWS CLI's cache: verifying never assumes the role itself. */
async function cachedRoleSession(
  env: NodeJS.ProcessEnv,
  request: CallerIdentityRequest,
  profile: string,
  keys: Record<string, string | undefined>,
): Promise<Result<Signer>> {
  const keyText = roleCacheKeyOf(keys);
  const cached = keyText ? await readRoleCacheCredentials(env, keyText, request.now) : undefined;
  request.debug?.(
    `role ${keys.role_arn ?? ''}: AWS CLI cache ${cached?.file ?? '(no key)'} ${cached?.credentials ? `key=${masked(cached.credentials.accessKeyId)}` : 'has no usable session'}`,
  );
  if (!cached?.credentials) {
    return fail(
      'role-session-missing',
      `The AWS CLI would assume ${keys.role_arn ?? 'the role'} for profile ${profile}, and its cache holds no session with more than ${ROLE_CACHE_EXPIRY_WINDOW_SECONDS / 60} minutes left.`,
      `Renew the role session: mfa-tui renew ${profile} (or run \`aws sts get-caller-identity --profile ${profile}\`).`,
    );
  }
  const using = `profile ${profile}: role session from the AWS CLI cache`;
  return ok({credentials: cached.credentials, using});
}

/** A credential_process profile: verifying it runs the process, as the AWS CLI would. */
async function processSession(
  env: NodeJS.ProcessEnv,
  request: CallerIdentityRequest,
  profile: string,
  line: string,
): Promise<Result<Signer>> {
  request.debug?.(`credential_process of profile ${profile}: runs ${line}`);
  const run = await runForCredentials(line, env);
  if (!run.ok) {
    return fail(
      'credentials-broken',
      `The credential_process of profile ${profile} failed: ${run.message}`,
      `Run it yourself to see why: ${line}`,
    );
  }
  return ok({credentials: run.credentials, using: `profile ${profile}: credential_process`});
}

/** GetCallerIdentity at the endpoint the signing profile (or, without one, the environment) names. */
async function signed(
  request: CallerIdentityRequest,
  {credentials, using}: Signer,
  endpoint: Endpoint,
  profile?: string,
): Promise<Result<CallerIdentity>> {
  // Only the keys reach the SDK: the fields beside them are ours.
  const {accessKeyId, secretAccessKey, sessionToken} = credentials;
  const keys = {accessKeyId, secretAccessKey, sessionToken};
  const {getCallerIdentity} = await import('../aws/sts.js');
  const id = await callAws(
    {
      operation: 'GetCallerIdentity',
      profile,
      accessKeyIdLast4: last4(accessKeyId),
      endpoint,
      said: `key=${masked(accessKeyId)}`,
    },
    () => getCallerIdentity(keys, endpoint),
    request.debug,
  );
  return id.ok ? ok({...id.value, using: `${using} (key ${masked(accessKeyId)})`}) : id;
}
