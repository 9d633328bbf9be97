// A conflict as data: its code and the facts its message and fix are made from.
import type {ClientId, Severity, SourceId} from './types.js';

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
