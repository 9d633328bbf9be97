// The IAM operations the sandbox answers — ListMFADevices and the access-key operations — with
// IAM's parameters, paging, errors and XML (query protocol, version 2010-05-08, SigV4 scoped to
// service `iam`).
import {accessKeyOperations} from './iam-keys.js';
import {page, pagingRules, userNameRule, whose} from './iam-common.js';
import {Refusal} from './errors.js';
import type {Operation, QueryService} from './query.js';
import {isoSeconds} from './state.js';
import {iamNamespace} from './xml.js';

export {iamMessages} from './iam-common.js';

const listMfaDevices: Operation = {
  rules: [userNameRule, ...pagingRules],
  run(ctx, caller, params) {
    const owner = whose(ctx, caller, params.get('UserName'));
    if (owner instanceof Refusal) return owner;
    const found = page(ctx.state.devicesOf(owner), params);
    if (found instanceof Refusal) return found;
    const {items, ...rest} = found;
    return {
      MFADevices: {
        member: items.map((d) => ({
          UserName: owner.name,
          SerialNumber: d.serial,
          EnableDate: isoSeconds(d.enabledAt),
        })),
      },
      ...rest,
    };
  },
};

/** IAM as the sandbox answers it; anything but its operations is InvalidAction. */
export const iam: QueryService = {
  name: 'iam',
  version: '2010-05-08',
  namespace: iamNamespace,
  operations: {ListMFADevices: listMfaDevices, ...accessKeyOperations},
};
