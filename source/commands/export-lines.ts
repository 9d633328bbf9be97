// Credentials as `aws configure export-credentials --format` prints them (env, renew's rescue).
import {
  exportLine,
  exportVariables,
  processJson,
  shellOf,
  type ExportedCredentials,
  type ExportFormat,
} from '../core/export-formats.js';
import {credentialVariables, unsetLine} from '../core/shell.js';

type Exportable = ExportedCredentials & {region?: string};

/** One format's text: process JSON, env-file lines, or shell code for these credentials alone. */
export function exportText(format: ExportFormat, c: Exportable): string {
  if (format === 'process') return `${JSON.stringify(processJson(c), null, 2)}\n`;
  const variables = exportVariables(c);
  const lines = variables.map(([n, v]) => exportLine(format, n, v));
  const shell = shellOf[format];
  if (!shell) return `${lines.join('\n')}\n`;
  if (c.region) lines.push(exportLine(format, 'AWS_REGION', c.region));
  // Any credential variable left from before would be read beside (or instead of) these.
  const set = new Set(variables.map(([name]) => name));
  const cleared = [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    ...credentialVariables.filter((name) => !set.has(name)),
  ];
  return `${[...cleared.map((v) => unsetLine(shell, v)), ...lines].join('\n')}\n`;
}
