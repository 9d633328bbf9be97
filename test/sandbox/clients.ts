// The two real clients the sandbox must satisfy, behind one shape so every case runs with both:
// @aws-sdk/client-sts in-process over HTTP, and Debian's AWS CLI v2 as a process.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import {runAws} from '../helpers/aws-cli.js';
import {cleanEnv} from '../helpers/env.js';
import type {SandboxUser} from '../../source/sandbox/state.js';

export type Creds = {accessKeyId: string; secretAccessKey: string; sessionToken?: string};
/** A sandbox user's long-term keys, as a client signs with them. */
export const keys = (u: SandboxUser): Creds => ({
  accessKeyId: u.accessKeyId!,
  secretAccessKey: u.secretAccessKey!,
});
export type IssuedCreds = Required<Creds> & {expiration: Date};
export type Failure = {
  ok: false;
  code: string;
  message: string;
  /** HTTP status (SDK) or process exit code (CLI). */
  status?: number;
  stderr?: string;
};
export type Outcome<T> = {ok: true; value: T} | Failure;

export type GetSessionTokenInput = {
  DurationSeconds?: number;
  SerialNumber?: string;
  TokenCode?: string;
};
export type AssumeRoleInput = GetSessionTokenInput & {RoleArn: string; RoleSessionName: string};
export type Identity = {Arn: string; UserId: string; Account: string};
export type AssumedRole = {credentials: IssuedCreds; arn: string; assumedRoleId: string};

export type StsDriver = {
  name: 'sdk' | 'cli';
  getSessionToken(
    endpoint: string,
    creds: Creds,
    input: GetSessionTokenInput,
  ): Promise<Outcome<IssuedCreds>>;
  assumeRole(endpoint: string, creds: Creds, input: AssumeRoleInput): Promise<Outcome<AssumedRole>>;
  getCallerIdentity(endpoint: string, creds: Creds): Promise<Outcome<Identity>>;
};

type WireCreds = {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
  Expiration?: Date | string;
};

const issued = (c: WireCreds | undefined): IssuedCreds => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
  expiration: new Date(c!.Expiration!),
});

async function sdkCall<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return {ok: true, value: await run()};
  } catch (error) {
    const e = error as Error & {$metadata?: {httpStatusCode?: number}};
    return {ok: false, code: e.name, message: e.message, status: e.$metadata?.httpStatusCode};
  }
}

export const sdkDriver: StsDriver = {
  name: 'sdk',
  getSessionToken: (endpoint, creds, input) =>
    sdkCall(async () =>
      issued((await client(endpoint, creds).send(new GetSessionTokenCommand(input))).Credentials),
    ),
  assumeRole: (endpoint, creds, input) =>
    sdkCall(async () => {
      const out = await client(endpoint, creds).send(new AssumeRoleCommand(input));
      return {
        credentials: issued(out.Credentials),
        arn: out.AssumedRoleUser!.Arn!,
        assumedRoleId: out.AssumedRoleUser!.AssumedRoleId!,
      };
    }),
  getCallerIdentity: (endpoint, creds) =>
    sdkCall(async () => {
      const out = await client(endpoint, creds).send(new GetCallerIdentityCommand({}));
      return {Arn: out.Arn!, UserId: out.UserId!, Account: out.Account!};
    }),
};

export function client(endpoint: string, creds: Creds): STSClient {
  return new STSClient({endpoint, region: 'us-east-1', credentials: creds});
}

/** What the CLI prints for a service error. */
export const cliErrorLine =
  /^An error occurred \(([^)]+)\) when calling the (\w+) operation: (.*)$/m;

/** Runs `/usr/bin/aws sts …` with a throw-away HOME whose credentials file holds `creds`. */
export const runAwsSts = (endpoint: string, creds: Creds, args: string[]) =>
  runAwsWith(endpoint, creds, ['sts', ...args]);

/** Runs `/usr/bin/aws ARGS` against the sandbox with a throw-away HOME whose credentials file holds `creds`. */
export async function runAwsWith(
  endpoint: string,
  creds: Creds,
  args: string[],
): Promise<{code: number | null; stdout: string; stderr: string}> {
  const home = mkdtempSync(path.join(tmpdir(), 'mfa-tui-cli-'));
  try {
    const credentialsFile = path.join(home, 'credentials');
    writeFileSync(
      credentialsFile,
      [
        '[default]',
        `aws_access_key_id = ${creds.accessKeyId}`,
        `aws_secret_access_key = ${creds.secretAccessKey}`,
        ...(creds.sessionToken ? [`aws_session_token = ${creds.sessionToken}`] : []),
        '',
      ].join('\n'),
      {mode: 0o600},
    );
    const configFile = path.join(home, 'config');
    writeFileSync(configFile, '');
    const env = {
      ...cleanEnv(),
      HOME: home,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: configFile,
    };
    return await runAws(
      [...args, '--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json'],
      env,
    );
  } finally {
    rmSync(home, {recursive: true, force: true});
  }
}

async function cliCall<T>(
  endpoint: string,
  creds: Creds,
  args: string[],
  parse: (json: any) => T,
): Promise<Outcome<T>> {
  const result = await runAwsSts(endpoint, creds, args);
  if (result.code === 0) return {ok: true, value: parse(JSON.parse(result.stdout))};
  const line = cliErrorLine.exec(result.stderr);
  return {
    ok: false,
    code: line ? line[1] : result.code === 252 ? 'ParamValidation' : 'Unknown',
    message: line ? line[3] : result.stderr.trim(),
    status: result.code ?? undefined,
    stderr: result.stderr,
  };
}

const flags = (input: GetSessionTokenInput & Partial<AssumeRoleInput>): string[] => [
  ...(input.RoleArn ? ['--role-arn', input.RoleArn] : []),
  ...(input.RoleSessionName ? ['--role-session-name', input.RoleSessionName] : []),
  ...(input.DurationSeconds !== undefined
    ? ['--duration-seconds', String(input.DurationSeconds)]
    : []),
  ...(input.SerialNumber ? ['--serial-number', input.SerialNumber] : []),
  ...(input.TokenCode ? ['--token-code', input.TokenCode] : []),
];

export const cliDriver: StsDriver = {
  name: 'cli',
  getSessionToken: (endpoint, creds, input) =>
    cliCall(endpoint, creds, ['get-session-token', ...flags(input)], (j) => issued(j.Credentials)),
  assumeRole: (endpoint, creds, input) =>
    cliCall(endpoint, creds, ['assume-role', ...flags(input)], (j) => ({
      credentials: issued(j.Credentials),
      arn: j.AssumedRoleUser.Arn,
      assumedRoleId: j.AssumedRoleUser.AssumedRoleId,
    })),
  getCallerIdentity: (endpoint, creds) =>
    cliCall(endpoint, creds, ['get-caller-identity'], (j) => j as Identity),
};
