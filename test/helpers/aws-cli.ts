import {existsSync} from 'node:fs';
import {runCommand, type RunResult} from './cli.js';

/** Debian's AWS CLI v2; an older v1 may shadow `aws` on PATH, so always call it by path. */
export const awsCliPath = '/usr/bin/aws';
export const hasAwsCli = existsSync(awsCliPath);

/** Why the AWS CLI tests cannot run, or undefined when they can. In CI a missing CLI is a failure, not a skip. */
export function awsCliMissingReason(): string | undefined {
  if (hasAwsCli) return undefined;
  const reason = `${awsCliPath} is missing (apt-get install -y awscli)`;
  if (process.env.CI) throw new Error(`CI requires the AWS CLI: ${reason}`);
  console.warn(`skipping AWS CLI tests: ${reason}`);
  return reason;
}

export function runAws(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<RunResult> {
  return runCommand(awsCliPath, args, {env: {...env, AWS_PAGER: ''}, timeoutMs});
}

/**
 * The real AWS CLI as `profile` against the sandbox, stdin empty (it could not answer an MFA
 * prompt), with the sandbox requests it made.
 */
export async function awsCallerIdentity<R>(
  profile: string,
  sandbox: {endpoint: string; requests: R[]},
  env: NodeJS.ProcessEnv,
): Promise<RunResult & {requests: R[]}> {
  const before = sandbox.requests.length;
  const r = await runAws(
    [
      '--profile',
      profile,
      'sts',
      'get-caller-identity',
      '--endpoint-url',
      sandbox.endpoint,
      '--output',
      'json',
    ],
    env,
  );
  return {...r, requests: sandbox.requests.slice(before)};
}
