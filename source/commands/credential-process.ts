import {processJson} from '../core/export-formats.js';
import type {AppError} from '../core/errors.js';
import {loadProfiles} from '../app/load.js';
import {sessionCredentials} from '../app/session-credentials.js';
import {sessionUsable} from '../core/profiles.js';
import {command, debugLog, durationFlag, oneProfile} from './args.js';
import {exit, printError} from './context.js';

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

export const run = command('credential-process', usage, {max: 1}, async (ctx, args) => {
  const profile = oneProfile(ctx, args);
  if (profile === undefined) return exit.usage;
  const v = args.values;
  const margin = durationFlag(ctx, v.margin ?? '5m');
  if (margin === undefined) return exit.usage;
  const promptTimeout = durationFlag(ctx, v['prompt-timeout'] ?? '120s');
  if (promptTimeout === undefined) return exit.usage;
  const loaded = await loadProfiles(ctx.env, ctx.now());
  if (!loaded.ok) return printError(ctx, loaded.error);
  let creds = sessionCredentials(loaded.value, profile, ctx.now());
  if (v.renew && !(creds.ok && sessionUsable(creds.value.expiresAt, ctx.now(), margin))) {
    // Only now the renewal's modules load: the path every client start takes stays as light as before.
    const {renewForClient} = await import('./on-demand.js');
    const renewed = await renewForClient(ctx, {
      profile,
      why: creds.ok ? undefined : creds.error,
      marginSeconds: margin,
      promptTimeoutMs: promptTimeout * 1000,
      codeFrom: v['code-from'],
      promptCommand: v.prompt,
      endpointUrl: v['endpoint-url'],
      region: v.region,
      debug: debugLog(ctx, v.debug),
    });
    // A session still valid within the margin serves the client better than a failure does.
    if (!renewed.ok && creds.ok) {
      printError(ctx, renewed.error);
      ctx.stderr.write('mfa-tui: not renewed; handing out the session as it is.\n');
    } else creds = renewed;
  }
  if (!creds.ok) return printError(ctx, creds.error);
  const unwritten = (creds.value as {unwritten?: AppError}).unwritten;
  if (unwritten) printError(ctx, unwritten);
  ctx.stdout.write(`${JSON.stringify(processJson(creds.value))}\n`);
  return exit.ok;
});
