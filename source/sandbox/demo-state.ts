// The built-in demo world, and the stable ids, keys and seeds it (and test worlds) are made of.
import {createHash} from 'node:crypto';
import type {AccessKeyFile, MfaDeviceFile, StateFile} from './state-file.js';
import {base32Encode} from './totp.js';

const digest = (label: string) => createHash('sha512').update(`mfa-tui sandbox/${label}`).digest();

/** A stable id of AWS's shape (prefix + upper-case letters and digits) derived from a label. */
export const derivedId = (prefix: string, label: string, length: number) =>
  prefix + base32Encode(digest(label)).slice(0, length);

/** A stable 40-character secret access key derived from a label. */
export const derivedSecret = (label: string) => digest(label).subarray(0, 30).toString('base64');

/** A stable 64-character base32 TOTP seed (40 bytes, as AWS issues) derived from a label. */
export const derivedTotpSecret = (label: string) => base32Encode(digest(label).subarray(0, 40));

const demoAccount = '111122223333';
const demoProdAccount = '444455556666';

const demoKey = (label: string, status: AccessKeyFile['status'] = 'Active'): AccessKeyFile => ({
  accessKeyId: derivedId('AKIA', `demo/${label}/id`, 16),
  secretAccessKey: derivedSecret(`demo/${label}/secret`),
  status,
});

const demoMfa = (name: string): MfaDeviceFile => ({
  serial: `arn:aws:iam::${demoAccount}:mfa/${name}`,
  secret: derivedTotpSecret(`demo/mfa/${name}`),
});

/** The built-in demo world: deterministic keys, so sample files and docs stay stable. */
export function demoStateFile(): StateFile {
  const user = (name: string) => `arn:aws:iam::${demoAccount}:user/${name}`;
  return {
    accounts: [
      {
        id: demoAccount,
        alias: 'demo',
        root: {accessKeys: [demoKey('root')], mfaDevices: [demoMfa('root-account-mfa-device')]},
        users: [
          {
            name: 'alice',
            // The old key is deleted, so alice holds one key and can rotate it (IAM allows two).
            accessKeys: [demoKey('alice'), demoKey('alice-old', 'Deleted')],
            mfaDevices: [demoMfa('alice')],
          },
          {name: 'bob', accessKeys: [demoKey('bob')], mfaDevices: [demoMfa('bob')]},
          {name: 'carol', accessKeys: [demoKey('carol')]},
        ],
        roles: [
          {name: 'Admin', trust: [user('alice')], requireMfa: true, maxSessionDuration: 43200},
          {name: 'ReadOnly', trust: [`arn:aws:iam::${demoAccount}:root`]},
        ],
      },
      {
        id: demoProdAccount,
        alias: 'demo-prod',
        roles: [{name: 'Deploy', trust: [user('bob')], requireMfa: true, maxSessionDuration: 7200}],
      },
    ],
  };
}
