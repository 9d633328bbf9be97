// `mfa-tui precedence [--profile P] [--json]`: which identity each AWS client would use, and why.
import {fail, ok, type Result} from '../core/errors.js';
import {
  formatPrecedenceText,
  precedenceJson,
  resolvePrecedence,
  ssoTokenKeys,
  type PrecedenceInput,
  type PrecedenceResult,
} from '../core/precedence/index.js';
import {readAwsText} from '../store/aws-files.js';
import {awsPaths} from '../store/paths.js';
import {loadSettings} from '../store/settings.js';
import {readSsoTokens} from '../store/sso-cache.js';
import {parseCommandArgs} from './args.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

const usage = `Usage: mfa-tui precedence [--profile P] [--json]

For the current environment and the two AWS files, shows which credentials the AWS CLI v2,
boto3 / AWS CLI v1, the JS SDK v3 and the Go SDK v2 would use, each client's full chain, and
every conflict with its fix.

Options:
  --profile P   as if the profile were given explicitly (aws --profile P, profile_name=P, ...)
  --json        {clients:[{client, winner, chain}], conflicts:[{id, severity, message, fix}]}
  --help        this text`;

/**
 * Reads the environment and the files the way the clients would (a missing file is absent for
 * them, not empty), and resolves precedence; an unreadable file is an error value.
 */
export async function precedenceFromDisk(
  env: NodeJS.ProcessEnv,
  now: Date,
  explicitProfile?: string,
  warnSeconds?: number,
): Promise<Result<PrecedenceResult>> {
  const paths = awsPaths(env);
  const [credentials, config] = await Promise.all([
    readAwsText(paths.credentialsFile),
    readAwsText(paths.configFile),
  ]);
  if (!credentials.ok) return credentials;
  if (!config.ok) return config;
  let warn = warnSeconds;
  if (warn === undefined) {
    const settings = loadSettings(env);
    if (!settings.ok) return settings;
    warn = settings.value.warnSeconds;
  }
  const configText = config.value.exists ? config.value.text : null;
  const snapshotEnv: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('AWS_') || k === 'BOTO_CONFIG') snapshotEnv[k] = v;
  }
  const input: PrecedenceInput = {
    env: snapshotEnv,
    credentialsText: credentials.value.exists ? credentials.value.text : null,
    configText,
    credentialsMode: credentials.value.mode,
    credentialsPath: paths.credentialsFile,
    configPath: paths.configFile,
    explicitProfile,
    ssoTokens: readSsoTokens(env, ssoTokenKeys(configText)),
    now,
    warnSeconds: warn,
  };
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

/** `mfa-tui precedence`: exit 0 with the report, 1 when a file cannot be read, 2 on bad flags. */
export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, {profile: {type: 'string'}, json: {type: 'boolean'}}, usage, {
    min: 0,
    max: 0,
  });
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const settings = loadSettings(ctx.env);
  if (!settings.ok) {
    printError(ctx, settings.error);
    return exit.failure;
  }
  const now = ctx.now();
  const {warnSeconds} = settings.value;
  const result = await precedenceFromDisk(ctx.env, now, args.values.profile, warnSeconds);
  if (!result.ok) {
    printError(ctx, result.error);
    return exit.failure;
  }
  if (args.values.json) {
    ctx.stdout.write(`${JSON.stringify(precedenceJson(result.value), null, 2)}\n`);
  } else {
    ctx.stdout.write(formatPrecedenceText(result.value, {now, warnSeconds}));
  }
  return exit.ok;
}
