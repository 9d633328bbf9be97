// The precedence input from one read of the files, and what the AWS CLI v2's result marks as active.
import {fail, ok, type Result} from '../errors.js';
import type {ClientResult, PrecedenceInput, WinnerCode} from './types.js';

/** One of the two files as read: its text, whether it exists, its path and permission bits. */
export type PrecedenceFile = {exists: boolean; text: string; path: string; mode?: number};

type Texts = Pick<PrecedenceInput, 'credentialsText' | 'configText'>;

/** The two files' texts as the clients take them: a missing file is absent (null), not empty. */
export function precedenceTexts(files: {
  credentials: Omit<PrecedenceFile, 'path'>;
  config: Omit<PrecedenceFile, 'path'>;
}): {credentialsText: string | null; configText: string | null} {
  return {
    credentialsText: files.credentials.exists ? files.credentials.text : null,
    configText: files.config.exists ? files.config.text : null,
  };
}

/** The part of the environment the clients read for credentials. */
const awsEnv = (env: PrecedenceInput['env']): PrecedenceInput['env'] =>
  Object.fromEntries(
    Object.entries(env).filter(([k]) => k.startsWith('AWS_') || k === 'BOTO_CONFIG'),
  );

/** What the caller worked out besides the files: the environment, the time, and what it read on disk. */
type Request = Omit<
  PrecedenceInput,
  keyof Texts | 'credentialsMode' | 'credentialsPath' | 'configPath'
>;

/** The precedence input for one read of the files, with the environment the clients read. */
export function precedenceInputOf(
  files: {credentials: PrecedenceFile; config: PrecedenceFile},
  request: Request,
): PrecedenceInput {
  return {
    ...request,
    env: awsEnv(request.env),
    ...precedenceTexts(files),
    credentialsMode: files.credentials.mode,
    credentialsPath: files.credentials.path,
    configPath: files.config.path,
  };
}

/** A resolver's result, or the bug it hit as one `precedence-failed` error value. */
export function resolveSafely<T>(
  resolve: (input: PrecedenceInput) => T,
  input: PrecedenceInput,
): Result<T> {
  try {
    return ok(resolve(input));
  } catch (error) {
    return fail(
      'precedence-failed',
      `Could not work out the credential chains: ${(error as Error).message}.`,
      'Please report the bug, with `mfa-tui --version` and the shape of the files (never the keys).',
    );
  }
}

/** Where the AWS CLI v2 gets credentials: a profile, the environment keys, or nowhere (and why). */
export type AwsCliActive =
  | {kind: 'profile'; name: string; from: ClientResult['profile']['from']}
  | {kind: 'env'; accessKeyIdLast4?: string}
  | {kind: 'none'; profile: string; reason: string; code: WinnerCode};

/** The AWS CLI v2's active source from its result: no profile is active when it would fail. */
export function awsCliActive(cli: ClientResult): AwsCliActive {
  const {profile, winner} = cli;
  if (winner.status === 'broken')
    return {kind: 'none', profile: profile.name, reason: winner.reason, code: winner.code};
  if (winner.source === 'env')
    return {kind: 'env', accessKeyIdLast4: winner.accessKeyIdLast4 ?? undefined};
  return {kind: 'profile', name: profile.name, from: profile.from};
}
