// What IAM's operations share: its messages, page markers, and whose resources a request is about.
import type {Caller} from './authenticate.js';
import {Refusal} from './errors.js';
import type {HandlerContext} from './query.js';
import type {Principal} from './state.js';

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

/** IAM's limit on access keys per user, active or not. */
export const keysPerUser = 2;

/** A page position as IAM hands it out: opaque to clients, an offset to the sandbox. */
function encodeMarker(offset: number): string {
  return Buffer.from(`mfa-tui-sandbox:${offset}`).toString('base64');
}

function decodeMarker(marker: string): number | undefined {
  const m = /^mfa-tui-sandbox:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/** One page of a list, as IAM answers Marker and MaxItems: the items, IsTruncated, next Marker. */
export function page<T>(
  items: T[],
  params: URLSearchParams,
): Refusal | {items: T[]; IsTruncated: string; Marker?: string} {
  const marker = params.get('Marker');
  const start = marker === null ? 0 : decodeMarker(marker);
  if (start === undefined) return new Refusal('ValidationError', iamMessages.invalidMarker);
  const max = Number(params.get('MaxItems') ?? 100);
  const truncated = start + max < items.length;
  return {
    items: items.slice(start, start + max),
    IsTruncated: truncated ? 'true' : 'false',
    Marker: truncated ? encodeMarker(start + max) : undefined,
  };
}

/** The rules of IAM's paging parameters. */
export const pagingRules = [
  {member: 'Marker', min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+'},
  {member: 'MaxItems', integer: true as const, min: 1, max: 1000},
];

/** The rule of IAM's UserName parameter. */
export const userNameRule = {member: 'UserName', min: 1, max: 128, pattern: '[\\w+=,.@-]+'};

/** The user a request is about: the caller's own, or UserName when the caller may see it. */
export function whose(
  ctx: HandlerContext,
  caller: Caller,
  userName: string | null,
  action?: string,
): Principal | Refusal {
  const p = caller.principal;
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
