// The fields of STS and IAM answers as AWS makes them: what comes back is written to files, printed
// as shell lines and shown in the terminal, so a field of any other shape is no answer.
const shapes = {
  /** An access key id: nothing a file or a shell line could misread. */
  accessKeyId: /^[A-Z0-9]{16,128}$/,
  /** Secrets and session tokens are base64. */
  base64: /^[A-Za-z0-9+/=]+$/,
  /** An ARN of an IAM or STS principal, with nothing a terminal would act on. */
  principalArn: /^arn:[a-z-]+:(iam|sts)::\d{12}:[\x21-\x7e]+$/,
  account: /^\d{12}$/,
  /** A virtual MFA device's ARN or a hardware token's serial. */
  mfaSerial: /^[\w+=/:,.@-]{9,256}$/,
  userName: /^[\w+=,.@-]{1,128}$/,
  keyStatus: /^(Active|Inactive|Expired)$/,
};

/** Whether a field of an answer is there and has the shape AWS gives it. */
export const fits = (value: unknown, shape: keyof typeof shapes): value is string =>
  typeof value === 'string' && shapes[shape].test(value);

/** Whether a time in an answer is a time. */
export const isTime = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/** Every item read, or undefined when any one is not an answer. */
export function readAll<I, T>(items: I[] | undefined, read: (item: I) => T | undefined) {
  const all = (items ?? []).map(read);
  return all.every((x) => x !== undefined) ? (all as T[]) : undefined;
}
