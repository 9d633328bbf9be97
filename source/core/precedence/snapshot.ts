// Reading a snapshot the way the clients do: which variable is set, which key, which SSO token.
import {parseExpiryText} from '../expiry.js';
import {mergedKeys} from '../profile-keys.js';
import {credentialVariables, everyClientReads} from '../shell.js';
import {fails, ok, type Probe} from './chain.js';
import {noIdentity} from './identity.js';
import {profileOf} from './profile-choice.js';
import type {ClientId, FileKind, FileView, PrecedenceInput, Reader} from './types.js';

/** Every reader of the files, in the order the engine lists them. */
export const READERS: Reader[] = ['botocore', 'js', 'go'];

/** Both files as one reader parses them. */
export type Views = Record<FileKind, FileView>;

/** What every client model works from: the input and each reader's views of the files. */
export type Snapshot = Record<Reader, Views> & {
  input: PrecedenceInput;
  env: Record<string, string | undefined>;
  paths: Record<FileKind, string>;
};

/** Whether a key is set in a section's values (an empty value counts, as in botocore and Go). */
export const has = (values: Record<string, string> | undefined, key: string): boolean =>
  !!values && Object.prototype.hasOwnProperty.call(values, key);

/** botocore and Go turn IMDS off only for AWS_EC2_METADATA_DISABLED=true (any case). */
export function imdsDisabled(env: Record<string, string | undefined>): boolean {
  return (env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true';
}

/** The cached SSO token under `key`: `unknown` when the cache was not read (unreadable expiry text counts as current). */
export function ssoToken(s: Snapshot, key: string): 'unknown' | 'missing' | 'expired' | 'current' {
  const tokens = s.input.ssoTokens;
  if (!tokens) return 'unknown';
  const expiresAt = tokens[key];
  if (expiresAt === undefined) return 'missing';
  const when = parseExpiryText(expiresAt);
  return when !== undefined && when.getTime() <= s.input.now.getTime() ? 'expired' : 'current';
}

/** The config profile, updated key by key from the credentials file (botocore's and the JS SDK's merge); read-only. */
export function mergedValues(
  views: Views,
  name: string,
): Readonly<Record<string, string>> | undefined {
  const cfg = views.config.profiles.get(name)?.values;
  const cred = views.credentials.profiles.get(name)?.values;
  return cfg || cred ? mergedKeys(cred, cfg) : undefined;
}

/** The credential_source values every client accepts. */
export const CANONICAL_SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'];

export const NO_CONTAINER = 'no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI';

/** The credential variables to unset: always the three every client reads, plus any other that is set. */
export function credentialVars(env: Record<string, string | undefined>): string[] {
  return credentialVariables.filter(
    (name) => everyClientReads.includes(name) || env[name] !== undefined,
  );
}

/** Which profile a client selects, and where the name came from. */
export const selectProfile = (s: Snapshot, client: ClientId) =>
  profileOf(client, s.env, s.input.explicitProfile);

const TOKEN_FILE_ERRORS: Record<
  Reader,
  Record<'not-found' | 'unreadable', (f: string) => string>
> = {
  botocore: {
    'not-found': (f) => `[Errno 2] No such file or directory: '${f}'`,
    unreadable: (f) => `[Errno 13] Permission denied: '${f}'`,
  },
  js: {
    'not-found': (f) => `ENOENT: no such file or directory, open '${f}'`,
    unreadable: (f) => `EACCES: permission denied, open '${f}'`,
  },
  go: {
    'not-found': (f) => `open ${f}: no such file or directory`,
    unreadable: (f) => `open ${f}: permission denied`,
  },
};

/** A set container endpoint: fails before the call when AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is missing or unreadable. */
export function containerProbe(
  s: Snapshot,
  client: Reader,
  reason = 'the container credentials endpoint',
): Probe {
  const file = s.env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  const state = file ? s.input.files?.[file] : undefined;
  return state === undefined || state === 'found'
    ? ok(reason, noIdentity('container'))
    : fails(TOKEN_FILE_ERRORS[client][state](file!), noIdentity('container'));
}
