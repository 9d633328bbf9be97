// IAM's access-key operations: list, create (two keys per user at most), update, delete. A key
// deleted or made Inactive is refused by STS from then on (InvalidClientTokenId).
import type {Caller} from './authenticate.js';
import {iamMessages, keysPerUser, page, pagingRules, userNameRule, whose} from './iam-common.js';
import {Refusal} from './errors.js';
import type {HandlerContext, Operation, Rule} from './query.js';
import type {LongTermKey} from './state.js';
import {isoSeconds} from './state.js';

const keyIdRule: Rule = {
  member: 'AccessKeyId',
  required: true,
  min: 16,
  max: 128,
  pattern: '[\\w]+',
};

/** The key a request names, if it is one of the user's the request is about. */
function namedKey(
  ctx: HandlerContext,
  caller: Caller,
  params: URLSearchParams,
  action: string,
): LongTermKey | Refusal {
  const owner = whose(ctx, caller, params.get('UserName'), action);
  if (owner instanceof Refusal) return owner;
  const id = params.get('AccessKeyId')!;
  const key = ctx.state.longTermKeys.get(id);
  if (!key || key.principal !== owner)
    return new Refusal('NoSuchEntity', iamMessages.noSuchKey(id));
  return key;
}

const listAccessKeys: Operation = {
  rules: [userNameRule, ...pagingRules],
  run(ctx, caller, params) {
    const owner = whose(ctx, caller, params.get('UserName'), 'ListAccessKeys');
    if (owner instanceof Refusal) return owner;
    const found = page(ctx.state.keysOf(owner), params);
    if (found instanceof Refusal) return found;
    const {items, ...rest} = found;
    return {
      AccessKeyMetadata: {
        member: items.map((k) => ({
          UserName: owner.name,
          AccessKeyId: k.accessKeyId,
          Status: k.status,
          CreateDate: isoSeconds(k.createdAt),
        })),
      },
      ...rest,
    };
  },
};

const createAccessKey: Operation = {
  rules: [userNameRule],
  run(ctx, caller, params) {
    const owner = whose(ctx, caller, params.get('UserName'), 'CreateAccessKey');
    if (owner instanceof Refusal) return owner;
    if (ctx.state.keysOf(owner).length >= keysPerUser)
      return new Refusal('LimitExceeded', iamMessages.keyLimit);
    const key = ctx.state.createKey(owner, ctx.clock.now(), ctx.faults.newKeyDelayMs);
    return {
      AccessKey: {
        UserName: owner.name,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: isoSeconds(key.createdAt),
      },
    };
  },
};

const updateAccessKey: Operation = {
  rules: [
    userNameRule,
    keyIdRule,
    {member: 'Status', required: true, oneOf: ['Active', 'Inactive', 'Expired']},
  ],
  run(ctx, caller, params) {
    const key = namedKey(ctx, caller, params, 'UpdateAccessKey');
    if (key instanceof Refusal) return key;
    const status = params.get('Status');
    // IAM accepts Expired only for keys it expires itself; a caller cannot set it.
    if (status !== 'Active' && status !== 'Inactive')
      return new Refusal('ValidationError', `Invalid status: ${status}`);
    key.status = status;
    return undefined;
  },
};

const deleteAccessKey: Operation = {
  rules: [userNameRule, keyIdRule],
  run(ctx, caller, params) {
    const key = namedKey(ctx, caller, params, 'DeleteAccessKey');
    if (key instanceof Refusal) return key;
    ctx.state.deleteKey(key);
    return undefined;
  },
};

/** The access-key operations, by action name. */
export const accessKeyOperations: Record<string, Operation> = {
  ListAccessKeys: listAccessKeys,
  CreateAccessKey: createAccessKey,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
};
