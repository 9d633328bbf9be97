// The IAM edge: ListMFADevices, signed with credentials given explicitly, never the default chain.
import {clientConfig} from './client-config.js';
import type {Endpoint} from './endpoint.js';
import type {StaticCredentials} from './sts.js';

/** One MFA device of an IAM user, as IAM lists it. */
export type ListedMfaDevice = {serial: string; userName: string; enabledAt?: Date};

/** IAM ListMFADevices for the user the keys belong to, every page; the SDK is loaded only now. */
export async function listMfaDevices(
  credentials: StaticCredentials,
  endpoint: Endpoint,
): Promise<ListedMfaDevice[]> {
  const {IAMClient, ListMFADevicesCommand} = await import('@aws-sdk/client-iam');
  const {config, transport} = clientConfig(credentials, endpoint);
  const iam = new IAMClient(config);
  try {
    const devices: ListedMfaDevice[] = [];
    let marker: string | undefined;
    // IAM may answer fewer items than asked and say so with IsTruncated; a bound keeps a broken
    // server from looping forever.
    for (let page = 0; page < 100; page++) {
      const command = new ListMFADevicesCommand({Marker: marker});
      const out = await transport.send((abortSignal) => iam.send(command, {abortSignal}));
      for (const d of out.MFADevices ?? []) {
        if (!d.SerialNumber) continue;
        devices.push({serial: d.SerialNumber, userName: d.UserName ?? '', enabledAt: d.EnableDate});
      }
      if (!out.IsTruncated || !out.Marker) break;
      marker = out.Marker;
    }
    return devices;
  } finally {
    iam.destroy();
  }
}
