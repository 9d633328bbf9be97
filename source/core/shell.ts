// Shell code for `env`: setting and clearing variables in sh, fish, PowerShell and cmd.
export type Shell = 'sh' | 'fish' | 'powershell' | 'cmd';

/** The key pair and token every client reads from the environment. */
export const everyClientReads = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/**
 * Every variable through which some client or tool reads credentials from the environment:
 * botocore's older token name, the expiry times, and the Go SDK's fallbacks for the key pair.
 */
export const credentialVariables = [
  ...everyClientReads,
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_SESSION_EXPIRATION',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
] as const;

/**
 * Characters `set "NAME=VALUE"` cannot carry: inside the quotes cmd still expands %…% and (with
 * delayed expansion) !…!, a `"` ends the quotes, a line break ends the command, and no escape
 * works both at the prompt and in a batch file. `^ & | < > ( )` are plain text inside the quotes.
 */
const cmdUnquotable = /["%!\u0000-\u001f\u007f]/;

/** A value a shell or an export format cannot carry: no quoting keeps it inside its quotes or on its line. */
export class UnquotableValueError extends Error {
  override name = 'UnquotableValueError';
  constructor(
    readonly where: string,
    readonly variable: string,
  ) {
    super(`${variable} holds characters ${where} cannot carry`);
  }
}

const setters: Record<Shell, (name: string, value: string) => string> = {
  sh: (n, v) => `export ${n}='${v.replace(/'/g, `'\\''`)}'`,
  fish: (n, v) => `set -gx ${n} '${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  // PowerShell ends a single-quoted string at any of ' ‘ ’ ‚ ‛, and reads each one doubled as itself.
  powershell: (n, v) => `$Env:${n} = '${v.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`,
  cmd: (n, v) => `set "${n}=${v}"`,
};

/** One line that sets NAME to VALUE in the given shell; throws UnquotableValueError for what cmd cannot hold. */
export function setLine(shell: Shell, name: string, value: string): string {
  // Values from STS are checked long before; this keeps anything else from leaving its quotes.
  if (shell === 'cmd' && cmdUnquotable.test(value)) throw new UnquotableValueError(shell, name);
  return setters[shell](name, value);
}

const unsetters: Record<Shell, (name: string) => string> = {
  sh: (n) => `unset ${n}`,
  fish: (n) => `set -e ${n}`,
  powershell: (n) => `Remove-Item Env:${n} -ErrorAction SilentlyContinue`,
  cmd: (n) => `set ${n}=`,
};

/** One line that removes NAME in the given shell (silently when it is not set). */
export const unsetLine = (shell: Shell, name: string): string => unsetters[shell](name);
