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

/** Builds an STS client with the SDK loaded only now, so commands that never call STS never load it. */
async function client(credentials: StaticCredentials, endpoint: Endpoint) {
  const {STSClient} = await import('@aws-sdk/client-sts');
  return new STSClient(clientConfig(credentials, endpoint));
}

/** GetSessionToken: trades long-term keys plus an MFA code for a session. */
export async function getSessionToken(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  request: {serialNumber?: string; tokenCode?: string; durationSeconds: number},
): Promise<SessionCredentials> {
  const {GetSessionTokenCommand} = await import('@aws-sdk/client-sts');
  const sts = await client(credentials, endpoint);
  try {
    const out = await sts.send(
      new GetSessionTokenCommand({
        SerialNumber: request.serialNumber,
        TokenCode: request.tokenCode,
        DurationSeconds: request.durationSeconds,
      }),
    );
    const c = out.Credentials;
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
  } finally {
    sts.destroy();
  }
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
export async function assumeRole(
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
  const {AssumeRoleCommand} = await import('@aws-sdk/client-sts');
  const sts = await client(credentials, endpoint);
  try {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.roleSessionName,
        DurationSeconds: request.durationSeconds,
        ExternalId: request.externalId,
        SerialNumber: request.serialNumber,
        TokenCode: request.tokenCode,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw Object.assign(new Error('STS answered without credentials.'), {
        name: 'IncompleteResponse',
      });
    }
    return {
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: new Date(c.Expiration),
      },
      assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '',
      arn: out.AssumedRoleUser?.Arn ?? '',
      requestId: out.$metadata.requestId,
      sourceIdentity: out.SourceIdentity,
      packedPolicySize: out.PackedPolicySize,
    };
  } finally {
    sts.destroy();
  }
}

/** GetCallerIdentity: who these credentials are. */
export async function getCallerIdentity(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<CallerIdentity> {
  const {GetCallerIdentityCommand} = await import('@aws-sdk/client-sts');
  const sts = await client(credentials, endpoint);
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    return {arn: out.Arn ?? '', account: out.Account ?? '', userId: out.UserId ?? ''};
  } finally {
    sts.destroy();
  }
}
