// The identities a source yields, as far as they can be known without calling anything.
import {expiryOfEnv, expiryOfKeys, formatRfc3339} from '../expiry.js';
import {last4} from '../mask.js';
import {keyPairClass} from '../profile-keys.js';
import type {CredentialKind, Identity, SourceId} from './types.js';

const KIND_OF_SOURCE: Partial<Record<SourceId, CredentialKind>> = {
  'assume-role': 'role',
  'web-identity': 'role',
  sso: 'sso',
  'custom-process': 'process',
  container: 'container',
  imds: 'instance-role',
};

/** An identity whose key cannot be known without calling the source (roles, SSO, processes, IMDS). */
export function noIdentity(
  source: SourceId,
  profile: string | null = null,
  roleArn?: string,
): Identity {
  const kind = KIND_OF_SOURCE[source] ?? 'none';
  const identity = {source, profile, accessKeyIdLast4: null, kind, expiresAt: null};
  return roleArn === undefined ? identity : {...identity, roleArn};
}

/** A key pair's identity, long-term or session as the profile list says (keyPairClass). */
function keyIdentity(
  source: SourceId,
  profile: string | null,
  accessKeyId: string,
  sessionToken: string | undefined,
  expiresAt: Date | undefined,
): Identity {
  return {
    source,
    profile,
    accessKeyIdLast4: last4(accessKeyId) ?? '',
    kind: keyPairClass(accessKeyId, !!sessionToken),
    expiresAt: expiresAt ? formatRfc3339(expiresAt) : null,
  };
}

/** The identity of a static key pair, with the expiry recorded next to it. */
export function staticIdentity(
  source: SourceId,
  profile: string | null,
  accessKeyId: string,
  sessionToken: string | undefined,
  expiryFrom: Readonly<Record<string, string | undefined>>,
): Identity {
  return keyIdentity(source, profile, accessKeyId, sessionToken, expiryOfKeys(expiryFrom));
}

/** The identity of environment keys, with AWS_CREDENTIAL_EXPIRATION / AWS_SESSION_EXPIRATION. */
export function envIdentity(
  env: Record<string, string | undefined>,
  accessKeyId: string,
  sessionToken: string | undefined,
  sessionTokenVar?: Identity['sessionTokenVar'],
): Identity {
  const identity = keyIdentity('env', null, accessKeyId, sessionToken, expiryOfEnv(env));
  return sessionTokenVar ? {...identity, sessionTokenVar} : identity;
}

/** How an assume-role's source credentials are named in a reason. */
export function describeVia(via: Identity): string {
  if (via.source === 'env') return `the environment keys (…${via.accessKeyIdLast4})`;
  if (via.accessKeyIdLast4 !== null)
    return `profile ${via.profile}'s keys (…${via.accessKeyIdLast4})`;
  if (via.source === 'assume-role')
    return `profile ${via.profile}'s role ${via.roleArn ?? ''}`.trimEnd();
  return `${via.source} credentials${via.profile ? ` of profile ${via.profile}` : ''}`;
}
