// Shell code for `env`: setting and clearing variables in sh, fish, PowerShell and cmd.
export type Shell = 'sh' | 'fish' | 'powershell' | 'cmd';
export const shells: Shell[] = ['sh', 'fish', 'powershell', 'cmd'];

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

const quote: Record<Shell, (v: string) => string> = {
  sh: (v) => `'${v.replace(/'/g, `'\\''`)}'`,
  fish: (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  powershell: (v) => `'${v.replace(/'/g, "''")}'`,
  // cmd has no quoting for `set`; credentials never contain its metacharacters, but escape them anyway.
  cmd: (v) => v.replace(/[\^&|<>%]/g, (c) => (c === '%' ? '%%' : `^${c}`)),
};

/** One line that sets NAME to VALUE in the given shell. */
export function setLine(shell: Shell, name: string, value: string): string {
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
