// `mfa-tui precedence [--profile P] [--json]`: which identity each AWS client would use, and why.
import {createHash} from 'node:crypto';
import {readFileSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {
  formatPrecedenceText,
  precedenceJson,
  resolvePrecedence,
  ssoTokenKeys,
  type PrecedenceInput,
  type PrecedenceResult,
} from '../core/precedence/index.js';
import {awsPaths} from '../store/paths.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

/** Warning threshold for "expiring" until settings provide one. */
export const DEFAULT_WARN_SECONDS = 15 * 60;

const usage = `Usage: mfa-tui precedence [--profile P] [--json]

For the current environment and the two AWS files, shows which credentials the AWS CLI v2,
boto3 / AWS CLI v1, the JS SDK v3 and the Go SDK v2 would use, each client's full chain, and
every conflict with its fix.

Options:
  --profile P   as if the profile were given explicitly (aws --profile P, profile_name=P, ...)
  --json        {clients:[{client, winner, chain}], conflicts:[{id, severity, message, fix}]}
  --help        this text
`;

type FileRead = {text: string | null; mode?: number};

function readAwsFile(file: string): FileRead {
  try {
    const text = readFileSync(file, 'utf8');
    return {text, mode: statSync(file).mode};
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return {text: null};
    throw Object.assign(err, {path: file});
  }
}

/** Expiry of each cached SSO token the config refers to, from ~/.aws/sso/cache/<sha1>.json. */
export function readSsoTokens(
  env: NodeJS.ProcessEnv,
  configText: string | null,
): Record<string, string> | undefined {
  const keys = ssoTokenKeys(configText);
  if (keys.length === 0) return undefined;
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const tokens: Record<string, string> = {};
  for (const key of keys) {
    const file = path.join(
      home,
      '.aws',
      'sso',
      'cache',
      `${createHash('sha1').update(key).digest('hex')}.json`,
    );
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as {expiresAt?: unknown};
      if (typeof parsed.expiresAt === 'string') tokens[key] = parsed.expiresAt;
    } catch {
      // No token (or an unreadable one) means "not logged in", as the SDKs see it.
    }
  }
  return tokens;
}

/** Reads the environment and the files the way the clients would, and resolves precedence. */
export function precedenceFromDisk(
  env: NodeJS.ProcessEnv,
  now: Date,
  explicitProfile?: string,
  warnSeconds = DEFAULT_WARN_SECONDS,
): PrecedenceResult {
  const paths = awsPaths(env);
  const credentials = readAwsFile(paths.credentialsFile);
  const config = readAwsFile(paths.configFile);
  const snapshotEnv: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('AWS_') || k === 'BOTO_CONFIG') snapshotEnv[k] = v;
  }
  const input: PrecedenceInput = {
    env: snapshotEnv,
    credentialsText: credentials.text,
    configText: config.text,
    credentialsMode: credentials.mode,
    credentialsPath: paths.credentialsFile,
    configPath: paths.configFile,
    explicitProfile,
    ssoTokens: readSsoTokens(env, config.text),
    now,
    warnSeconds,
  };
  return resolvePrecedence(input);
}

/** `mfa-tui precedence`: exit 0 with the report, 1 when a file cannot be read, 2 on bad flags. */
export async function run(ctx: CommandContext): Promise<ExitCode> {
  let values: {profile?: string; json?: boolean; help?: boolean};
  try {
    ({values} = parseArgs({
      args: ctx.argv,
      options: {
        profile: {type: 'string'},
        json: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (e) {
    ctx.stderr.write(`mfa-tui precedence: ${(e as Error).message}\n\n${usage}`);
    return exit.usage;
  }
  if (values.help) {
    ctx.stdout.write(usage);
    return exit.ok;
  }
  const now = ctx.now();
  let result: PrecedenceResult;
  try {
    result = precedenceFromDisk(ctx.env, now, values.profile);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    printError(ctx, {
      code: 'file-unreadable',
      message: `Cannot read ${err.path ?? 'an AWS file'}: ${err.code ?? err.message}`,
      fix: 'Check the file’s permissions (it should be readable by you, mode 600).',
    });
    return exit.failure;
  }
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify(precedenceJson(result), null, 2)}\n`);
  } else {
    ctx.stdout.write(formatPrecedenceText(result, {now, warnSeconds: DEFAULT_WARN_SECONDS}));
  }
  return exit.ok;
}
