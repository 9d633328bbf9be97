// The IAM edge: ListMFADevices and the access-key calls, signed with credentials given explicitly,
// never the default chain.
import type * as Iam from '@aws-sdk/client-iam';
import {fits, isTime, readAll} from './answer-shapes.js';
import {withClient, type ClientKind, type CommandOf, type Send} from './client.js';
import type {Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';

/** One access key of an IAM user, as IAM lists it (never its secret). */
export type ListedAccessKey = {
  accessKeyId: string;
  status: 'Active' | 'Inactive' | 'Expired';
  createdAt?: Date;
};

const iam: ClientKind<typeof Iam> = {
  load: () => import('@aws-sdk/client-iam'),
  build: (sdk, config) => new sdk.IAMClient(config),
};

const maybeTime = (value: unknown) => value === undefined || isTime(value);

/** Every page of an IAM list (IsTruncated, Marker); a bound keeps a broken server from looping. */
async function allPages<O extends {IsTruncated?: boolean; Marker?: string}, T>(
  send: Send,
  command: (Marker: string | undefined) => CommandOf<O>,
  items: (out: O) => T[] | undefined,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await send(command(marker), (o) => {
      const got = items(o);
      return got && {got, next: o.IsTruncated ? o.Marker : undefined};
    });
    all.push(...out.got);
    if (!out.next) break;
    marker = out.next;
  }
  return all;
}

/** IAM ListMFADevices for the user the keys belong to, every page. */
export function listMfaDevices(credentials: StaticCredentials, endpoint: Endpoint) {
  return withClient(iam, credentials, endpoint, false, (sdk, send) =>
    allPages(
      send,
      (Marker) => new sdk.ListMFADevicesCommand({Marker}),
      (out) =>
        readAll(out.MFADevices, ({SerialNumber: serial, UserName, EnableDate: enabledAt}) =>
          fits(serial, 'mfaSerial') &&
          (UserName === undefined || fits(UserName, 'userName')) &&
          maybeTime(enabledAt)
            ? {serial, userName: UserName ?? '', enabledAt}
            : undefined,
        ),
    ),
  );
}

/** IAM ListAccessKeys for the user the credentials belong to, every page. */
export function listAccessKeys(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<ListedAccessKey[]> {
  return withClient(iam, credentials, endpoint, false, (sdk, send) =>
    allPages(
      send,
      (Marker) => new sdk.ListAccessKeysCommand({Marker}),
      (out) =>
        readAll(out.AccessKeyMetadata, ({AccessKeyId, Status = 'Active', CreateDate}) =>
          fits(AccessKeyId, 'accessKeyId') && fits(Status, 'keyStatus') && maybeTime(CreateDate)
            ? {accessKeyId: AccessKeyId, status: Status, createdAt: CreateDate}
            : undefined,
        ),
    ),
  );
}

/** IAM CreateAccessKey for the user the credentials belong to: the only time a secret is shown. */
export function createAccessKey(credentials: StaticCredentials, endpoint: Endpoint) {
  return withClient(iam, credentials, endpoint, false, (sdk, send) =>
    send(new sdk.CreateAccessKeyCommand({}), ({AccessKey: key}) =>
      fits(key?.AccessKeyId, 'accessKeyId') &&
      fits(key.SecretAccessKey, 'base64') &&
      maybeTime(key.CreateDate)
        ? {
            accessKeyId: key.AccessKeyId,
            secretAccessKey: key.SecretAccessKey,
            createdAt: key.CreateDate,
          }
        : undefined,
    ),
  );
}

/** IAM UpdateAccessKey: makes one of the caller's keys Active or Inactive. */
export function updateAccessKey(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  accessKeyId: string,
  status: 'Active' | 'Inactive',
): Promise<void> {
  return withClient(iam, credentials, endpoint, false, async (sdk, send) => {
    await send(new sdk.UpdateAccessKeyCommand({AccessKeyId: accessKeyId, Status: status}), ok);
  });
}

/** IAM DeleteAccessKey: deletes one of the caller's keys for good. */
export function deleteAccessKey(
  credentials: StaticCredentials,
  endpoint: Endpoint,
  accessKeyId: string,
): Promise<void> {
  return withClient(iam, credentials, endpoint, false, async (sdk, send) => {
    await send(new sdk.DeleteAccessKeyCommand({AccessKeyId: accessKeyId}), ok);
  });
}

/** An answer that carries nothing but its success. */
const ok = () => true;
