import {exportedOf, processJson} from '../core/export-formats.js';
import {parseCommandArgs, profileOption, profilesOf, usageError} from './args.js';
import {exit, printError, valueOrReport, type CommandContext, type ExitCode} from './context.js';
import {loadProfiles} from '../app/load.js';
import {sessionCredentials} from '../app/session-credentials.js';

const usage = `Usage: mfa-tui credential-process [PROFILE | --profile P]

For the config file: credential_process = mfa-tui credential-process mfa
Prints PROFILE's session (else that of AWS_PROFILE, else default) as the JSON that AWS clients
expect. A lapsed session exits 1 with the reason on stderr; it never prompts.`;

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, profileOption, usage, {min: 0, max: 1});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const profiles = profilesOf(ctx, args);
  if (profiles.length > 1) return usageError(ctx, 'give one profile, as PROFILE or --profile P');
  const loaded = valueOrReport(ctx, await loadProfiles(ctx.env, ctx.now()));
  if (!loaded) return exit.failure;
  const creds = sessionCredentials(loaded, profiles[0]!, ctx.now());
  if (!creds.ok) {
    printError(ctx, creds.error);
    return exit.failure;
  }
  ctx.stdout.write(`${JSON.stringify(processJson(exportedOf(creds.value)))}\n`);
  return exit.ok;
}
