// Who signed a request: the SigV4 checks in STS's order, then the key and its session token.
import type {Clock} from './clock.js';
import {messages, Refusal} from './errors.js';
import type {RawRequest} from './sigv4.js';
import {
  checkScope,
  checkSkew,
  header,
  parseAmzDate,
  parseAuthorization,
  verifySignature,
} from './sigv4.js';
import type {Principal, SandboxState, Session} from './state.js';
import {tokenMatches} from './state.js';

/** Who signed a request, and with which key (and session, for ASIA keys). */
export type Caller = {principal: Principal; accessKeyId: string; session?: Session};

/** What a request is checked against: the state and the two clocks. */
export type AuthContext = {
  state: SandboxState;
  /** Sandbox time: issuing, expiry, TOTP steps. */
  clock: Clock;
  /** The time clients sign with: the ±15 min window and the Date header. */
  signingClock: Clock;
};

const invalidToken = () => new Refusal('InvalidClientTokenId', messages.invalidToken);

/** Checks a request's SigV4 signature for `service` (and its session token); answers who signed it. */
export function authenticate(
  request: RawRequest,
  ctx: AuthContext,
  service: string,
): Caller | Refusal {
  const authorization = header(request, 'authorization');
  if (authorization === undefined)
    return new Refusal('MissingAuthenticationToken', messages.missingAuth);
  const parsed = parseAuthorization(authorization);
  if (!parsed.ok) return parsed.error;
  const auth = parsed.value;
  const amzDate = header(request, 'x-amz-date');
  if (amzDate === undefined) {
    return new Refusal(
      'IncompleteSignature',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const requestDate = parseAmzDate(amzDate);
  if (!requestDate) {
    return new Refusal(
      'IncompleteSignature',
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    );
  }
  const scope = checkScope(auth, amzDate, service);
  if (scope) return scope;

  const longTerm = ctx.state.longTermKeys.get(auth.accessKeyId);
  const session = longTerm ? undefined : ctx.state.session(auth.accessKeyId);
  const usable =
    longTerm?.status === 'Active' &&
    ctx.clock.now().getTime() >= (longTerm.usableFrom?.getTime() ?? 0);
  const secret = usable ? longTerm.secretAccessKey : session?.secretAccessKey;
  if (secret === undefined) return invalidToken();
  const bad =
    checkSkew(requestDate, ctx.signingClock.now()) ??
    verifySignature(request, auth, amzDate, secret);
  if (bad) return bad;

  const token = header(request, 'x-amz-security-token');
  if (longTerm) {
    if (token !== undefined) return invalidToken();
    return {principal: longTerm.principal, accessKeyId: auth.accessKeyId};
  }
  if (token === undefined || !tokenMatches(session!, token)) return invalidToken();
  if (ctx.clock.now().getTime() >= session!.expiration.getTime())
    return new Refusal('ExpiredToken', messages.expiredToken);
  return {principal: session!.principal, accessKeyId: auth.accessKeyId, session};
}
