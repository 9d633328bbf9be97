// Builds a client's chain link by link, in the client's order, and picks the winner the way the
// client does: the first source that yields credentials, or the first one whose failure stops it.
import {expiryOfEnv, expiryOfKeys, formatRfc3339, parseExpiryText} from '../expiry.js';
import {last4} from '../mask.js';
import type {
  ChainLink,
  CredentialKind,
  FileView,
  Identity,
  LinkCode,
  LinkStatus,
  PrecedenceInput,
  SourceId,
  Winner,
  WinnerCode,
} from './types.js';

/**
 * What one provider would do: `absent` (nothing configured), `ignored` (configured but skipped by
 * the client's rules), `ok` (yields credentials), `soft` (fails, the client moves on), `hard`
 * (fails, the client stops with this error).
 */
export type Probe =
  | {state: 'absent' | 'ignored'; reason: string}
  | {state: 'ok'; reason: string; identity: WinnerIdentity}
  | {state: 'soft' | 'hard'; reason: string; identity?: WinnerIdentity};

export type WinnerIdentity = Identity & Pick<Winner, 'roleArn' | 'via' | 'sessionTokenVar'>;

export const absent = (reason: string): Probe => ({state: 'absent', reason});
export const ignored = (reason: string): Probe => ({state: 'ignored', reason});
export const ok = (reason: string, identity: WinnerIdentity): Probe => ({
  state: 'ok',
  reason,
  identity,
});
/** A failure that stops the client (`hard`), or one it moves on from (`soft`). */
export const fails = (
  reason: string,
  identity?: WinnerIdentity,
  state: 'hard' | 'soft' = 'hard',
): Probe => ({state, reason, ...(identity ? {identity} : {})});

export class ChainBuilder {
  readonly links: ChainLink[] = [];
  winner: Winner | undefined;

  constructor(private readonly fatal?: string) {}

  /** Appends the next provider of the client's chain. */
  add(source: SourceId, probe: Probe): void {
    const link = (status: LinkStatus, code: LinkCode) =>
      this.links.push({source, status, code, detail: probe.reason});
    if (probe.state === 'absent') return void link('absent', 'not-configured');
    if (this.fatal !== undefined) return void link('shadowed', 'not-reached');
    if (this.winner) {
      return void link(
        'shadowed',
        this.winner.status === 'broken' ? 'after-failure' : 'after-winner',
      );
    }
    switch (probe.state) {
      case 'ignored':
        return void link('shadowed', 'skipped');
      case 'ok':
        link('used', 'used');
        this.winner = {...probe.identity, status: 'used', code: 'used', reason: probe.reason};
        return;
      case 'soft':
        return void link('broken', 'fails-moves-on');
      case 'hard':
        link('broken', 'fails');
        this.winner = {
          ...(probe.identity ?? noIdentity(source)),
          status: 'broken',
          code: 'fails',
          reason: probe.reason,
        };
    }
  }

  /** The chain and its winner; `none` (broken) when nothing yields credentials. */
  finish(noneReason: string): {chain: ChainLink[]; winner: Winner} {
    const none = (code: WinnerCode, reason: string): Winner => ({
      ...noIdentity('none'),
      status: 'broken',
      code,
      reason,
    });
    if (this.fatal !== undefined) return {chain: this.links, winner: none('stopped', this.fatal)};
    return {chain: this.links, winner: this.winner ?? none('no-credentials', noneReason)};
  }
}

/** An identity whose key cannot be known without calling the source (roles, SSO, processes, IMDS). */
export function noIdentity(source: SourceId, profile: string | null = null): Identity {
  const kind: CredentialKind =
    source === 'assume-role' || source === 'web-identity'
      ? 'role'
      : source === 'sso'
        ? 'sso'
        : source === 'custom-process'
          ? 'process'
          : source === 'container'
            ? 'container'
            : source === 'imds'
              ? 'instance-role'
              : 'none';
  return {source, profile, accessKeyIdLast4: null, kind, expiresAt: null};
}

/** Long-term (`AKIA…`) or session (`ASIA…`, or any key that comes with a token). */
export function kindOfKey(accessKeyId: string, sessionToken: string | undefined): CredentialKind {
  if (accessKeyId.startsWith('ASIA')) return 'session';
  if (accessKeyId.startsWith('AKIA')) return 'long-term';
  return sessionToken ? 'session' : 'long-term';
}

const iso = (d: Date | undefined) => (d ? formatRfc3339(d) : null);

/** The identity of a static key pair, with the expiry recorded next to it. */
export function staticIdentity(
  source: SourceId,
  profile: string | null,
  accessKeyId: string,
  sessionToken: string | undefined,
  expiryFrom: Record<string, string | undefined>,
): WinnerIdentity {
  return {
    source,
    profile,
    accessKeyIdLast4: last4(accessKeyId) ?? '',
    kind: kindOfKey(accessKeyId, sessionToken),
    expiresAt: iso(expiryOfKeys(expiryFrom)),
  };
}

/** The identity of environment keys, with AWS_CREDENTIAL_EXPIRATION / AWS_SESSION_EXPIRATION. */
export function envIdentity(
  env: Record<string, string | undefined>,
  accessKeyId: string,
  sessionToken: string | undefined,
  sessionTokenVar?: WinnerIdentity['sessionTokenVar'],
): WinnerIdentity {
  return {
    source: 'env',
    profile: null,
    accessKeyIdLast4: last4(accessKeyId) ?? '',
    kind: kindOfKey(accessKeyId, sessionToken),
    expiresAt: iso(expiryOfEnv(env)),
    ...(sessionTokenVar ? {sessionTokenVar} : {}),
  };
}

/** How an assume-role's source credentials are named in a reason. */
export function describeVia(via: WinnerIdentity): string {
  if (via.source === 'env') return `the environment keys (…${via.accessKeyIdLast4})`;
  if (via.accessKeyIdLast4 !== null)
    return `profile ${via.profile}'s keys (…${via.accessKeyIdLast4})`;
  if (via.source === 'assume-role')
    return `profile ${via.profile}'s role ${via.roleArn ?? ''}`.trimEnd();
  return `${via.source} credentials${via.profile ? ` of profile ${via.profile}` : ''}`;
}

/** The views every client model works from, built once per snapshot. */
export type Snapshot = {
  input: PrecedenceInput;
  env: Record<string, string | undefined>;
  paths: {credentials: string; config: string};
  botocore: {credentials: FileView; config: FileView};
  js: {credentials: FileView; config: FileView};
  go: {credentials: FileView; config: FileView};
};

/** The first env var of `names` that is set (even to ""), as botocore's env lookup does. */
export function firstPresent(
  env: Record<string, string | undefined>,
  names: readonly string[],
): {name: string; value: string} | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) return {name, value};
  }
  return undefined;
}

/** Whether a key is set in a section's values (an empty value counts, as in botocore and Go). */
export const has = (values: Record<string, string> | undefined, key: string): boolean =>
  !!values && Object.prototype.hasOwnProperty.call(values, key);

/** botocore and Go turn IMDS off only for AWS_EC2_METADATA_DISABLED=true (any case). */
export function imdsDisabledBotocoreOrGo(env: Record<string, string | undefined>): boolean {
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

/** The config profile, updated key by key from the credentials file (botocore's and the JS SDK's merge). */
export function mergedValues(
  views: {credentials: FileView; config: FileView},
  name: string,
): Record<string, string> | undefined {
  const cfg = views.config.profiles.get(name);
  const cred = views.credentials.profiles.get(name);
  if (!cfg && !cred) return undefined;
  return {...cfg?.values, ...cred?.values};
}

/** The credential_source values every client accepts. */
export const CANONICAL_SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'];

export const NO_CONTAINER = 'no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI';

/** The credential variables to unset: always the three every client reads, plus those that are set. */
export function credentialVars(env: Record<string, string | undefined>): string[] {
  const extra = ['AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_SESSION_EXPIRATION'];
  return [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    ...extra.filter((name) => env[name] !== undefined),
  ];
}
