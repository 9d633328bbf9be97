import {formatRfc3339} from '../core/expiry.js';
import {credentialVariables, setLine, shells, unsetLine, type Shell} from '../core/shell.js';
import {parseCommandArgs} from './args.js';
import {exit, printError, valueOrReport, type CommandContext, type ExitCode} from './context.js';
import {fileWarnings, loadProfiles} from '../app/load.js';
import {sessionCredentials} from '../app/session-credentials.js';

const usage = `Usage: mfa-tui env PROFILE [--shell sh|fish|powershell|cmd]
       mfa-tui env --unset [--shell …]

Prints shell code that exports PROFILE's session credentials, for eval "$(mfa-tui env mfa)".
It also clears AWS_PROFILE, AWS_DEFAULT_PROFILE and AWS_SECURITY_TOKEN, which would otherwise
make some clients use other credentials. --unset prints the lines that clear every AWS_*
credential variable.`;

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, {shell: {type: 'string'}, unset: {type: 'boolean'}}, usage, {
    min: 0,
    max: 1,
  });
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const shell = (args.values.shell ?? 'sh') as Shell;
  if (!shells.includes(shell)) {
    ctx.stderr.write(`mfa-tui: --shell must be one of ${shells.join(', ')}\n`);
    return exit.usage;
  }
  if (args.values.unset) {
    if (args.positionals.length) {
      ctx.stderr.write(`mfa-tui: --unset takes no profile\n${usage}\n`);
      return exit.usage;
    }
    ctx.stdout.write(`${credentialVariables.map((v) => unsetLine(shell, v)).join('\n')}\n`);
    return exit.ok;
  }
  const name = args.positionals[0];
  if (!name) {
    ctx.stderr.write(`mfa-tui: missing PROFILE\n${usage}\n`);
    return exit.usage;
  }
  const loaded = valueOrReport(ctx, await loadProfiles(ctx.env, ctx.now()));
  if (!loaded) return exit.failure;
  for (const w of fileWarnings(loaded.state)) ctx.stderr.write(`mfa-tui: warning: ${w}\n`);
  const creds = sessionCredentials(loaded, name, ctx.now());
  if (!creds.ok) {
    printError(ctx, creds.error);
    return exit.failure;
  }
  const c = creds.value;
  const lines = [
    ...['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN', 'AWS_SESSION_EXPIRATION'].map(
      (v) => unsetLine(shell, v),
    ),
    setLine(shell, 'AWS_ACCESS_KEY_ID', c.accessKeyId),
    setLine(shell, 'AWS_SECRET_ACCESS_KEY', c.secretAccessKey),
    c.sessionToken
      ? setLine(shell, 'AWS_SESSION_TOKEN', c.sessionToken)
      : unsetLine(shell, 'AWS_SESSION_TOKEN'),
    c.expiresAt
      ? setLine(shell, 'AWS_CREDENTIAL_EXPIRATION', formatRfc3339(c.expiresAt))
      : unsetLine(shell, 'AWS_CREDENTIAL_EXPIRATION'),
  ];
  if (c.region) lines.push(setLine(shell, 'AWS_REGION', c.region));
  if (c.longTerm) {
    ctx.stderr.write(
      `mfa-tui: warning: ${c.profile} holds long-term keys, not a session; exporting them is rarely what you want\n`,
    );
  }
  ctx.stdout.write(`${lines.join('\n')}\n`);
  return exit.ok;
}
