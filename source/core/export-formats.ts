// The formats of `aws configure export-credentials --format`, for `mfa-tui env` and
// `credential-process`: the AWS CLI's own lines, quoted only for a value they could not carry.
import {formatRfc3339} from './expiry.js';
import {setLine, UnquotableValueError, type Shell} from './shell.js';

/** Each format, and the shell whose quoting and clearing lines it uses (env-no-export and process have none). */
const formatShells = {
  env: 'sh',
  'env-no-export': undefined,
  powershell: 'powershell',
  'windows-cmd': 'cmd',
  fish: 'fish',
  process: undefined,
} as const;
export type ExportFormat = keyof typeof formatShells;
export const exportFormats = Object.keys(formatShells) as ExportFormat[];
export const shellOf: Partial<Record<ExportFormat, Shell>> = formatShells;

/** Other names a user may type for a format: the shells that read `env`, and `--shell`'s old names. */
const aliases: Record<string, ExportFormat> = {
  sh: 'env',
  bash: 'env',
  zsh: 'env',
  cmd: 'windows-cmd',
};

/** The format a name stands for, or undefined for a name we do not know. */
export function exportFormatOf(name: string): ExportFormat | undefined {
  if ((exportFormats as string[]).includes(name)) return name as ExportFormat;
  // Own keys only: `--format toString` is no format.
  return Object.hasOwn(aliases, name) ? aliases[name] : undefined;
}

/** What the formats print: keys, and the expiry of a session (printed RFC 3339, as the AWS CLI does). */
export type ExportedCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiresAt?: Date;
};

/** The variables and values the AWS CLI exports, in its order. */
export function exportVariables(c: ExportedCredentials): [string, string][] {
  const vars: [string, string][] = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ];
  if (c.sessionToken) vars.push(['AWS_SESSION_TOKEN', c.sessionToken]);
  if (c.expiresAt) vars.push(['AWS_CREDENTIAL_EXPIRATION', formatRfc3339(c.expiresAt)]);
  return vars;
}

// What every shell reads literally unquoted (and PowerShell inside double quotes): key ids, base64
// secrets and tokens, RFC 3339 times. A value from a hand-edited file may hold anything else.
const plain = /^[A-Za-z0-9+/=:._-]*$/;

/** Control characters: they would end or garble a line of an env file. */
const control = /[\u0000-\u001f\u007f]/;

/**
 * One line setting NAME to VALUE in a per-line format, exactly as the AWS CLI writes it when it
 * can; throws UnquotableValueError for a value the format cannot carry.
 */
export function exportLine(
  format: Exclude<ExportFormat, 'process'>,
  name: string,
  value: string,
): string {
  const shell = shellOf[format];
  if (shell && (format === 'fish' || !plain.test(value))) return setLine(shell, name, value);
  if (control.test(value)) throw new UnquotableValueError(format, name);
  switch (format) {
    case 'env':
      return `export ${name}=${value}`;
    case 'env-no-export':
      // A line for an env file: it has no quoting to fall back on.
      return `${name}=${value}`;
    case 'powershell':
      return `$Env:${name}="${value}"`;
    default:
      return `set ${name}=${value}`;
  }
}

/** The JSON a credential_process prints, with the AWS CLI's key order. */
export function processJson(c: ExportedCredentials): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
  };
  if (c.sessionToken) out.SessionToken = c.sessionToken;
  if (c.expiresAt) out.Expiration = formatRfc3339(c.expiresAt);
  return out;
}
