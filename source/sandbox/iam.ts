// The one IAM operation the sandbox answers — ListMFADevices — with IAM's parameters, paging,
// errors and XML (query protocol, version 2010-05-08, SigV4 scoped to service `iam`).
import type {RawRequest} from './sigv4.js';
import type {Principal} from './state.js';
import {
  handleQueryRequest,
  StsError,
  validate,
  type Caller,
  type HandlerContext,
  type StsResponse,
} from './sts.js';
import type {XmlNode} from './xml.js';
import {iamNamespace} from './xml.js';
import {isoSeconds} from './sts.js';

export const iamVersion = '2010-05-08';

/** IAM's own messages, as the clients print them. */
export const iamMessages = {
  userNameRequired: 'Must specify userName when calling with non-User credentials',
  invalidMarker: 'Invalid Marker.',
  noSuchUser: (name: string) => `The user with name ${name} cannot be found.`,
  notAuthorized: (caller: Principal, user: string) =>
    `User: ${caller.arn} is not authorized to perform: iam:ListMFADevices on resource: user ${user} because no identity-based policy allows the iam:ListMFADevices action`,
} as const;

const operations = ['ListMFADevices'] as const;

/** A page position as IAM hands it out: opaque to clients, an offset to the sandbox. */
function encodeMarker(offset: number): string {
  return Buffer.from(`mfa-tui-sandbox:${offset}`).toString('base64');
}

function decodeMarker(marker: string): number | undefined {
  const m = /^mfa-tui-sandbox:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

/** The user whose devices are asked for: the caller's own, or UserName when the caller may see it. */
function whose(ctx: HandlerContext, caller: Caller, userName: string | null): Principal | StsError {
  const p = caller.principal;
  if (userName === null) {
    if (p.kind === 'role-session') {
      return new StsError(400, 'ValidationError', iamMessages.userNameRequired);
    }
    return p;
  }
  const user = ctx.state.principals.find(
    (x) => x.kind === 'user' && x.accountId === p.accountId && x.name === userName,
  );
  if (!user) return new StsError(404, 'NoSuchEntity', iamMessages.noSuchUser(userName));
  if (user !== p && p.kind !== 'root') {
    return new StsError(403, 'AccessDenied', iamMessages.notAuthorized(p, userName));
  }
  return user;
}

function listMfaDevices(
  ctx: HandlerContext,
  caller: Caller,
  params: URLSearchParams,
): XmlNode | StsError {
  const invalid = validate(params, [
    {
      member: 'UserName',
      min: 1,
      max: 128,
      pattern: /^[\w+=,.@-]+$/,
      patternText: '[\\w+=,.@-]+',
    },
    {
      member: 'Marker',
      min: 1,
      max: 320,
      pattern: /^[\u0020-\u00FF]+$/,
      patternText: '[\\u0020-\\u00FF]+',
    },
    {member: 'MaxItems', integer: {min: 1, max: 1000}},
  ]);
  if (invalid) return invalid;
  const owner = whose(ctx, caller, params.get('UserName'));
  if (owner instanceof StsError) return owner;
  const marker = params.get('Marker');
  const start = marker === null ? 0 : decodeMarker(marker);
  if (start === undefined) return new StsError(400, 'ValidationError', iamMessages.invalidMarker);
  const max = Number(params.get('MaxItems') ?? 100);
  const devices = ctx.state.devicesOf(owner);
  const page = devices.slice(start, start + max);
  const truncated = start + max < devices.length;
  return {
    MFADevices: {
      member: page.map((d) => ({
        UserName: owner.name,
        SerialNumber: d.serial,
        EnableDate: isoSeconds(d.enabledAt),
      })),
    },
    IsTruncated: truncated ? 'true' : 'false',
    Marker: truncated ? encodeMarker(start + max) : undefined,
  };
}

/** Answers one IAM request as IAM would (only ListMFADevices; anything else is InvalidAction). */
export function handleIamRequest(request: RawRequest, ctx: HandlerContext): StsResponse {
  return handleQueryRequest(request, ctx, {
    name: 'iam',
    version: iamVersion,
    namespace: iamNamespace,
    operations,
    run: (_action, caller, params) => listMfaDevices(ctx, caller, params),
  });
}
