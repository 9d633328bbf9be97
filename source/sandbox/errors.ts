// AWS's error codes with the HTTP status each is sent with, and AWS's messages, verbatim.

const statuses = {
  AccessDenied: 403,
  ExpiredToken: 403,
  IncompleteSignature: 400,
  InternalFailure: 500,
  InvalidAction: 400,
  InvalidClientTokenId: 403,
  LimitExceeded: 409,
  MissingAction: 400,
  MissingAuthenticationToken: 403,
  NoSuchEntity: 404,
  RequestEntityTooLarge: 413,
  SignatureDoesNotMatch: 403,
  Throttling: 400,
  ValidationError: 400,
} as const;

export type ErrorCode = keyof typeof statuses;

/** A refused request: AWS's code and message; the status follows from the code. */
export class Refusal {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {
    this.status = statuses[code];
  }
}

/** STS's messages, as the clients print them. */
export const messages = {
  invalidCode: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
  unknownSerial:
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  invalidToken: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
  sessionCredentials: 'Cannot call GetSessionToken with session credentials',
  roleMaxDuration:
    'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  roleChaining:
    'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  rootAssumeRole: 'Roles may not be assumed by root accounts.',
  missingAuth: 'Request is missing Authentication Token',
  throttled: 'Rate exceeded',
} as const;
