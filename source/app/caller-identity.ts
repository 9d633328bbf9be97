// Who AWS says we are (STS GetCallerIdentity) with exactly what the AWS CLI would use: one use case
// for `whoami` and the TUI's verify, so the two cannot disagree.
import {fail, ok, type Result} from '../core/errors.js';
import {last4, masked} from '../core/mask.js';
import {awsCliIdentity} from '../core/precedence/index.js';
import type {StaticCredentials} from '../aws/sts.js';
import type {Endpoint} from '../aws/endpoint.js';
import {ROLE_CACHE_EXPIRY_WINDOW_SECONDS, roleCacheKeyOf} from '../core/role-cache.js';
import {profileSettings} from '../store/aws-state.js';
import {readRoleCacheCredentials} from '../store/role-cache.js';
import {ssoTokenReader} from '../store/sso-cache.js';
import {callAws, type Debug} from './aws-call.js';
import {runForCredentials} from './credential-process.js';
import {loadFiles, profilesOf} from './load.js';
import {precedenceOf} from './precedence.js';
import {stsEndpointFor} from './renew-inputs.js';
import {sessionCredentials} from './session-credentials.js';

export type CallerIdentityRequest = {
  /** As if the AWS CLI were given --profile. */
  profile?: string;
  endpointUrl?: string;
  region?: string;
  now: Date;
  debug?: Debug;
};

export type CallerIdentity = {arn: string; account: string; userId: string; using: string};

/** GetCallerIdentity signed with the credentials the AWS CLI v2 would pick, including its failures. */
export async function callerIdentity(
  env: NodeJS.ProcessEnv,
  request: CallerIdentityRequest,
): Promise<Result<CallerIdentity>> {
  // One read of the files for the verdict and the keys signed with: a renewal writing in between
  // cannot make them disagree.
  const files = await loadFiles(env);
  if (!files.ok) return files;
  // One reader of the SSO token cache too, for the same reason.
  const ssoTokens = ssoTokenReader(env);
  const report = await precedenceOf(
    env,
    files.value.state,
    {
      now: request.now,
      warnSeconds: files.value.settings.warnSeconds,
      explicitProfile: request.profile,
    },
    ssoTokens,
  );
  if (!report.ok) return report;
  const identity = awsCliIdentity(report.value);
  if (!identity.ok) return {ok: false, error: identity.error};
  const use = identity.use;
  if (use.from === 'env') {
    const accessKeyId = env.AWS_ACCESS_KEY_ID ?? '';
    const sessionToken = (use.sessionTokenVar && env[use.sessionTokenVar]) || undefined;
    const credentials = {
      accessKeyId,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken,
    };
    const endpoint = stsEndpointFor(env, request, files.value.state, {});
    return signed(request, credentials, `environment (key ${masked(accessKeyId)})`, endpoint);
  }
  if (use.from !== 'profile') {
    return fail(
      'source-unsupported',
      `The AWS CLI would use ${identity.source} credentials, which mfa-tui cannot obtain itself.`,
      'Run `aws sts get-caller-identity` to check them.',
    );
  }
  const state = files.value.state;
  const keys: Record<string, string | undefined> = profileSettings(state, use.profile);
  let found: Result<{credentials: StaticCredentials; using: string}>;
  if (identity.source === 'assume-role') {
    found = await cachedRoleSession(env, request, use.profile, keys);
  } else if (identity.source === 'custom-process') {
    found = await processSession(env, request, use.profile, keys.credential_process ?? '');
  } else {
    // The profile's own keys: the AWS CLI knows nothing of the session a long-term profile renews into.
    const loaded = await profilesOf(env, files.value, request.now, ssoTokens);
    const own = sessionCredentials(loaded, use.profile, request.now, {followTarget: false});
    if (!own.ok) return own;
    const {accessKeyId, secretAccessKey, sessionToken, region} = own.value;
    keys.region = region;
    found = ok({
      credentials: {accessKeyId, secretAccessKey, sessionToken},
      using: `profile ${use.profile} (key ${masked(accessKeyId)})`,
    });
  }
  if (!found.ok) return found;
  const endpoint = stsEndpointFor(env, request, state, keys);
  return signed(request, found.value.credentials, found.value.using, endpoint, use.profile);
}

/**
 * A role profile's session as the AWS CLI finds it in its cache (~/.aws/cli/cache); mfa-tui does
 * not assume the role itself here, so a missing or nearly expired session is refused with the fix.
 */
async function cachedRoleSession(
  env: NodeJS.ProcessEnv,
  request: CallerIdentityRequest,
  profile: string,
  keys: Record<string, string | undefined>,
): Promise<Result<{credentials: StaticCredentials; using: string}>> {
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
  const {accessKeyId, secretAccessKey, sessionToken} = cached.credentials;
  return ok({
    credentials: {accessKeyId, secretAccessKey, sessionToken},
    using: `profile ${profile}: role session from the AWS CLI cache (key ${masked(accessKeyId)})`,
  });
}

/** A credential_process profile: verifying it runs the process, as the AWS CLI would. */
async function processSession(
  env: NodeJS.ProcessEnv,
  request: CallerIdentityRequest,
  profile: string,
  line: string,
): Promise<Result<{credentials: StaticCredentials; using: string}>> {
  request.debug?.(`credential_process of profile ${profile}: runs ${line}`);
  const run = await runForCredentials(line, env);
  if (!run.ok) {
    return fail(
      'credentials-broken',
      `The credential_process of profile ${profile} failed: ${run.message}`,
      `Run it yourself to see why: ${line}`,
    );
  }
  const {accessKeyId, secretAccessKey, sessionToken} = run.credentials;
  return ok({
    credentials: {accessKeyId, secretAccessKey, sessionToken},
    using: `profile ${profile}: credential_process (key ${masked(accessKeyId)})`,
  });
}

/** GetCallerIdentity at the endpoint the signing profile (or, without one, the environment) names. */
async function signed(
  request: CallerIdentityRequest,
  credentials: StaticCredentials,
  using: string,
  endpoint: Endpoint,
  profile?: string,
): Promise<Result<CallerIdentity>> {
  const keyLast4 = last4(credentials.accessKeyId);
  request.debug?.(
    `GetCallerIdentity → ${endpoint.url ?? 'AWS STS'} region=${endpoint.region} key=${masked(credentials.accessKeyId)}`,
  );
  const {getCallerIdentity} = await import('../aws/sts.js');
  const id = await callAws(
    {
      operation: 'GetCallerIdentity',
      profile,
      accessKeyIdLast4: keyLast4,
      endpointUrl: endpoint.url,
      region: endpoint.region,
    },
    () => getCallerIdentity(credentials, endpoint),
    request.debug,
  );
  return id.ok ? ok({...id.value, using}) : id;
}
