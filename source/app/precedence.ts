// The precedence input, built from the environment and the files as the clients would read them.
import {fail, ok, type Result} from '../core/errors.js';
import {
  resolveAwsCli,
  resolvePrecedence,
  type ClientResult,
  ssoTokenKeys,
  type PrecedenceInput,
  type PrecedenceResult,
} from '../core/precedence/index.js';
import {readAwsText, type AwsText} from '../store/aws-files.js';
import {awsPaths} from '../store/paths.js';
import {loadSettings} from '../store/settings.js';
import {readSsoTokens} from '../store/sso-cache.js';
import {precedenceLookups, runProcessLines} from './credential-process.js';

/** `runProcesses`: run every credential_process line (explicit only: a process may prompt or cost). */
export type PrecedenceOptions = {runProcesses?: boolean};

/** The expiry of each cached SSO token the config file refers to. */
export function ssoTokensFor(
  env: NodeJS.ProcessEnv,
  configText: string | null,
): Record<string, string> | undefined {
  return readSsoTokens(env, ssoTokenKeys(configText));
}

/** The two files' texts as the precedence input takes them (a missing file is null). */
export function precedenceTexts(state: {
  credentials: {exists: boolean; text: string};
  config: {exists: boolean; text: string};
}): {credentialsText: string | null; configText: string | null} {
  return {
    credentialsText: state.credentials.exists ? state.credentials.text : null,
    configText: state.config.exists ? state.config.text : null,
  };
}

/**
 * The AWS CLI v2's choice for the files as loaded: the profile `list` marks as the one in use,
 * or the reason the CLI would fail; undefined when the engine hit a bug (then nothing is marked).
 */
export function awsCliChoice(
  env: NodeJS.ProcessEnv,
  state: Parameters<typeof precedenceTexts>[0] & {
    credentials: {path: string; mode?: number};
    config: {path: string};
  },
  now: Date,
): ClientResult | undefined {
  const texts = precedenceTexts(state);
  try {
    return resolveAwsCli({
      env: awsEnv(env),
      ...texts,
      // The AWS CLI reads the files as botocore does: the other clients' views are not needed.
      ...precedenceLookups(texts, env, ['botocore']),
      credentialsPath: state.credentials.path,
      configPath: state.config.path,
      now,
      warnSeconds: 0,
    });
  } catch {
    return undefined;
  }
}

/** The precedence report, or the bug it hit as an error value. */
export function precedenceReport(input: PrecedenceInput): Result<PrecedenceResult> {
  try {
    return ok(resolvePrecedence(input));
  } catch (error) {
    return fail(
      'precedence-failed',
      `Could not work out the credential chains: ${(error as Error).message}.`,
      'Please report the bug, with `mfa-tui --version` and the shape of the files (never the keys).',
    );
  }
}

/** The part of the environment the clients read for credentials. */
export function awsEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('AWS_') || k === 'BOTO_CONFIG') out[k] = v;
  }
  return out;
}

/**
 * The precedence report for one read of the files (a missing file is absent for the clients, not
 * empty), judged by the settings' warning threshold.
 */
export async function precedenceOf(
  env: NodeJS.ProcessEnv,
  files: {credentials: AwsText; config: AwsText},
  request: {now: Date; warnSeconds: number; explicitProfile?: string} & PrecedenceOptions,
): Promise<Result<PrecedenceResult>> {
  const texts = precedenceTexts(files);
  return precedenceReport({
    env: awsEnv(env),
    ...texts,
    ...precedenceLookups(texts, env),
    ...(request.runProcesses ? {processRuns: await runProcessLines(texts, env)} : {}),
    credentialsMode: files.credentials.mode,
    credentialsPath: files.credentials.path,
    configPath: files.config.path,
    explicitProfile: request.explicitProfile,
    ssoTokens: ssoTokensFor(env, texts.configText),
    now: request.now,
    warnSeconds: request.warnSeconds,
  });
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
