// The STS edge: every call is signed with credentials given explicitly, never the default chain.
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
  return new STSClient({
    credentials,
    region: endpoint.region,
    endpoint: endpoint.url,
    maxAttempts: 3,
  });
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
