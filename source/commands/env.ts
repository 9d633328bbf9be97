// `mfa-tui env`: a session profile's credentials in the formats of `aws configure export-credentials`.
import {exportFormatOf, exportFormats, shellOf} from '../core/export-formats.js';
import {credentialVariables, unsetLine, UnquotableValueError} from '../core/shell.js';
import {fileWarnings, loadProfiles} from '../app/load.js';
import {sessionCredentials} from '../app/session-credentials.js';
import {command, oneProfile, usageError} from './args.js';
import {exit, printError, warn} from './context.js';
import {exportText} from './export-lines.js';

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

export const run = command('env', usage, {max: 1}, async (ctx, args) => {
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
    if (args.positionals.length || v.profile !== undefined) {
      return usageError(ctx, '--unset takes no profile');
    }
    if (!shell) return usageError(ctx, `--unset needs a shell format, not ${format}`);
    ctx.stdout.write(`${credentialVariables.map((x) => unsetLine(shell, x)).join('\n')}\n`);
    return exit.ok;
  }
  const profile = oneProfile(ctx, args);
  if (profile === undefined) return exit.usage;
  const loaded = await loadProfiles(ctx.env, ctx.now());
  if (!loaded.ok) return printError(ctx, loaded.error);
  for (const w of fileWarnings(loaded.value.state)) warn(ctx, w);
  const creds = sessionCredentials(loaded.value, profile, ctx.now());
  if (!creds.ok) return printError(ctx, creds.error);
  const c = creds.value;
  if (c.longTerm) {
    warn(
      ctx,
      `${c.profile} holds long-term keys, not a session; exporting them is rarely what you want`,
    );
  }
  try {
    ctx.stdout.write(exportText(format, c));
  } catch (error) {
    if (!(error instanceof UnquotableValueError)) throw error;
    ctx.stderr.write(
      `mfa-tui: ${c.profile}'s ${error.variable} holds characters that --format ${format} cannot carry\nUse another format (powershell, process), or check the value in the credentials file.\n`,
    );
    return exit.failure;
  }
  return exit.ok;
});
