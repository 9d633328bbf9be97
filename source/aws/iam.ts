// The IAM edge: ListMFADevices and the access-key calls, signed with credentials given explicitly,
// never the default chain.
import type * as Iam from '@aws-sdk/client-iam';
import {clientConfig} from './client-config.js';
import type {Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';

/** One access key of an IAM user, as IAM lists it (never its secret). */
export type ListedAccessKey = {
  accessKeyId: string;
  status: 'Active' | 'Inactive' | 'Expired';
  createdAt?: Date;
};

type Send = <O>(command: unknown) => Promise<O>;

/** Runs `use` with an IAM client for these credentials; the SDK is loaded only now. */
async function withIam<T>(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  use: (sdk: typeof Iam, send: Send) => Promise<T>,
): Promise<T> {
  const sdk = await import('@aws-sdk/client-iam');
  const {config, transport} = clientConfig(credentials, endpoint);
  const iam = new sdk.IAMClient(config);
  const send: Send = <O>(command: unknown) =>
    transport.send((abortSignal) => iam.send(command as never, {abortSignal}) as Promise<O>);
  try {
    return await use(sdk, send);
  } finally {
    iam.destroy();
  }
}

/** Every page of an IAM list (IsTruncated, Marker); a bound keeps a broken server from looping. */
async function allPages<O extends {IsTruncated?: boolean; Marker?: string}, T>(
  send: Send,
  command: (Marker: string | undefined) => unknown,
  items: (out: O) => T[],
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await send<O>(command(marker));
    all.push(...items(out));
    if (!out.IsTruncated || !out.Marker) break;
    marker = out.Marker;
  }
  return all;
}

/** IAM ListMFADevices for the user the keys belong to, every page. */
export function listMfaDevices(credentials: StaticCredentials, endpoint: Endpoint) {
  return withIam(credentials, endpoint, (sdk, send) =>
    allPages(
      send,
      (Marker) => new sdk.ListMFADevicesCommand({Marker}),
      (out: Iam.ListMFADevicesResponse) =>
        (out.MFADevices ?? []).flatMap((d) =>
          d.SerialNumber
            ? [{serial: d.SerialNumber, userName: d.UserName ?? '', enabledAt: d.EnableDate}]
            : [],
        ),
    ),
  );
}

/** IAM ListAccessKeys for the user the credentials belong to, every page. */
export function listAccessKeys(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<ListedAccessKey[]> {
  return withIam(credentials, endpoint, (sdk, send) =>
    allPages(
      send,
      (Marker) => new sdk.ListAccessKeysCommand({Marker}),
      (out: Iam.ListAccessKeysResponse) =>
        (out.AccessKeyMetadata ?? []).flatMap(({AccessKeyId, Status, CreateDate}) =>
          AccessKeyId
            ? [{accessKeyId: AccessKeyId, status: Status ?? 'Active', createdAt: CreateDate}]
            : [],
        ),
    ),
  );
}

/** IAM CreateAccessKey for the user the credentials belong to: the only time a secret is shown. */
export function createAccessKey(credentials: StaticCredentials, endpoint: Endpoint) {
  return withIam(credentials, endpoint, async (sdk, send) => {
    const {AccessKey: key} = await send<Iam.CreateAccessKeyResponse>(
      new sdk.CreateAccessKeyCommand({}),
    );
    if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error('IAM answered no access key');
    return {
      accessKeyId: key.AccessKeyId,
      secretAccessKey: key.SecretAccessKey,
      createdAt: key.CreateDate,
    };
  });
}

/** IAM UpdateAccessKey: makes one of the caller's keys Active or Inactive. */
export function updateAccessKey(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  accessKeyId: string,
  status: 'Active' | 'Inactive',
): Promise<void> {
  return withIam(credentials, endpoint, async (sdk, send) => {
    await send(new sdk.UpdateAccessKeyCommand({AccessKeyId: accessKeyId, Status: status}));
  });
}

/** IAM DeleteAccessKey: deletes one of the caller's keys for good. */
export function deleteAccessKey(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  accessKeyId: string,
): Promise<void> {
  return withIam(credentials, endpoint, async (sdk, send) => {
    await send(new sdk.DeleteAccessKeyCommand({AccessKeyId: accessKeyId}));
  });
}
