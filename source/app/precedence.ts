// The precedence input, built from the environment and the files as the clients would read them.
import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';
import {ok, type Result} from '../core/errors.js';
import {
  botocoreChain,
  precedenceInputOf,
  precedenceTexts,
  resolveAwsCli,
  resolvePrecedence,
  resolveSafely,
  ssoTokenKeys,
  type ClientResult,
  type FileReader,
  type FileState,
  type PrecedenceFile,
  type PrecedenceResult,
} from '../core/precedence/index.js';
import {awsCliProfile} from '../core/precedence/profile-choice.js';
import {readAwsText} from '../store/aws-files.js';
import {awsPaths} from '../store/paths.js';
import {loadSettings} from '../store/settings.js';
import {ssoTokenReader, type SsoTokenReader} from '../store/sso-cache.js';
import {programStates, runProcessLines} from './credential-process.js';

/** `runProcesses`: run every credential_process line (explicit only: a process may prompt or cost). */
type PrecedenceOptions = {runProcesses?: boolean};

type Files = {credentials: PrecedenceFile; config: PrecedenceFile};

/** The precedence input's reads on disk for `readers` (default: all) and the `names` profiles
 * (default: all); `tokens`: the load's reader. */
export function precedenceReads(
  env: NodeJS.ProcessEnv,
  files: Files,
  tokens: SsoTokenReader,
  readers?: FileReader[],
  names?: ReadonlySet<string>,
) {
  const texts = precedenceTexts(files);
  return {
    ssoTokens: tokens(ssoTokenKeys(texts, readers, names)),
    programs: programStates(texts, env, readers, names),
    files: providerFiles(env),
  };
}

/** Whether each file a provider reads before its first call (the container's token file) can be read. */
function providerFiles(env: NodeJS.ProcessEnv): Record<string, FileState> {
  const file = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  if (!file) return {};
  const full = path.resolve(file);
  let state: FileState = 'found';
  try {
    accessSync(full, constants.R_OK);
    if (statSync(full).isDirectory()) state = 'unreadable';
  } catch (error) {
    state = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'unreadable';
  }
  return {[file]: state};
}

/** The AWS CLI v2's choice (the profile `list` marks in use, or why it fails); undefined on a bug. */
export function awsCliChoice(
  env: NodeJS.ProcessEnv,
  loaded: {state: Files; ssoTokens: SsoTokenReader},
  now: Date,
): ClientResult | undefined {
  // The AWS CLI reads the files as botocore does, and only its profile's source_profile chain.
  const chain = botocoreChain(precedenceTexts(loaded.state), awsCliProfile(env).name);
  const reads = precedenceReads(env, loaded.state, loaded.ssoTokens, ['botocore'], chain);
  const input = precedenceInputOf(loaded.state, {env, ...reads, now, warnSeconds: 0});
  const cli = resolveSafely(resolveAwsCli, input);
  return cli.ok ? cli.value : undefined;
}

/** The precedence report for one read of the files (a missing file is absent, not empty). */
export async function precedenceOf(
  env: NodeJS.ProcessEnv,
  files: Files,
  request: {now: Date; warnSeconds: number; explicitProfile?: string} & PrecedenceOptions,
  ssoTokens: SsoTokenReader = ssoTokenReader(env),
): Promise<Result<PrecedenceResult>> {
  const {runProcesses, ...rest} = request;
  const runs = runProcesses
    ? {processRuns: await runProcessLines(precedenceTexts(files), env)}
    : {};
  const reads = precedenceReads(env, files, ssoTokens);
  return resolveSafely(
    resolvePrecedence,
    precedenceInputOf(files, {env, ...reads, ...runs, ...rest}),
  );
}

/** Reads the settings and the files as the clients would and resolves precedence; an unreadable file is an error value. */
export async function precedenceFromDisk(
  env: NodeJS.ProcessEnv,
  now: Date,
  explicitProfile?: string,
  options: PrecedenceOptions = {},
): Promise<Result<{report: PrecedenceResult; warnSeconds: number}>> {
  const paths = awsPaths(env);
  const [credentials, config, settings] = await Promise.all([
    readAwsText(paths.credentialsFile),
    readAwsText(paths.configFile),
    loadSettings(env),
  ]);
  if (!credentials.ok) return credentials;
  if (!config.ok) return config;
  if (!settings.ok) return settings;
  const {warnSeconds} = settings.value;
  const files = {credentials: credentials.value, config: config.value};
  const report = await precedenceOf(env, files, {...options, now, warnSeconds, explicitProfile});
  return report.ok ? ok({report: report.value, warnSeconds}) : report;
}
