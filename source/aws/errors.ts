// Every STS, IAM and network failure, mapped once to one line of cause and one of next step.
import {roleLimits, sessionLimits} from '../core/durations.js';
import type {AppError, Remedy} from '../core/errors.js';
import {redact} from '../core/mask.js';
import {networkError, serviceOf} from './network-errors.js';

/** What we knew when the call failed; used to name things in the message. Holds no secret. */
export type CallContext = {
  operation: StsOperation | 'ListMFADevices' | RotateOperation;
  profile?: string;
  accessKeyIdLast4?: string;
  serial?: string;
  endpointUrl?: string;
  region?: string;
};

type StsOperation = 'GetSessionToken' | 'GetCallerIdentity' | 'AssumeRole';
type RotateOperation = 'ListAccessKeys' | 'CreateAccessKey' | 'UpdateAccessKey' | 'DeleteAccessKey';

type SdkLikeError = Partial<Record<'name' | 'code' | 'message' | 'Code', string>> & {
  $metadata?: {attempts?: number};
};

/** A failed call as the rules read it (`who`: `profile X` or `these credentials`). */
type Failure = {
  code: string;
  message: string;
  ctx: CallContext;
  who: string;
  key: string;
  attempts?: number;
};

type Words = string | ((f: Failure) => string);
/** One kind of failure: when it applies, and what every surface says about it. */
type Rule = Pick<AppError, 'code'> & {
  when: (f: Failure) => boolean;
  message: Words;
  /** None when a remedy says what to do. */
  fix?: Words;
  remedy?: (f: Failure) => Remedy;
};
const say = (words: Words = '', f: Failure) => (typeof words === 'string' ? words : words(f));

const denied = (f: Failure, text: RegExp) => f.code === 'AccessDenied' && text.test(f.message);
const validation = (f: Failure, text: RegExp) =>
  f.code === 'ValidationError' && text.test(f.message);

const rules: Rule[] = [
  {
    when: (f) =>
      f.ctx.operation === 'ListMFADevices' &&
      (f.code === 'AccessDenied' || f.code === 'ValidationError' || /^NoSuchEntity/.test(f.code)),
    code: 'mfa-discovery-failed',
    message: (f) => `IAM would not list the MFA devices of ${f.who}${f.key}: ${redact(f.message)}`,
    fix: 'Pass --serial arn:aws:iam::ACCOUNT:mfa/NAME, or allow iam:ListMFADevices on your own user (the `mfa-tui policy` policy does).',
  },
  {
    when: (f) => denied(f, /invalid MFA one time pass code/i),
    code: 'mfa-code-invalid',
    message: (f) =>
      `STS refused the MFA code for ${f.ctx.serial ?? 'your device'}: it is wrong, or it was already used.`,
    fix: 'Wait for the next code on your device (a code works once, and codes change every 30 s) and try again.',
  },
  {
    when: (f) => denied(f, /unable to validate MFA code|verify your MFA serial/i),
    code: 'mfa-device-unknown',
    message: (f) =>
      `STS does not know MFA device ${f.ctx.serial ?? '(none given)'} for ${f.who}${f.key}.`,
    fix: 'Copy the device ARN from IAM → Users → Security credentials, then set mfa_serial or pass --serial ARN.',
  },
  {
    when: (f) => denied(f, /session credentials/i),
    code: 'source-is-session',
    message: (f) =>
      `${capitalise(f.who)}${f.key} holds session credentials, and STS cannot start a session from a session.`,
    fix: 'Renew from the profile with your long-term keys (AKIA…); if AWS_* variables are set, run `unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN`.',
  },
  {
    when: (f) => f.code === 'InvalidClientTokenId',
    code: 'access-key-unknown',
    message: (f) =>
      `AWS does not recognise the access key${f.key} of ${f.who}: it was deleted, deactivated or rotated.`,
    fix: (f) =>
      `Create a new access key in IAM and put it in the [${f.ctx.profile ?? 'profile'}] section of the credentials file.`,
  },
  {
    when: (f) =>
      f.code === 'SignatureDoesNotMatch' &&
      /Signature expired|Signature not yet current/i.test(f.message),
    code: 'clock-skew',
    message:
      'This computer’s clock is more than 15 minutes off, so STS refused the signed request.',
    fix: 'Set the clock right (for example `sudo timedatectl set-ntp true`) and try again.',
  },
  {
    when: (f) => f.code === 'SignatureDoesNotMatch',
    code: 'secret-wrong',
    message: (f) => `The secret access key of ${f.who} does not match its key id${f.key}.`,
    fix: (f) =>
      `Copy the secret access key again into [${f.ctx.profile ?? 'profile'}] (it is shown once, when the key is created; otherwise create a new key).`,
  },
  {
    when: (f) => f.code === 'ExpiredToken' || f.code === 'ExpiredTokenException',
    code: 'session-expired',
    message: (f) => `The session credentials of ${f.who}${f.key} have expired.`,
    fix: (f) =>
      `Renew ${f.ctx.profile ? `it: mfa-tui renew ${f.ctx.profile}` : 'the session: mfa-tui renew PROFILE'}`,
  },
  // AssumeRole's refusals name DurationSeconds too: the role's own caps are tried first.
  {
    when: (f) => validation(f, /MaxSessionDuration/i),
    code: 'duration-out-of-range',
    message: 'The requested session is longer than the role allows (its MaxSessionDuration).',
    // Every role allows the default hour; the role's own cap is not known here.
    remedy: () => ({
      flag: '--duration',
      min: roleLimits.min,
      max: roleLimits.default,
      or: 'raise the role’s maximum session duration in IAM',
    }),
  },
  {
    when: (f) => validation(f, /role chaining/i),
    code: 'duration-out-of-range',
    message: `A session signed this AssumeRole (role chaining), and AWS caps such role sessions at ${roleLimits.chained / 3600} h.`,
    remedy: () => ({flag: '--duration', min: roleLimits.min, max: roleLimits.chained}),
  },
  {
    when: (f) => validation(f, /durationSeconds/i),
    code: 'duration-out-of-range',
    message: (f) => `STS refused the session length: ${redact(f.message)}`,
    remedy: (f) =>
      f.ctx.operation === 'AssumeRole'
        ? {flag: '--duration', min: roleLimits.min, max: roleLimits.max}
        : {
            flag: '--duration',
            min: sessionLimits.min,
            max: sessionLimits.max,
            rootMax: sessionLimits.rootMax,
          },
  },
  {
    when: (f) => ['Throttling', 'ThrottlingException', 'RequestLimitExceeded'].includes(f.code),
    code: 'throttled',
    message: (f) =>
      `${serviceOf(f.ctx)} is throttling requests (Rate exceeded)${f.attempts ? `, still after ${f.attempts} attempts` : ''}.`,
    fix: 'Wait a minute and try again; avoid renewing in a tight loop.',
  },
  {
    when: (f) => f.code === 'LimitExceeded' || f.code === 'LimitExceededException',
    code: 'rotate-key-limit',
    message: (f) =>
      `IAM refused ${f.ctx.operation} for ${f.who}: the user already has two access keys (IAM's limit).`,
    fix: 'Delete the key the user no longer uses (aws iam delete-access-key), then rotate again.',
  },
  {
    when: (f) => f.code === 'NoSuchEntity' || f.code === 'NoSuchEntityException',
    code: 'rotate-key-unknown',
    message: (f) => `IAM refused ${f.ctx.operation} for ${f.who}: ${redact(f.message)}`,
    fix: 'List the user’s keys (aws iam list-access-keys) to see which exist.',
  },
  {
    when: (f) => f.code === 'AccessDenied',
    code: 'access-denied',
    message: (f) =>
      `${serviceOf(f.ctx)} denied ${f.ctx.operation} for ${f.who}${f.key}: ${redact(f.message)}`,
    fix: 'Check the IAM policy of this user or role, and that the MFA device belongs to it.',
  },
];

/** Maps an STS or network error to the message and fix every surface shows. */
export function mapStsError(error: unknown, ctx: CallContext): AppError {
  const e = (error ?? {}) as SdkLikeError;
  const code = e.name && e.name !== 'Error' ? e.name : (e.Code ?? e.code ?? '');
  const network = networkError(error, ctx);
  if (network) return network;
  const failure: Failure = {
    code,
    message: e.message ?? String(error),
    ctx,
    who: ctx.profile ? `profile ${ctx.profile}` : 'these credentials',
    key: ctx.accessKeyIdLast4 ? ` (key …${ctx.accessKeyIdLast4})` : '',
    attempts: e.$metadata?.attempts,
  };
  const rule = rules.find((r) => r.when(failure));
  if (rule) {
    const {code, message, fix, remedy} = rule;
    const said = {code, message: say(message, failure), fix: say(fix, failure)};
    return remedy ? {...said, remedy: remedy(failure)} : said;
  }
  return {
    code: 'sts-error',
    message: `${ctx.operation} failed${code ? ` (${code})` : ''}: ${redact(sdkTextRemoved(failure.message))}`,
    fix: 'Run again with --debug to see the request and response (secrets redacted).',
  };
}

/** The SDK's advice to its programmers (`inspect the hidden field {error}.$response`) is not for users. */
const sdkTextRemoved = (message: string) =>
  message.replace(/\s*Deserialization error:[^]*$/, '').trim() || 'no readable answer';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
