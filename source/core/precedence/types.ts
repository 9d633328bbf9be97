// Shapes shared by the precedence engine: its input (a snapshot of env and file text) and its answer.
import type {Conflict} from './conflict-types.js';

export type * from './conflict-types.js';

export type ClientId = 'aws-cli-v2' | 'aws-cli-v1/boto3' | 'js-sdk-v3' | 'go-sdk-v2';

export type SourceId =
  | 'env'
  | 'assume-role'
  | 'web-identity'
  | 'sso'
  | 'shared-credentials-file'
  | 'custom-process'
  | 'config-file'
  | 'container'
  | 'imds'
  | 'none';

export type LinkStatus = 'used' | 'shadowed' | 'absent' | 'broken';

/** What kind of credentials a source yields. */
export type CredentialKind =
  'long-term' | 'session' | 'role' | 'sso' | 'process' | 'container' | 'instance-role' | 'none';

/** Why a link has its status; `not-run`: a credential_process that would be used, checked but not run. */
export type LinkCode =
  | 'not-configured'
  | 'skipped'
  | 'used'
  | 'fails-moves-on'
  | 'fails'
  | 'after-winner'
  | 'after-failure'
  | 'not-reached'
  | 'not-run';

/** One provider of a client's chain; `detail` is what the provider found, in the client's terms. */
export type ChainLink = {source: SourceId; status: LinkStatus; code: LinkCode; detail: string};

/** How a chain ended: a source yields, a provider fails, the client stops first, or nothing yields. */
export type WinnerCode = 'used' | 'not-run' | 'fails' | 'stopped' | 'no-credentials';

/** The identity a source yields, as far as it can be known without calling anything. */
export type Identity = {
  source: SourceId;
  profile: string | null;
  accessKeyIdLast4: string | null;
  kind: CredentialKind;
  expiresAt: string | null;
  /** For assume-role and web identity: the role assumed, and (assume-role) the credentials that sign the call. */
  roleArn?: string;
  via?: Identity;
  /** Where the environment keys' session token comes from. */
  sessionTokenVar?: 'AWS_SECURITY_TOKEN' | 'AWS_SESSION_TOKEN';
};

export type Winner = Identity & {
  status: 'used' | 'broken';
  code: WinnerCode;
  /** What the source yields, or the client's own error message. */
  reason: string;
};

export type ClientResult = {
  client: ClientId;
  /** The profile this client selected, and why. */
  profile: {name: string; from: 'explicit' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default'};
  winner: Winner;
  chain: ChainLink[];
};

export type Severity = 'error' | 'warning' | 'info';

export type PrecedenceResult = {clients: ClientResult[]; conflicts: Conflict[]};

export type PrecedenceInput = {
  env: Record<string, string | undefined>;
  /** The files' texts, null/undefined when a file does not exist. */
  credentialsText?: string | null;
  configText?: string | null;
  credentialsMode?: number;
  /** Paths, only for messages. */
  credentialsPath?: string;
  configPath?: string;
  /** "As if --profile X" (CLI), Session(profile_name=X) (boto3), {profile: X} (JS), WithSharedConfigProfile(X) (Go). */
  explicitProfile?: string;
  /** Each ~/.aws/sso/cache token's expiresAt, by sso_session or start URL; unknown (logged in) if unset. */
  ssoTokens?: Record<string, string>;
  /** What a PATH lookup found for each program a credential_process names; unset: not looked up. */
  programs?: Record<string, ProgramState>;
  /** Files a provider reads before any network call (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), by path. */
  files?: Record<string, FileState>;
  /** credential_process command lines that were run (by the line as written), with what they yielded. */
  processRuns?: Record<string, ProcessRun>;
  now: Date;
  warnSeconds: number;
};

export type ProgramState = 'found' | 'not-found' | 'not-executable';
export type FileState = 'found' | 'not-found' | 'unreadable';

/** A credential_process run: how it was started, and its key (last 4) and expiry, or its error. */
export type ProcessRun = {way: 'direct' | 'shell'} & (
  {ok: true; accessKeyIdLast4: string; expiresAt: string | null} | {ok: false; message: string}
);

/** One profile (or sso-session) as a given client sees it after its own parsing rules. */
export type ProfileView = {
  /** The section header as written, e.g. `profile mfa`. */
  section: string;
  /** 1-based line of the section header (the first one when a client merges duplicates). */
  line: number;
  values: Record<string, string>;
  keyLines: Record<string, number>;
  /** Keys botocore copied in from the file's [DEFAULT] (the section has none of its own). */
  inherited?: ReadonlySet<string>;
};

export type FileKind = 'credentials' | 'config';

export type FileView = {
  profiles: Map<string, ProfileView>;
  ssoSessions: Map<string, ProfileView>;
  /** Set when the client refuses the whole file (botocore), or silently ignores it (JS `[__proto__]`). */
  error?: {line: number; message: string};
};
