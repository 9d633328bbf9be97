// Which identity each AWS client would use for one snapshot of the environment and the two files,
// and every conflict between them. Pure: the caller reads the files and the environment.
import type {AppError} from '../errors.js';
import {ssoCacheKeys} from '../profile-links.js';
import {BotocoreModel} from './botocore.js';
import {conflictText} from './conflict-text.js';
import {findConflicts} from './conflicts.js';
import {GoModel} from './go-sdk.js';
import {JsModel} from './js-sdk.js';
import {mergedValues, READERS, type Snapshot, type Views} from './snapshot.js';
import {botocoreView, goView, jsView} from './parsers.js';
import type {ClientResult, FileView, Identity, PrecedenceInput, PrecedenceResult} from './types.js';

export * from './types.js';
export {botocoreView, goView, jsView} from './parsers.js';
export {formatPrecedenceText, linkReason, precedenceJson} from './format.js';
export {conflictText} from './conflict-text.js';
export * from './input.js';

type Texts = Pick<PrecedenceInput, 'credentialsText' | 'configText'>;
type ParseView = typeof botocoreView;

/** The last view each client's parser made of each file, for the SSO token lookup and the report
 * read the same text. Held weakly, so a long-running TUI does not carry it; never modified. */
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
export type FileReader = (typeof READERS)[number];

/** The heavy part of resolvePrecedence in pieces (each client's parse of each file), for the TUI to
 * run one per turn of the event loop; resolvePrecedence then takes those parses while they are held. */
export const precedenceParts = (input: Texts): Array<() => FileView> =>
  READERS.map((r) => lazyViews(input, parse[r])).flatMap((v) => [
    () => v.credentials,
    () => v.config,
  ]);

/** Both files as one client parses them, parsed on first access only (a chain may stop before it
 * reads them); within one run `view` keeps what it made, as a WeakRef's target lives to the job's end. */
const lazyViews = (input: Texts, view: ParseView): Views => ({
  get credentials() {
    return view(input.credentialsText, 'credentials');
  },
  get config() {
    return view(input.configText, 'config');
  },
});

function snapshot(input: PrecedenceInput): Snapshot {
  return {
    input,
    env: input.env,
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
    new BotocoreModel(s).resolve('aws-cli-v2'),
    new BotocoreModel(s).resolve('aws-cli-v1/boto3'),
    new JsModel(s).resolve(),
    new GoModel(s).resolve(),
  ];
  return {clients, conflicts: findConflicts(s, clients)};
}

/** The AWS CLI v2's choice alone (its own parse of the files only), for `list`'s marker. */
export function resolveAwsCli(input: PrecedenceInput): ClientResult {
  return new BotocoreModel(snapshot(input)).resolve('aws-cli-v2');
}

/** Where to get the AWS CLI v2's credentials: the environment keys (with the token variable botocore
 * sends), a profile, or elsewhere (web identity from the environment, a container, IMDS). */
type CliCredentialsFrom =
  | {from: 'env'; sessionTokenVar: 'AWS_SECURITY_TOKEN' | 'AWS_SESSION_TOKEN' | null}
  | {from: 'profile'; profile: string}
  | {from: 'elsewhere'};

/** What the AWS CLI v2 would use right now (for `whoami` without --profile), or why it would fail. */
export function awsCliIdentity(
  result: PrecedenceResult,
): ({ok: true; use: CliCredentialsFrom} & Identity) | {ok: false; error: AppError} {
  const cli = result.clients.find((c) => c.client === 'aws-cli-v2')!;
  const w = cli.winner;
  if (w.status === 'broken') {
    const error = result.conflicts.find((c) => c.severity === 'error');
    return {
      ok: false,
      error: {
        code: w.code === 'no-credentials' ? 'no-credentials' : 'credentials-broken',
        message: `The AWS CLI would fail: ${w.reason}`,
        fix:
          (error && conflictText(error).fix) ??
          'Run `mfa-tui precedence` to see where each client looks for credentials.',
      },
    };
  }
  const elsewhere =
    (w.source === 'web-identity' && w.profile === null) ||
    w.source === 'container' ||
    w.source === 'imds';
  const use: CliCredentialsFrom =
    w.source === 'env'
      ? {from: 'env', sessionTokenVar: w.sessionTokenVar ?? null}
      : elsewhere
        ? {from: 'elsewhere'}
        : {from: 'profile', profile: w.profile ?? cli.profile.name};
  const {source, profile, accessKeyIdLast4, kind, expiresAt} = w;
  return {ok: true, source, profile, accessKeyIdLast4, kind, expiresAt, use};
}

/** Each of `of`'s answers for the given clients' views of both files (only the `names` profiles
 * when given), once. */
function acrossReaders(
  input: Texts,
  readers: FileReader[],
  names: ReadonlySet<string> | undefined,
  of: (cred: Map<string, Values>, conf: Map<string, Values>) => string[],
) {
  const valuesOf = (view: FileView) =>
    new Map(
      [...view.profiles]
        .filter(([n]) => !names || names.has(n))
        .map(([n, p]) => [n, p.values] as const),
    );
  return [
    ...new Set(
      readers.flatMap((r) => {
        const v = lazyViews(input, parse[r]);
        return of(valuesOf(v.credentials), valuesOf(v.config));
      }),
    ),
  ];
}

type Values = Record<string, string>;

/** The SSO token cache keys of both files' profiles (or of `names`) as the given clients parse them,
 * each profile's keys merged over the two files as they all merge them. */
export const ssoTokenKeys = (input: Texts, readers = READERS, names?: ReadonlySet<string>) =>
  acrossReaders(input, readers, names, ssoCacheKeys);

/** The credential_process lines either file sets (or `names` set), as the given clients parse them. */
export const processLines = (input: Texts, readers = READERS, names?: ReadonlySet<string>) =>
  acrossReaders(input, readers, names, (cred, conf) =>
    [...cred.values(), ...conf.values()].flatMap((v) => v.credential_process || []),
  );

/** The profiles botocore may read from `start`: it and its source_profile chain, each profile
 * merged over both files as botocore merges them; what the AWS CLI's choice depends on. */
export function botocoreChain(input: Texts, start: string): Set<string> {
  const views = lazyViews(input, parse.botocore);
  const names = new Set<string>();
  for (let name: string | undefined = start; name !== undefined && !names.has(name);) {
    names.add(name);
    name = mergedValues(views, name)?.source_profile;
  }
  return names;
}
