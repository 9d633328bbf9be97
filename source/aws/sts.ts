// The STS edge: every call is signed with credentials given explicitly, never the default chain.
import {clientConfig, type CallKind} from './client-config.js';
import type {Endpoint} from './endpoint.js';
import type {Transport} from './transport.js';

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
  kind: CallKind,
  call: (sdk: Sts, sts: StsClient, transport: Transport) => Promise<T>,
): Promise<T> {
  const sdk = await import('@aws-sdk/client-sts');
  const {config, transport} = clientConfig(credentials, endpoint, kind);
  const sts = new sdk.STSClient(config);
  try {
    return await call(sdk, sts, transport);
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

/** An access key id as AWS makes them; nothing a file or a shell line could misread. */
const accessKeyIdShape = /^[A-Z0-9]{16,128}$/;
/** Secrets and session tokens are base64. */
const base64Shape = /^[A-Za-z0-9+/=]+$/;

/**
 * The session in an answer, or the transport's `not-an-answer` when any part of it is missing or
 * not shaped as AWS makes it: what comes back is written to files and printed as shell lines.
 */
function sessionOf(c: StsCredentials | undefined, transport: Transport): SessionCredentials {
  const expiration = c?.Expiration ? new Date(c.Expiration) : undefined;
  if (
    !accessKeyIdShape.test(c?.AccessKeyId ?? '') ||
    !base64Shape.test(c?.SecretAccessKey ?? '') ||
    !base64Shape.test(c?.SessionToken ?? '') ||
    !expiration ||
    Number.isNaN(expiration.getTime())
  ) {
    throw transport.notAnAnswer();
  }
  return {
    accessKeyId: c!.AccessKeyId!,
    secretAccessKey: c!.SecretAccessKey!,
    sessionToken: c!.SessionToken!,
    expiration,
  };
}

/** GetSessionToken: trades long-term keys plus an MFA code for a session. */
export function getSessionToken(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  request: {serialNumber?: string; tokenCode?: string; durationSeconds: number},
): Promise<SessionCredentials> {
  const kind = {oneTimeCode: !!request.tokenCode};
  return withSts(credentials, endpoint, kind, async (sdk, sts, transport) => {
    const command = new sdk.GetSessionTokenCommand({
      SerialNumber: request.serialNumber,
      TokenCode: request.tokenCode,
      DurationSeconds: request.durationSeconds,
    });
    const out = await transport.send((abortSignal) => sts.send(command, {abortSignal}));
    return sessionOf(out.Credentials, transport);
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
  const kind = {oneTimeCode: !!request.tokenCode};
  return withSts(credentials, endpoint, kind, async (sdk, sts, transport) => {
    const command = new sdk.AssumeRoleCommand({
      RoleArn: request.roleArn,
      RoleSessionName: request.roleSessionName,
      DurationSeconds: request.durationSeconds,
      ExternalId: request.externalId,
      SerialNumber: request.serialNumber,
      TokenCode: request.tokenCode,
    });
    const out = await transport.send((abortSignal) => sts.send(command, {abortSignal}));
    return {
      credentials: sessionOf(out.Credentials, transport),
      assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '',
      arn: out.AssumedRoleUser?.Arn ?? '',
      requestId: out.$metadata.requestId,
      sourceIdentity: out.SourceIdentity,
      packedPolicySize: out.PackedPolicySize,
    };
  });
}

/** An ARN of an IAM or STS principal, with nothing a terminal would act on. */
const principalArnShape = /^arn:[a-z-]+:(iam|sts)::\d{12}:[\x21-\x7e]+$/;

/** GetCallerIdentity: who these credentials are; an answer without a principal is no answer. */
export function getCallerIdentity(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<CallerIdentity> {
  return withSts(credentials, endpoint, {oneTimeCode: false}, async (sdk, sts, transport) => {
    const command = new sdk.GetCallerIdentityCommand({});
    const out = await transport.send((abortSignal) => sts.send(command, {abortSignal}));
    const arn = out.Arn ?? '';
    const account = out.Account ?? '';
    if (!principalArnShape.test(arn) || !/^\d{12}$/.test(account) || !out.UserId) {
      throw transport.notAnAnswer();
    }
    return {arn, account, userId: out.UserId};
  });
}
