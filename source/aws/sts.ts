// The STS edge: every call is signed with credentials given explicitly, never the default chain.
import {clientConfig} from './client-config.js';
import type {Endpoint} from './endpoint.js';
import type {Transport} from './transport.js';

export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

export type SessionCredentials = StaticCredentials & {sessionToken: string; expiration: Date};

type Sts = typeof import('@aws-sdk/client-sts');
type StsClient = InstanceType<Sts['STSClient']>;

/** Runs one call on an STS client built for it; the SDK loads only now. */
async function withSts<T>(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  oneTimeCode: boolean,
  call: (sdk: Sts, sts: StsClient, transport: Transport) => Promise<T>,
): Promise<T> {
  const sdk = await import('@aws-sdk/client-sts');
  const {config, transport} = clientConfig(credentials, endpoint, oneTimeCode);
  const sts = new sdk.STSClient(config);
  try {
    return await call(sdk, sts, transport);
  } finally {
    sts.destroy();
  }
}

/** An access key id as AWS makes them; nothing a file or a shell line could misread. */
const accessKeyIdShape = /^[A-Z0-9]{16,128}$/;
/** Secrets and session tokens are base64. */
const base64Shape = /^[A-Za-z0-9+/=]+$/;

/**
 * The session in an answer, or the transport's `not-an-answer` when any part of it is missing or
 * not shaped as AWS makes it: what comes back is written to files and printed as shell lines.
 */
function sessionOf(
  c: import('@aws-sdk/client-sts').Credentials | undefined,
  transport: Transport,
): SessionCredentials {
  const expiration = new Date(c?.Expiration ?? Number.NaN);
  const {AccessKeyId = '', SecretAccessKey = '', SessionToken = ''} = c ?? {};
  if (
    !accessKeyIdShape.test(AccessKeyId) ||
    !base64Shape.test(SecretAccessKey) ||
    !base64Shape.test(SessionToken) ||
    Number.isNaN(expiration.getTime())
  ) {
    throw transport.notAnAnswer();
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiration,
  };
}

/** GetSessionToken: trades long-term keys plus an MFA code for a session. */
export function getSessionToken(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  request: {serialNumber?: string; tokenCode?: string; durationSeconds: number},
): Promise<SessionCredentials> {
  return withSts(credentials, endpoint, !!request.tokenCode, async (sdk, sts, transport) => {
    const command = new sdk.GetSessionTokenCommand({
      SerialNumber: request.serialNumber,
      TokenCode: request.tokenCode,
      DurationSeconds: request.durationSeconds,
    });
    const out = await transport.send((abortSignal) => sts.send(command, {abortSignal}));
    return sessionOf(out.Credentials, transport);
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
  return withSts(credentials, endpoint, !!request.tokenCode, async (sdk, sts, transport) => {
    const command = new sdk.AssumeRoleCommand({
      RoleArn: request.roleArn,
      RoleSessionName: request.roleSessionName,
      DurationSeconds: request.durationSeconds,
      ExternalId: request.externalId,
      SerialNumber: request.serialNumber,
      TokenCode: request.tokenCode,
    });
    const out = await transport.send((abortSignal) => sts.send(command, {abortSignal}));
    // With the role session, what the AWS CLI's cache keeps beside it.
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
export function getCallerIdentity(credentials: StaticCredentials, endpoint: Endpoint) {
  return withSts(credentials, endpoint, false, async (sdk, sts, transport) => {
    const command = new sdk.GetCallerIdentityCommand({});
    const out = await transport.send((abortSignal) => sts.send(command, {abortSignal}));
    const {Arn: arn = '', Account: account = '', UserId: userId} = out;
    if (!principalArnShape.test(arn) || !/^\d{12}$/.test(account) || !userId) {
      throw transport.notAnAnswer();
    }
    return {arn, account, userId};
  });
}
