// The STS edge: every call is signed with credentials given explicitly, never the default chain.
import {clientConfig} from './client-config.js';
import type {Endpoint} from './endpoint.js';

export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

export type SessionCredentials = StaticCredentials & {sessionToken: string; expiration: Date};

export type CallerIdentity = {arn: string; account: string; userId: string};

type Sts = typeof import('@aws-sdk/client-sts');
type StsClient = InstanceType<Sts['STSClient']>;

/** Runs one call on an STS client built for it, with the SDK loaded only now (commands that never call STS never load it). */
async function withSts<T>(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  call: (sdk: Sts, sts: StsClient) => Promise<T>,
): Promise<T> {
  const sdk = await import('@aws-sdk/client-sts');
  const sts = new sdk.STSClient(clientConfig(credentials, endpoint));
  try {
    return await call(sdk, sts);
  } finally {
    sts.destroy();
  }
}

type StsCredentials = {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
  Expiration?: Date;
};

/** The session in an answer, or an error when STS left any part of it out. */
function sessionOf(c: StsCredentials | undefined): SessionCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw Object.assign(new Error('STS answered without credentials.'), {
      name: 'IncompleteResponse',
    });
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: new Date(c.Expiration),
  };
}

/** GetSessionToken: trades long-term keys plus an MFA code for a session. */
export function getSessionToken(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  request: {serialNumber?: string; tokenCode?: string; durationSeconds: number},
): Promise<SessionCredentials> {
  return withSts(credentials, endpoint, async (sdk, sts) => {
    const out = await sts.send(
      new sdk.GetSessionTokenCommand({
        SerialNumber: request.serialNumber,
        TokenCode: request.tokenCode,
        DurationSeconds: request.durationSeconds,
      }),
    );
    return sessionOf(out.Credentials);
  });
}

/** What AssumeRole answered: the role session and what AWS CLI's cache keeps beside it. */
export type AssumedRole = {
  credentials: SessionCredentials;
  assumedRoleId: string;
  arn: string;
  requestId?: string;
  sourceIdentity?: string;
  packedPolicySize?: number;
};

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
): Promise<AssumedRole> {
  return withSts(credentials, endpoint, async (sdk, sts) => {
    const out = await sts.send(
      new sdk.AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.roleSessionName,
        DurationSeconds: request.durationSeconds,
        ExternalId: request.externalId,
        SerialNumber: request.serialNumber,
        TokenCode: request.tokenCode,
      }),
    );
    return {
      credentials: sessionOf(out.Credentials),
      assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '',
      arn: out.AssumedRoleUser?.Arn ?? '',
      requestId: out.$metadata.requestId,
      sourceIdentity: out.SourceIdentity,
      packedPolicySize: out.PackedPolicySize,
    };
  });
}

/** GetCallerIdentity: who these credentials are. */
export function getCallerIdentity(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<CallerIdentity> {
  return withSts(credentials, endpoint, async (sdk, sts) => {
    const out = await sts.send(new sdk.GetCallerIdentityCommand({}));
    return {arn: out.Arn ?? '', account: out.Account ?? '', userId: out.UserId ?? ''};
  });
}
