// The IAM operations the sandbox answers — ListMFADevices — with IAM's parameters, paging, errors
// and XML (query protocol, version 2010-05-08, SigV4 scoped to service `iam`).
import type {Caller} from './authenticate.js';
import {Refusal} from './errors.js';
import type {HandlerContext, Operation, QueryService} from './query.js';
import type {Principal} from './state.js';
import {isoSeconds} from './state.js';
import {iamNamespace} from './xml.js';

/** IAM's own messages, as the clients print them. */
export const iamMessages = {
  userNameRequired: 'Must specify userName when calling with non-User credentials',
  invalidMarker: 'Invalid Marker.',
  noSuchUser: (name: string) => `The user with name ${name} cannot be found.`,
  notAuthorized: (caller: Principal, user: string) =>
    `User: ${caller.arn} is not authorized to perform: iam:ListMFADevices on resource: user ${user} because no identity-based policy allows the iam:ListMFADevices action`,
} as const;

/** A page position as IAM hands it out: opaque to clients, an offset to the sandbox. */
function encodeMarker(offset: number): string {
  return Buffer.from(`mfa-tui-sandbox:${offset}`).toString('base64');
}

function decodeMarker(marker: string): number | undefined {
  const m = /^mfa-tui-sandbox:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/** The user a request is about: the caller's own, or UserName when the caller may see it. */
function whose(ctx: HandlerContext, caller: Caller, userName: string | null): Principal | Refusal {
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
    return new Refusal('AccessDenied', iamMessages.notAuthorized(p, userName));
  return user;
}

const listMfaDevices: Operation = {
  rules: [
    {member: 'UserName', min: 1, max: 128, pattern: '[\\w+=,.@-]+'},
    {member: 'Marker', min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+'},
    {member: 'MaxItems', integer: true, min: 1, max: 1000},
  ],
  run(ctx, caller, params) {
    const owner = whose(ctx, caller, params.get('UserName'));
    if (owner instanceof Refusal) return owner;
    const marker = params.get('Marker');
    const start = marker === null ? 0 : decodeMarker(marker);
    if (start === undefined) return new Refusal('ValidationError', iamMessages.invalidMarker);
    const max = Number(params.get('MaxItems') ?? 100);
    const devices = ctx.state.devicesOf(owner);
    const truncated = start + max < devices.length;
    return {
      MFADevices: {
        member: devices.slice(start, start + max).map((d) => ({
          UserName: owner.name,
          SerialNumber: d.serial,
          EnableDate: isoSeconds(d.enabledAt),
        })),
      },
      IsTruncated: truncated ? 'true' : 'false',
      Marker: truncated ? encodeMarker(start + max) : undefined,
    };
  },
};

/** IAM as the sandbox answers it; anything but its operations is InvalidAction. */
export const iam: QueryService = {
  name: 'iam',
  version: '2010-05-08',
  namespace: iamNamespace,
  operations: {ListMFADevices: listMfaDevices},
};
