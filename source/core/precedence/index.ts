// Which identity each AWS client would use for one snapshot of the environment and the two files,
// and every conflict between them. Pure: the caller reads the files and the environment.
import type {AppError} from '../errors.js';
import {resolveBotocore} from './botocore.js';
import {conflictText} from './conflict-text.js';
import {findConflicts} from './conflicts.js';
import {resolveGo} from './go-sdk.js';
import {resolveJs} from './js-sdk.js';
import type {Snapshot} from './snapshot.js';
import {botocoreView, goView, jsView} from './parsers.js';
import type {ClientResult, FileView, Identity, PrecedenceInput, PrecedenceResult} from './types.js';

export * from './types.js';
export {botocoreView, goView, jsView} from './parsers.js';
export {lintIni} from './lint.js';
export {formatPrecedenceText, linkReason, precedenceJson} from './format.js';
export {conflictText} from './conflict-text.js';
export {programsOf} from './process-line.js';

type Views = {credentials: FileView; config: FileView};
type ParseView = (text: string | null | undefined, kind: 'credentials' | 'config') => FileView;

/**
 * The last view each client's parser made of each file: the SSO token lookup and the report read
 * the same text in one go, and a parse of a large file is the costly step. Held
 * weakly: a view outlives the work that made it only while someone keeps it (within one
 * synchronous run it always does), so a long-running TUI does not carry it. A view is never
 * modified once made.
 */
function lastView(parse: ParseView): ParseView {
  const last = new Map<string, {text: string | null | undefined; view: WeakRef<FileView>}>();
  return (text, kind) => {
    const hit = last.get(kind);
    const kept = hit && hit.text === text ? hit.view.deref() : undefined;
    if (kept) return kept;
    const view = parse(text, kind);
    last.set(kind, {text, view: new WeakRef(view)});
    return view;
  };
}
const parse = {botocore: lastView(botocoreView), js: lastView(jsView), go: lastView(goView)};

/**
 * The heavy part of resolvePrecedence in pieces: each client's parse of each file. A caller that must stay responsive (the TUI) runs one piece per turn of the event
 * loop and keeps what the pieces return until it calls resolvePrecedence with the same texts, which
 * then takes those parses instead of making its own.
 */
export function precedenceParts(
  input: Pick<PrecedenceInput, 'credentialsText' | 'configText'>,
): Array<() => FileView> {
  return [parse.botocore, parse.js, parse.go].flatMap((view) => [
    () => view(input.credentialsText, 'credentials'),
    () => view(input.configText, 'config'),
  ]);
}

/** Both files as one client parses them, parsed on first access only (a chain may stop before it reads them). */
function lazyViews(input: PrecedenceInput, view: ParseView): Views {
  let credentials: FileView | undefined;
  let config: FileView | undefined;
  return {
    get credentials() {
      return (credentials ??= view(input.credentialsText, 'credentials'));
    },
    get config() {
      return (config ??= view(input.configText, 'config'));
    },
  };
}

function snapshot(input: PrecedenceInput): Snapshot {
  const env = input.env;
  return {
    input,
    env,
    paths: {
      credentials: input.credentialsPath ?? '~/.aws/credentials',
      config: input.configPath ?? '~/.aws/config',
    },
    botocore: lazyViews(input, parse.botocore),
    js: lazyViews(input, parse.js),
    go: lazyViews(input, parse.go),
  };
}

/** For each client (AWS CLI v2, boto3/CLI v1, JS SDK v3, Go SDK v2): its chain, winner and identity; then the conflicts. */
export function resolvePrecedence(input: PrecedenceInput): PrecedenceResult {
  const s = snapshot(input);
  const clients: ClientResult[] = [
    resolveBotocore(s, 'aws-cli-v2'),
    resolveBotocore(s, 'aws-cli-v1/boto3'),
    resolveJs(s),
    resolveGo(s),
  ];
  return {clients, conflicts: findConflicts(s, clients)};
}

/** The AWS CLI v2's choice alone (its own parse of the files only), for `list`'s marker. */
export function resolveAwsCli(input: PrecedenceInput): ClientResult {
  return resolveBotocore(snapshot(input), 'aws-cli-v2');
}

/** How to obtain the same credentials the AWS CLI v2 uses, for GetCallerIdentity and the like. */
export type CliCredentialsFrom =
  /** The environment keys; the token comes from `sessionTokenVar` (botocore prefers AWS_SECURITY_TOKEN). */
  | {from: 'env'; sessionTokenVar: 'AWS_SECURITY_TOKEN' | 'AWS_SESSION_TOKEN' | null}
  /** A profile from the files; resolve it with the SDK's fromIni({profile}). */
  | {from: 'profile'; profile: string}
  /** AssumeRoleWithWebIdentity from AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN. */
  | {from: 'env-web-identity'; roleArn: string}
  | {from: 'container'}
  | {from: 'imds'};

export type CliIdentity =
  ({ok: true; use: CliCredentialsFrom} & Identity) | {ok: false; error: AppError};

function errorFix(result: PrecedenceResult): string | undefined {
  const error = result.conflicts.find((c) => c.severity === 'error');
  return error && conflictText(error).fix;
}

/** What the AWS CLI v2 would use right now (for `whoami` without --profile), or why it would fail. */
export function awsCliIdentity(result: PrecedenceResult): CliIdentity {
  const cli = result.clients.find((c) => c.client === 'aws-cli-v2')!;
  const w = cli.winner;
  if (w.status === 'broken') {
    return {
      ok: false,
      error: {
        code: w.code === 'no-credentials' ? 'no-credentials' : 'credentials-broken',
        message: `The AWS CLI would fail: ${w.reason}`,
        fix:
          errorFix(result) ??
          'Run `mfa-tui precedence` to see where each client looks for credentials.',
      },
    };
  }
  const use: CliCredentialsFrom =
    w.source === 'env'
      ? {from: 'env', sessionTokenVar: w.sessionTokenVar ?? null}
      : w.source === 'web-identity' && w.profile === null
        ? {from: 'env-web-identity', roleArn: w.roleArn ?? ''}
        : w.source === 'container'
          ? {from: 'container'}
          : w.source === 'imds'
            ? {from: 'imds'}
            : {from: 'profile', profile: w.profile ?? cli.profile.name};
  const {source, profile, accessKeyIdLast4, kind, expiresAt} = w;
  return {ok: true, source, profile, accessKeyIdLast4, kind, expiresAt, use};
}

/**
 * The keys under which SSO tokens are cached (sso_session names and legacy sso_start_url values
 * in the config file); ~/.aws/sso/cache/<sha1 of key>.json holds each one's token.
 */
export function ssoTokenKeys(configText: string | null | undefined): string[] {
  const keys = new Set<string>();
  for (const view of [parse.botocore(configText, 'config'), parse.js(configText, 'config')]) {
    for (const p of view.profiles.values()) {
      if (p.values.sso_session) keys.add(p.values.sso_session);
      else if (p.values.sso_start_url) keys.add(p.values.sso_start_url);
    }
  }
  return [...keys];
}

/** A client's reader of the files, by the name `parse` keeps it under. */
export type FileReader = keyof typeof parse;

/**
 * The credential_process command lines either file sets, as the given clients parse them (all
 * three by default; `list` asks for the AWS CLI's alone, and so builds no other view).
 */
export function processLines(
  input: Pick<PrecedenceInput, 'credentialsText' | 'configText'>,
  readers: FileReader[] = ['botocore', 'js', 'go'],
): string[] {
  const lines = new Set<string>();
  for (const view of readers.map((r) => parse[r])) {
    for (const [text, kind] of [
      [input.credentialsText, 'credentials'],
      [input.configText, 'config'],
    ] as const) {
      for (const p of view(text, kind).profiles.values()) {
        if (p.values.credential_process) lines.add(p.values.credential_process);
      }
    }
  }
  return [...lines];
}
