import {fail, ok, type Result} from './errors.js';

/** Where a device's serial came from: a flag, one of the files, the settings, or IAM. */
export type SerialFrom =
  | 'flag'
  | 'credentials-file'
  | 'config-file'
  /** aws-mfa's aws_mfa_device, in either file. */
  | 'aws-mfa'
  | 'settings'
  | 'iam';

/** True when the serial is already written in one of the AWS files (nothing to save). */
export const serialInFiles = (from: SerialFrom): boolean =>
  from === 'credentials-file' || from === 'config-file' || from === 'aws-mfa';

/** The MFA device for a source, first match: --serial; mfa_serial in credentials; mfa_serial in config; aws-mfa's aws_mfa_device; settings. */
export function resolveSerial(inputs: {
  flag?: string;
  credentialsKeys?: Record<string, string>;
  configKeys?: Record<string, string>;
  remembered?: string;
}): {serial: string; from: SerialFrom} | undefined {
  // Runs for every profile of a big file: no per-call arrays.
  const c = inputs.credentialsKeys;
  const f = inputs.configKeys;
  return (
    pick(inputs.flag, 'flag') ??
    pick(c?.mfa_serial, 'credentials-file') ??
    pick(f?.mfa_serial, 'config-file') ??
    pick(c?.aws_mfa_device, 'aws-mfa') ??
    pick(f?.aws_mfa_device, 'aws-mfa') ??
    pick(inputs.remembered, 'settings')
  );
}

function pick(value: string | undefined, from: SerialFrom) {
  const serial = value?.trim();
  return serial ? {serial, from} : undefined;
}

const mfaArn = /^arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:(?:mfa|u2f)\/[\w+=,.@/-]{1,512}$/;
const hardwareSerial = /^[A-Z0-9]{9,256}$/;

/** Checks an MFA serial's shape (an IAM MFA ARN, or a hardware token's serial) before any call. */
export function checkSerial(serial: string): Result<string> {
  if (mfaArn.test(serial) || hardwareSerial.test(serial)) return ok(serial);
  return fail(
    'mfa-serial-invalid',
    `"${serial}" is not an MFA device ARN.`,
    'Use the ARN shown in IAM → Users → Security credentials, like arn:aws:iam::123456789012:mfa/alice.',
  );
}

/** How many digits an MFA code has (TOTP as IAM's virtual and hardware devices use it). */
export const codeLength = 6;

/**
 * A code as typed, pasted or given: its spaces dropped, as authenticators show it in two groups
 * ("123 456"), a paste may carry a non-breaking or thin space, and a shell keeps the quotes' space.
 */
const normaliseCode = (code: string): string => code.replace(/[\s\u200b]/g, '');

const malformed = () =>
  fail(
    'mfa-code-malformed',
    `An MFA code is exactly ${codeLength} digits.`,
    `Type the ${codeLength}-digit code your authenticator app or token shows now.`,
  );

/** Checks an MFA code once normalised (normaliseCode): exactly six digits. */
export function checkCode(code: string): Result<string> {
  const c = normaliseCode(code);
  return c.length === codeLength && /^\d+$/.test(c) ? ok(c) : malformed();
}

/**
 * A code field after a key or a paste: the digits so far and the text's own (a field takes digits
 * only, so spaces and a stray key add nothing). A text that would make it longer than a code is
 * refused whole: a pasted "123456789" or "1) 654321" never becomes another code by being cut.
 */
export function typeCode(sofar: string, text: string): Result<string> {
  const code = sofar + text.replace(/\D/g, '');
  return code.length > codeLength ? malformed() : ok(code);
}

const codeGroup = new RegExp(`(?<!\\d)(\\d{${codeLength}})(?!\\d)`);

/** The code a command printed (mfa_process, --code-from, a dialog): its whole output as checkCode reads it, else its first group of six digits. */
export function codeInOutput(out: string): string | undefined {
  const whole = checkCode(out);
  return whole.ok ? whole.value : codeGroup.exec(out)?.[1];
}

/** An MFA device found by IAM ListMFADevices. */
export type DiscoveredDevice = {serial: string; userName: string; enabledAt?: Date};

/** The device IAM listed for the source's user when it is the only one, else an error that names them all. */
export function chooseDiscoveredDevice(
  devices: DiscoveredDevice[],
  source: string,
): Result<DiscoveredDevice> {
  if (devices.length === 1) return ok(devices[0]!);
  if (devices.length === 0) {
    return fail(
      'mfa-device-none',
      `No MFA device is assigned to the IAM user of profile ${source}, and none is configured.`,
      'Assign a virtual MFA device in IAM → Users → Security credentials and try again, or set mfa_serial in the profile (on the command line: --serial ARN).',
    );
  }
  const user = devices[0]!.userName;
  return fail(
    'mfa-device-ambiguous',
    `The IAM user ${user ? `${user} ` : ''}of profile ${source} has ${devices.length} MFA devices:\n${devices.map((d) => `  ${d.serial}`).join('\n')}`,
    'Pick one with --serial ARN; add --save-serial to keep it as mfa_serial in the config file.',
  );
}

/** Where the code comes from when no --code or --code-from is given: `mfa_process` (aws-vault's key) of the profile, else of its source. */
export function mfaProcessFor(
  ...profiles: Array<Record<string, string | undefined> | undefined>
): string | undefined {
  for (const keys of profiles) {
    const command = keys?.mfa_process?.trim();
    if (command) return command;
  }
  return undefined;
}
