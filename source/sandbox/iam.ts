// IAM's ListMFADevices and access-key operations; a key deleted or made Inactive fails at STS.
import {Refusal} from './errors.js';
import type {HandlerContext, Operation, QueryService, Rule} from './query.js';
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

type Run<T> = (ctx: HandlerContext, on: T, params: URLSearchParams) => ReturnType<Operation['run']>;

/** An operation on the user a request is about: the caller's own, or UserName when the caller may see it. */
function forUser(rules: Rule[], run: Run<Principal>): Operation {
  return {
    rules: [{member: 'UserName', min: 1, max: 128, pattern: '[\\w+=,.@-]+'}, ...rules],
    run(ctx, {principal: p}, params) {
      const userName = params.get('UserName');
      if (userName === null && p.kind === 'role-session')
        return new Refusal('ValidationError', iamMessages.userNameRequired);
      if (userName === null) return run(ctx, p, params);
      const user = ctx.state.principals.find(
        (x) => x.kind === 'user' && x.accountId === p.accountId && x.name === userName,
      );
      if (!user) return new Refusal('NoSuchEntity', iamMessages.noSuchUser(userName));
      if (user !== p && p.kind !== 'root') {
        const action = params.get('Action')!;
        return new Refusal('AccessDenied', iamMessages.notAuthorized(p, userName, action));
      }
      return run(ctx, user, params);
    },
  };
}

/** A list of the user's items, one page at a time as IAM answers Marker and MaxItems. */
function listing<T>(
  list: string,
  itemsOf: (state: SandboxState, owner: Principal) => T[],
  member: (item: T) => Record<string, string>,
): Operation {
  const rules: Rule[] = [
    {member: 'Marker', min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+'},
    {member: 'MaxItems', integer: true, min: 1, max: 1000},
  ];
  return forUser(rules, (ctx, owner, params) => {
    // A page position as IAM hands it out: opaque to clients, an offset to the sandbox.
    const marker = params.get('Marker');
    const m = /^mfa-tui-sandbox:(\d+)$/.exec(Buffer.from(marker ?? '', 'base64').toString());
    if (marker !== null && !m) return new Refusal('ValidationError', iamMessages.invalidMarker);
    const start = m ? Number(m[1]) : 0;
    const items = itemsOf(ctx.state, owner);
    const end = start + Number(params.get('MaxItems') ?? 100);
    const truncated = end < items.length;
    const page = items.slice(start, end).map((x) => ({UserName: owner.name, ...member(x)}));
    return {
      [list]: {member: page},
      IsTruncated: String(truncated),
      Marker: truncated ? Buffer.from(`mfa-tui-sandbox:${end}`).toString('base64') : undefined,
    };
  });
}

/** An operation on a key the request names, if it is one of the user's the request is about. */
function onKey(rules: Rule[], change: Run<LongTermKey>): Operation {
  const keyIdRule = {member: 'AccessKeyId', required: true, min: 16, max: 128, pattern: '[\\w]+'};
  return forUser([keyIdRule, ...rules], (ctx, owner, params) => {
    const id = params.get('AccessKeyId')!;
    const key = ctx.state.longTermKeys.get(id);
    if (!key || key.principal !== owner)
      return new Refusal('NoSuchEntity', iamMessages.noSuchKey(id));
    return change(ctx, key, params);
  });
}

/** IAM as the sandbox answers it; anything but its operations is InvalidAction. */
export const iam: QueryService = {
  name: 'iam',
  version: '2010-05-08',
  operations: {
    ListMFADevices: listing(
      'MFADevices',
      (state, owner) => state.devicesOf(owner),
      (d) => ({SerialNumber: d.serial, EnableDate: formatRfc3339(d.enabledAt)}),
    ),
    ListAccessKeys: listing(
      'AccessKeyMetadata',
      (state, owner) => state.keysOf(owner),
      (k) => ({
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: formatRfc3339(k.createdAt),
      }),
    ),
    CreateAccessKey: forUser([], (ctx, owner) => {
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
    }),
    UpdateAccessKey: onKey(
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
    DeleteAccessKey: onKey([], (ctx, key) => void ctx.state.deleteKey(key)),
  },
};
