import {exportedOf, processJson} from '../core/export-formats.js';
import {parseDuration} from '../core/durations.js';
import type {AppError} from '../core/errors.js';
import {parseCommandArgs, profileOption, profilesOf, usageError} from './args.js';
import {exit, printError, valueOrReport, type CommandContext, type ExitCode} from './context.js';
import {loadProfiles} from '../app/load.js';
import {lastsBeyond, sessionCredentials} from '../app/session-credentials.js';

const usage = `Usage: mfa-tui credential-process [PROFILE | --profile P] [--renew [--margin D]
                                      [--code-from CMD] [--prompt CMD] [--prompt-timeout D]]

For the config file: credential_process = mfa-tui credential-process mfa --renew
Prints PROFILE's session (else that of AWS_PROFILE, else default) as the JSON that AWS clients
expect. Without --renew a lapsed session exits 1 with the reason on stderr; it never prompts.

  --renew               renew a session that lapses within the margin, then print it: the code
                        comes from --code-from, else the profile's mfa_process, else a prompt on
                        the terminal (/dev/tty), else a desktop prompt; processes that ask at
                        once share one renewal
  --margin D            how long the session must still last to be printed as it is (default 5m)
  --code-from CMD       run CMD and take the 6-digit code from its output
  --prompt CMD          without a terminal: run CMD to ask for the code (the question is in
                        MFA_TUI_PROMPT; it prints the code); else zenity, kdialog or osascript
  --prompt-timeout D    how long the prompt waits for the code (default 120s)`;

const options = {
  ...profileOption,
  renew: {type: 'boolean'},
  margin: {type: 'string'},
  'code-from': {type: 'string'},
  prompt: {type: 'string'},
  'prompt-timeout': {type: 'string'},
} as const;

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, options, usage, {min: 0, max: 1});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const profiles = profilesOf(ctx, args);
  if (profiles.length > 1) return usageError(ctx, 'give one profile, as PROFILE or --profile P');
  const v = args.values;
  const margin = parseDuration(v.margin ?? '5m');
  const promptTimeout = parseDuration(v['prompt-timeout'] ?? '120s');
  for (const parsed of [margin, promptTimeout]) {
    if (!parsed.ok) {
      printError(ctx, parsed.error);
      return exit.usage;
    }
  }
  const loaded = valueOrReport(ctx, await loadProfiles(ctx.env, ctx.now()));
  if (!loaded) return exit.failure;
  const profile = profiles[0]!;
  let creds = sessionCredentials(loaded, profile, ctx.now());
  if (v.renew && !(creds.ok && lastsBeyond(creds.value, ctx.now(), margin.ok ? margin.value : 0))) {
    // Only now the renewal's modules load: the path every client start takes stays as light as before.
    const {renewForClient} = await import('./on-demand.js');
    const renewed = await renewForClient(ctx, {
      profile,
      why: creds.ok ? undefined : creds.error,
      marginSeconds: margin.ok ? margin.value : 0,
      promptTimeoutMs: (promptTimeout.ok ? promptTimeout.value : 120) * 1000,
      codeFrom: v['code-from'],
      promptCommand: v.prompt,
      endpointUrl: v['endpoint-url'],
      region: v.region,
      debug: v.debug ? (line) => ctx.stderr.write(`debug: ${line}\n`) : undefined,
    });
    // A session still valid within the margin serves the client better than a failure does.
    if (!renewed.ok && creds.ok) {
      printError(ctx, renewed.error);
      ctx.stderr.write('mfa-tui: not renewed; handing out the session as it is.\n');
    } else creds = renewed;
  }
  if (!creds.ok) {
    printError(ctx, creds.error);
    return exit.failure;
  }
  const unwritten = (creds.value as {unwritten?: AppError}).unwritten;
  if (unwritten) printError(ctx, unwritten);
  ctx.stdout.write(`${JSON.stringify(processJson(exportedOf(creds.value)))}\n`);
  return exit.ok;
}
