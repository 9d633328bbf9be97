// `mfa-tui env`: a session profile's credentials in the formats of `aws configure export-credentials`.
import {
  exportedOf,
  exportFormatOf,
  exportFormats,
  exportLine,
  exportVariables,
  processJson,
  shellOf,
  type ExportFormat,
} from '../core/export-formats.js';
import {credentialVariables, unsetLine, UnquotableValueError, type Shell} from '../core/shell.js';
import {parseCommandArgs, profileOption, profilesOf, usageError} from './args.js';
import {exit, printError, valueOrReport, type CommandContext, type ExitCode} from './context.js';
import {fileWarnings, loadProfiles} from '../app/load.js';
import {sessionCredentials, type HandedCredentials} from '../app/session-credentials.js';

const usage = `Usage: mfa-tui env [PROFILE | --profile P] [--format F]
       mfa-tui env --unset [--format F]

Prints PROFILE's session credentials (else those of AWS_PROFILE, else default) in the formats of
\`aws configure export-credentials --format\`, for eval "$(mfa-tui env mfa)":

  env            export AWS_ACCESS_KEY_ID=… (the default; bash, zsh and sh mean the same)
  env-no-export  AWS_ACCESS_KEY_ID=… (for an env file)
  powershell     $Env:AWS_ACCESS_KEY_ID="…"
  windows-cmd    set AWS_ACCESS_KEY_ID=…
  fish           set -gx AWS_ACCESS_KEY_ID '…'
  process        the JSON of credential_process

--shell is another name for --format. For a shell, it also clears AWS_PROFILE,
AWS_DEFAULT_PROFILE and AWS_SECURITY_TOKEN, which would otherwise make some clients use other
credentials. --unset prints the lines that clear every AWS_* credential variable.`;

const options = {
  ...profileOption,
  format: {type: 'string'},
  shell: {type: 'string'},
  unset: {type: 'boolean'},
} as const;

type LineFormat = Exclude<ExportFormat, 'process'>;

/** The lines that give a shell exactly these credentials, no other profile nor stale token. */
function shellLines(
  format: LineFormat,
  shell: Shell,
  c: HandedCredentials,
  set: string[],
): string[] {
  const cleared = [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SECURITY_TOKEN',
    'AWS_SESSION_EXPIRATION',
  ];
  if (!c.sessionToken) cleared.push('AWS_SESSION_TOKEN');
  if (!c.expiresAt) cleared.push('AWS_CREDENTIAL_EXPIRATION');
  const lines = [...cleared.map((v) => unsetLine(shell, v)), ...set];
  if (c.region) lines.push(exportLine(format, 'AWS_REGION', c.region));
  return lines;
}

/** The output of one format: shell code, env-file lines, or credential_process JSON. */
function formatted(format: ExportFormat, c: HandedCredentials): string {
  const exported = exportedOf(c);
  if (format === 'process') return `${JSON.stringify(processJson(exported), null, 2)}\n`;
  const set = exportVariables(exported).map(([n, v]) => exportLine(format, n, v));
  const shell = shellOf[format];
  return `${(shell ? shellLines(format, shell, c, set) : set).join('\n')}\n`;
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, options, usage, {min: 0, max: 1});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const v = args.values;
  if (v.format !== undefined && v.shell !== undefined && v.format !== v.shell) {
    return usageError(ctx, '--shell is another name for --format: give one of them');
  }
  const name = v.format ?? v.shell ?? 'env';
  const format = exportFormatOf(name);
  if (!format) {
    return usageError(ctx, `unknown format "${name}": use one of ${exportFormats.join(', ')}`);
  }
  if (v.unset) {
    const shell = shellOf[format];
    if (args.positionals.length || v.profile !== undefined)
      return usageError(ctx, '--unset takes no profile');
    if (!shell) return usageError(ctx, `--unset needs a shell format, not ${format}`);
    ctx.stdout.write(`${credentialVariables.map((x) => unsetLine(shell, x)).join('\n')}\n`);
    return exit.ok;
  }
  const profiles = profilesOf(ctx, args);
  if (profiles.length > 1) return usageError(ctx, 'give one profile, as PROFILE or --profile P');
  const loaded = valueOrReport(ctx, await loadProfiles(ctx.env, ctx.now()));
  if (!loaded) return exit.failure;
  for (const w of fileWarnings(loaded.state)) ctx.stderr.write(`mfa-tui: warning: ${w}\n`);
  const creds = sessionCredentials(loaded, profiles[0]!, ctx.now());
  if (!creds.ok) {
    printError(ctx, creds.error);
    return exit.failure;
  }
  const c = creds.value;
  if (c.longTerm) {
    ctx.stderr.write(
      `mfa-tui: warning: ${c.profile} holds long-term keys, not a session; exporting them is rarely what you want\n`,
    );
  }
  let text: string;
  try {
    text = formatted(format, c);
  } catch (error) {
    if (!(error instanceof UnquotableValueError)) throw error;
    ctx.stderr.write(
      `mfa-tui: ${c.profile}'s ${error.variable} holds characters that --format ${format} cannot carry\nUse another format (powershell, process), or check the value in the credentials file.\n`,
    );
    return exit.failure;
  }
  ctx.stdout.write(text);
  return exit.ok;
}
