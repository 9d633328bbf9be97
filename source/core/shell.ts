// Shell code for `env`: setting and clearing variables in sh, fish, PowerShell and cmd.
export type Shell = 'sh' | 'fish' | 'powershell' | 'cmd';

/** Every variable through which some client reads credentials from the environment. */
export const credentialVariables = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
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

/**
 * A value a shell (here) or an export format (core/export-formats.ts) cannot carry, because no
 * quoting keeps it inside its quotes or on its line.
 */
export class UnquotableValueError extends Error {
  override name = 'UnquotableValueError';
  constructor(
    readonly where: string,
    readonly variable: string,
  ) {
    super(`${variable} holds characters ${where} cannot carry`);
  }
}

const quote: Record<Shell, (v: string) => string> = {
  sh: (v) => `'${v.replace(/'/g, `'\\''`)}'`,
  fish: (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  // PowerShell ends a single-quoted string at any of ' ‘ ’ ‚ ‛, and reads each one doubled as itself.
  powershell: (v) => `'${v.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`,
  cmd: (v) => v,
};

/** One line that sets NAME to VALUE in the given shell; throws UnquotableValueError for what cmd cannot hold. */
export function setLine(shell: Shell, name: string, value: string): string {
  // Values from STS are checked long before; this keeps anything else from leaving its quotes.
  if (shell === 'cmd' && cmdUnquotable.test(value)) throw new UnquotableValueError(shell, name);
  switch (shell) {
    case 'sh':
      return `export ${name}=${quote.sh(value)}`;
    case 'fish':
      return `set -gx ${name} ${quote.fish(value)}`;
    case 'powershell':
      return `$Env:${name} = ${quote.powershell(value)}`;
    case 'cmd':
      return `set "${name}=${quote.cmd(value)}"`;
  }
}

/** One line that removes NAME in the given shell (silently when it is not set). */
export function unsetLine(shell: Shell, name: string): string {
  switch (shell) {
    case 'sh':
      return `unset ${name}`;
    case 'fish':
      return `set -e ${name}`;
    case 'powershell':
      return `Remove-Item Env:${name} -ErrorAction SilentlyContinue`;
    case 'cmd':
      return `set ${name}=`;
  }
}
