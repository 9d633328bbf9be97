// The IAM edge: ListMFADevices and the access-key calls, signed with credentials given explicitly,
// never the default chain.
import {clientConfig} from './client-config.js';
import type {Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';

/** One MFA device of an IAM user, as IAM lists it. */
export type ListedMfaDevice = {serial: string; userName: string; enabledAt?: Date};

/** One access key of an IAM user, as IAM lists it (never its secret). */
export type ListedAccessKey = {
  accessKeyId: string;
  status: 'Active' | 'Inactive' | 'Expired';
  createdAt?: Date;
};

/** A key IAM just made: the only time its secret is shown. */
export type CreatedAccessKey = StaticCredentials & {createdAt?: Date};

type Sdk = typeof import('@aws-sdk/client-iam');
type Send = <O>(command: unknown) => Promise<O>;

/** Runs `use` with an IAM client for these credentials; the SDK is loaded only now. */
async function withIam<T>(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  use: (sdk: Sdk, send: Send) => Promise<T>,
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

/** Every page of a list IAM answers with IsTruncated and Marker; a bound keeps a broken server from looping. */
async function allPages<T>(
  fetch: (
    marker: string | undefined,
  ) => Promise<{items: T[]; IsTruncated?: boolean; Marker?: string}>,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await fetch(marker);
    all.push(...out.items);
    if (!out.IsTruncated || !out.Marker) break;
    marker = out.Marker;
  }
  return all;
}

/** IAM ListMFADevices for the user the keys belong to, every page. */
export function listMfaDevices(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<ListedMfaDevice[]> {
  return withIam(credentials, endpoint, (sdk, send) =>
    allPages(async (Marker) => {
      const out = await send<import('@aws-sdk/client-iam').ListMFADevicesResponse>(
        new sdk.ListMFADevicesCommand({Marker}),
      );
      const items = (out.MFADevices ?? []).flatMap((d) =>
        d.SerialNumber
          ? [{serial: d.SerialNumber, userName: d.UserName ?? '', enabledAt: d.EnableDate}]
          : [],
      );
      return {items, IsTruncated: out.IsTruncated, Marker: out.Marker};
    }),
  );
}

/** IAM ListAccessKeys for the user the credentials belong to, every page. */
export function listAccessKeys(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<ListedAccessKey[]> {
  return withIam(credentials, endpoint, (sdk, send) =>
    allPages(async (Marker) => {
      const out = await send<import('@aws-sdk/client-iam').ListAccessKeysResponse>(
        new sdk.ListAccessKeysCommand({Marker}),
      );
      const items = (out.AccessKeyMetadata ?? []).flatMap((k) =>
        k.AccessKeyId
          ? [
              {
                accessKeyId: k.AccessKeyId,
                status: (k.Status ?? 'Active') as ListedAccessKey['status'],
                createdAt: k.CreateDate,
              },
            ]
          : [],
      );
      return {items, IsTruncated: out.IsTruncated, Marker: out.Marker};
    }),
  );
}

/** IAM CreateAccessKey for the user the credentials belong to. */
export function createAccessKey(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<CreatedAccessKey> {
  return withIam(credentials, endpoint, async (sdk, send) => {
    const out = await send<import('@aws-sdk/client-iam').CreateAccessKeyResponse>(
      new sdk.CreateAccessKeyCommand({}),
    );
    const key = out.AccessKey;
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
