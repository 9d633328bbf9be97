// The STS edge: every call is signed with credentials given explicitly, never the default chain.
import type * as Sts from '@aws-sdk/client-sts';
import {fits, isTime} from './answer-shapes.js';
import {withClient, type ClientKind} from './client.js';
import type {Endpoint} from './endpoint.js';

export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

export type SessionCredentials = StaticCredentials & {sessionToken: string; expiration: Date};

const sts: ClientKind<typeof Sts> = {
  load: () => import('@aws-sdk/client-sts'),
  build: (sdk, config) => new sdk.STSClient(config),
};

/** The session in an answer, or undefined when any part of it is missing or misshapen. */
function sessionOf(c: Sts.Credentials | undefined): SessionCredentials | undefined {
  const {
    AccessKeyId: id,
    SecretAccessKey: secret,
    SessionToken: token,
    Expiration: until,
  } = c ?? {};
  return fits(id, 'accessKeyId') && fits(secret, 'base64') && fits(token, 'base64') && isTime(until)
    ? {accessKeyId: id, secretAccessKey: secret, sessionToken: token, expiration: until}
    : undefined;
}

/** GetSessionToken: trades long-term keys plus an MFA code for a session. */
export function getSessionToken(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  request: {serialNumber?: string; tokenCode?: string; durationSeconds: number},
): Promise<SessionCredentials> {
  return withClient(sts, credentials, endpoint, !!request.tokenCode, (sdk, send) => {
    const command = new sdk.GetSessionTokenCommand({
      SerialNumber: request.serialNumber,
      TokenCode: request.tokenCode,
      DurationSeconds: request.durationSeconds,
    });
    return send(command, (out) => sessionOf(out.Credentials));
  });
}

/** AssumeRole: a role session, with an MFA code or signed by a session that already has MFA. */
export function assumeRole(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  request: {
    roleArn: string;
    roleSessionName: string;
    durationSeconds?: number;
    externalId?: string;
    serialNumber?: string;
    tokenCode?: string;
  },
) {
  return withClient(sts, credentials, endpoint, !!request.tokenCode, (sdk, send) => {
    const command = new sdk.AssumeRoleCommand({
      RoleArn: request.roleArn,
      RoleSessionName: request.roleSessionName,
      DurationSeconds: request.durationSeconds,
      ExternalId: request.externalId,
      SerialNumber: request.serialNumber,
      TokenCode: request.tokenCode,
    });
    return send(command, (out) => {
      const session = sessionOf(out.Credentials);
      // With the role session, what the AWS CLI's cache keeps beside it.
      return (
        session && {
          credentials: session,
          assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '',
          arn: out.AssumedRoleUser?.Arn ?? '',
          requestId: out.$metadata.requestId,
          sourceIdentity: out.SourceIdentity,
          packedPolicySize: out.PackedPolicySize,
        }
      );
    });
  });
}

/** GetCallerIdentity: who these credentials are; an answer without a principal is no answer. */
export function getCallerIdentity(credentials: StaticCredentials, endpoint: Endpoint) {
  return withClient(sts, credentials, endpoint, false, (sdk, send) =>
    send(new sdk.GetCallerIdentityCommand({}), ({Arn: arn, Account: account, UserId: userId}) =>
      fits(arn, 'principalArn') && fits(account, 'account') && userId
        ? {arn, account, userId}
        : undefined,
    ),
  );
}
