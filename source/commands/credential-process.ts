import {formatRfc3339} from '../core/expiry.js';
import {parseCommandArgs} from './args.js';
import {exit, printError, valueOrReport, type CommandContext, type ExitCode} from './context.js';
import {loadProfiles} from '../app/load.js';
import {sessionCredentials} from '../app/session-credentials.js';

const usage = `Usage: mfa-tui credential-process PROFILE

For the config file: credential_process = mfa-tui credential-process mfa
Prints PROFILE's session as the JSON that AWS clients expect. A lapsed session exits 1 with
the reason on stderr; it never prompts.`;

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, {}, usage, {min: 1, max: 1});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const loaded = valueOrReport(ctx, await loadProfiles(ctx.env, ctx.now()));
  if (!loaded) return exit.failure;
  const creds = sessionCredentials(loaded, args.positionals[0]!, ctx.now());
  if (!creds.ok) {
    printError(ctx, creds.error);
    return exit.failure;
  }
  const c = creds.value;
  const out: Record<string, unknown> = {
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
  };
  if (c.sessionToken) out.SessionToken = c.sessionToken;
  if (c.expiresAt) out.Expiration = formatRfc3339(c.expiresAt);
  ctx.stdout.write(`${JSON.stringify(out)}\n`);
  return exit.ok;
}
