// Credentials as `aws configure export-credentials --format` prints them (env, renew's rescue).
import {
  exportedOf,
  exportLine,
  exportVariables,
  processJson,
  shellOf,
  type ExportFormat,
} from '../core/export-formats.js';
import {unsetLine} from '../core/shell.js';

type Exportable = Parameters<typeof exportedOf>[0] & {region?: string};

/**
 * One format's text: credential_process JSON, env-file lines, or shell code that gives exactly
 * these credentials, no other profile nor stale token.
 */
export function exportText(format: ExportFormat, c: Exportable): string {
  const exported = exportedOf(c);
  if (format === 'process') return `${JSON.stringify(processJson(exported), null, 2)}\n`;
  const lines = exportVariables(exported).map(([n, v]) => exportLine(format, n, v));
  const shell = shellOf[format];
  if (!shell) return `${lines.join('\n')}\n`;
  if (c.region) lines.push(exportLine(format, 'AWS_REGION', c.region));
  const cleared = [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SECURITY_TOKEN',
    'AWS_SESSION_EXPIRATION',
  ];
  if (!c.sessionToken) cleared.push('AWS_SESSION_TOKEN');
  if (!c.expiresAt) cleared.push('AWS_CREDENTIAL_EXPIRATION');
  return `${[...cleared.map((v) => unsetLine(shell, v)), ...lines].join('\n')}\n`;
}
