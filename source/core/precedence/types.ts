// Shapes shared by the precedence engine: its input (a snapshot of env and file text) and its answer.
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

/**
 * Why a link has its status: `skipped` (configured, but the client's rules pass over it), `fails`
 * (stops the client), `after-winner` / `after-failure` (an earlier source yields or fails first),
 * `not-reached` (the client stops before any provider runs), `not-run` (a credential_process that
 * would be used, checked but not run).
 */
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

// A conflict as data: its code and the facts its message and fix are made from.
/** Who reads a file one way: botocore (the AWS CLI and boto3), the JS SDK, the Go SDK. */
export type Reader = 'botocore' | 'js' | 'go';

/** A value as a conflict may show it: secrets by their length, key ids by their last 4 characters. */
export type ShownValue =
  | {shown: 'unset'}
  | {shown: 'length'; length: number}
  | {shown: 'last4'; last4: string}
  | {shown: 'value'; value: string};

/** A lint finding that explains a difference: its line, what happens and how to write it. */
export type Cause = {line: number; message: string; fix: string};

type Unset = {unset: string[]};
type AtLine = {path: string; line: number};

/** What a conflict is about, as data; `conflictText` renders the message and the fix. */
export type ConflictFacts =
  | ({code: 'env-keys-beat-profile'; keyLast4: string; profile: string} & Unset)
  | {code: 'profile-vs-default-profile'; profile: string; defaultProfile: string}
  | {code: 'default-profile-ignored-by-js'; defaultProfile: string}
  | ({code: 'partial-env-keys'; keyLast4: string; goPairsWith?: string} & Unset)
  | ({code: 'go-only-env-keys'; keyLast4: string; variables: string[]} & Unset)
  | {code: 'partial-env-secret' | 'stale-session-token' | 'no-credentials'}
  | {code: 'security-token'; differsFromSessionToken: boolean}
  | {code: 'env-token-with-long-term-key'; tokenVar: string; keyLast4: string}
  | ({code: 'env-session-breaks-renewal'; keyLast4: string} & Unset)
  | {code: 'web-identity-vs-profile'; profile: string; roleArn: string}
  | {code: 'legacy-variable'; variable: string}
  | {code: 'empty-profile-variable'; variable: string; clients: ClientId[]}
  | {
      code: 'missing-profile';
      variable: '--profile' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE';
      profile: string;
      /** The clients that read the name and cannot find the profile. */
      missing: ClientId[];
      /** No client finds it (else only some parsers miss it). */
      everywhere: boolean;
      credentialsPath: string;
    }
  | ({code: 'parse-error'; error: string; cause?: Cause} & AtLine)
  | ({code: 'js-ignores-file'; error: string} & AtLine)
  | {
      code: 'parser-difference';
      path: string;
      profile: string;
      readers: Reader[];
      /** Readers that do not see the profile at all; when empty, `values` says what each reads. */
      unseenBy: Reader[];
      values: {key: string; reads: ShownValue[]}[];
      causes: Cause[];
    }
  | ({
      code: 'half-pair';
      profile: string;
      section: string;
      has: 'aws_access_key_id' | 'aws_secret_access_key';
      /** The JS SDK completes the pair from the config file. */
      jsPair: boolean;
    } & AtLine)
  | {
      code: 'profile-in-both-files';
      profile: string;
      keys: string[];
      keyIds?: {credentials: string; config: string};
      configPath: string;
    }
  | ({
      code: 'session-expiry';
      state: 'expired' | 'expiring';
      /** Milliseconds left (negative once expired). */
      msLeft: number;
      source: SourceId;
      profile: string | null;
      keyLast4: string | null;
      clients: ClientId[];
      /** The role whose AssumeRole call these credentials sign. */
      role?: string;
    } & Unset)
  | {
      code: 'token-with-long-term-key';
      profile: string;
      section: string;
      path: string;
      token: string;
      keyLast4: string;
    }
  | {code: 'process-shell'; profile: string}
  | {
      code: 'credentials-file-readable';
      path: string;
      mode: number;
      readers: ('group' | 'others')[];
    };

export type ConflictCode = ConflictFacts['code'];

export type Conflict = ConflictFacts & {id: string; severity: Severity};
