// IAM as the sandbox answers it (query protocol 2010-05-08, SigV4 service `iam`): ListMFADevices
// and the access-key operations. A key deleted or made Inactive is refused by STS from then on.
import {Refusal} from './errors.js';
import type {Caller, HandlerContext, Operation, QueryService, Rule} from './query.js';
import type {LongTermKey, Principal, SandboxState} from './state.js';
import {formatRfc3339} from '../core/expiry.js';

/** IAM's own messages, as the clients print them. */
export const iamMessages = {
  userNameRequired: 'Must specify userName when calling with non-User credentials',
  invalidMarker: 'Invalid Marker.',
  noSuchUser: (name: string) => `The user with name ${name} cannot be found.`,
  noSuchKey: (id: string) => `The Access Key with id ${id} cannot be found.`,
  keyLimit: 'Cannot exceed quota for AccessKeysPerUser: 2',
  notAuthorized: (caller: Principal, user: string, action = 'ListMFADevices') =>
    `User: ${caller.arn} is not authorized to perform: iam:${action} on resource: user ${user} because no identity-based policy allows the iam:${action} action`,
} as const;

const userNameRule = {member: 'UserName', min: 1, max: 128, pattern: '[\\w+=,.@-]+'};
const keyIdRule = {member: 'AccessKeyId', required: true, min: 16, max: 128, pattern: '[\\w]+'};

/** A page position as IAM hands it out: opaque to clients, an offset to the sandbox. */
function decodeMarker(marker: string | null): number | undefined {
  if (marker === null) return 0;
  const m = /^mfa-tui-sandbox:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/** The user a request is about: the caller's own, or UserName when the caller may see it. */
function whose(
  ctx: HandlerContext,
  caller: Caller,
  params: URLSearchParams,
  action: string,
): Principal | Refusal {
  const p = caller.principal;
  const userName = params.get('UserName');
  if (userName === null) {
    return p.kind === 'role-session'
      ? new Refusal('ValidationError', iamMessages.userNameRequired)
      : p;
  }
  const user = ctx.state.principals.find(
    (x) => x.kind === 'user' && x.accountId === p.accountId && x.name === userName,
  );
  if (!user) return new Refusal('NoSuchEntity', iamMessages.noSuchUser(userName));
  if (user !== p && p.kind !== 'root')
    return new Refusal('AccessDenied', iamMessages.notAuthorized(p, userName, action));
  return user;
}

/** A list of the user's items, one page at a time as IAM answers Marker and MaxItems. */
function listing<T>(
  action: string,
  list: string,
  itemsOf: (state: SandboxState, owner: Principal) => T[],
  member: (item: T) => Record<string, string>,
): Operation {
  return {
    rules: [
      userNameRule,
      {member: 'Marker', min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+'},
      {member: 'MaxItems', integer: true, min: 1, max: 1000},
    ],
    run(ctx, caller, params) {
      const owner = whose(ctx, caller, params, action);
      if (owner instanceof Refusal) return owner;
      const start = decodeMarker(params.get('Marker'));
      if (start === undefined) return new Refusal('ValidationError', iamMessages.invalidMarker);
      const items = itemsOf(ctx.state, owner);
      const end = start + Number(params.get('MaxItems') ?? 100);
      const truncated = end < items.length;
      return {
        [list]: {
          member: items.slice(start, end).map((x) => ({UserName: owner.name, ...member(x)})),
        },
        IsTruncated: String(truncated),
        Marker: truncated ? Buffer.from(`mfa-tui-sandbox:${end}`).toString('base64') : undefined,
      };
    },
  };
}

/** An operation on a key the request names, if it is one of the user's the request is about. */
function onKey(
  action: string,
  rules: Rule[],
  change: (ctx: HandlerContext, key: LongTermKey, params: URLSearchParams) => Refusal | undefined,
): Operation {
  return {
    rules: [userNameRule, keyIdRule, ...rules],
    run(ctx, caller, params) {
      const owner = whose(ctx, caller, params, action);
      if (owner instanceof Refusal) return owner;
      const id = params.get('AccessKeyId')!;
      const key = ctx.state.longTermKeys.get(id);
      if (!key || key.principal !== owner)
        return new Refusal('NoSuchEntity', iamMessages.noSuchKey(id));
      return change(ctx, key, params);
    },
  };
}

const createAccessKey: Operation = {
  rules: [userNameRule],
  run(ctx, caller, params) {
    const owner = whose(ctx, caller, params, 'CreateAccessKey');
    if (owner instanceof Refusal) return owner;
    // IAM's limit counts every key a user holds, active or not.
    if (ctx.state.keysOf(owner).length >= 2)
      return new Refusal('LimitExceeded', iamMessages.keyLimit);
    const key = ctx.state.createKey(owner, ctx.clock.now(), ctx.faults.newKeyDelayMs);
    return {
      AccessKey: {
        UserName: owner.name,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: formatRfc3339(key.createdAt),
      },
    };
  },
};

/** IAM as the sandbox answers it; anything but its operations is InvalidAction. */
export const iam: QueryService = {
  name: 'iam',
  version: '2010-05-08',
  operations: {
    ListMFADevices: listing(
      'ListMFADevices',
      'MFADevices',
      (state, owner) => state.devicesOf(owner),
      (d) => ({SerialNumber: d.serial, EnableDate: formatRfc3339(d.enabledAt)}),
    ),
    ListAccessKeys: listing(
      'ListAccessKeys',
      'AccessKeyMetadata',
      (state, owner) => state.keysOf(owner),
      (k) => ({
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: formatRfc3339(k.createdAt),
      }),
    ),
    CreateAccessKey: createAccessKey,
    UpdateAccessKey: onKey(
      'UpdateAccessKey',
      [{member: 'Status', required: true, oneOf: ['Active', 'Inactive', 'Expired']}],
      (_ctx, key, params) => {
        const status = params.get('Status');
        // IAM accepts Expired only for keys it expires itself; a caller cannot set it.
        if (status !== 'Active' && status !== 'Inactive')
          return new Refusal('ValidationError', `Invalid status: ${status}`);
        key.status = status;
        return undefined;
      },
    ),
    DeleteAccessKey: onKey('DeleteAccessKey', [], (ctx, key) => void ctx.state.deleteKey(key)),
  },
};
