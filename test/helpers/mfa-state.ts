// A sandbox world for MFA device discovery: IAM users with no, one and two MFA devices, a root user,
// and a role any user of the account may assume.
import {derivedId, derivedSecret, derivedTotpSecret} from '../../source/sandbox/demo-state.js';
import type {StateFile} from '../../source/sandbox/state-file.js';

export const discoveryAccount = '123456789012';

const key = (label: string) => ({
  accessKeyId: derivedId('AKIA', `discovery/${label}/id`, 16),
  secretAccessKey: derivedSecret(`discovery/${label}/secret`),
});
const device = (name: string, enableDate?: string) => ({
  serial: name,
  secret: derivedTotpSecret(`discovery/${name}`),
  ...(enableDate ? {enableDate} : {}),
});

/** Users `none` (no device), `one` (one device), `two` (two devices), and `root`. */
export function discoveryState(): StateFile {
  return {
    accounts: [
      {
        id: discoveryAccount,
        root: {accessKeys: [key('root')], mfaDevices: [device('root-account-mfa-device')]},
        users: [
          {name: 'none', accessKeys: [key('none')]},
          {
            name: 'one',
            accessKeys: [key('one')],
            mfaDevices: [device('one', '2025-03-04T05:06:07Z')],
          },
          {
            name: 'two',
            accessKeys: [key('two')],
            mfaDevices: [device('two-phone'), device('two-yubikey')],
          },
        ],
        roles: [{name: 'Reader', trust: [`arn:aws:iam::${discoveryAccount}:root`]}],
      },
    ],
  };
}

export const serialOf = (name: string) => `arn:aws:iam::${discoveryAccount}:mfa/${name}`;
