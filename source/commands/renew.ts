// `mfa-tui renew PROFILE…`: parse the flags, renew each profile (app/renew.ts), print the outcome.
import {parseDuration, roleLimits, sessionLimits} from '../core/durations.js';
import {describeExpiry, formatRfc3339} from '../core/expiry.js';
import {configSection} from '../core/ini/names.js';
import {checkCode, checkSerial, type DiscoveredDevice} from '../core/mfa.js';
import {describeRoleSigning} from '../core/role-plan.js';
import {looseCredentialsWarning} from '../app/load.js';
import {renewProfile} from '../app/renew.js';
import type {RenewOutcome} from '../app/renew-types.js';
import {command, debugLog, profilesOf, usageError} from './args.js';
import {canPrompt, commandCodes, confirm} from './code-input.js';
import {exit, failureExit, printError, warn, type CommandContext} from './context.js';
import {exportText} from './export-lines.js';

const range = (max: number) => `${sessionLimits.min}–${max}`;
const hours = (seconds: number) => `${seconds / 3600} h`;

const usage = `Usage: mfa-tui renew [PROFILE… | --profile P] [--code N | --code-from CMD] [--duration D] [--serial ARN]
                          [--save-serial] [--iam-endpoint-url URL] [--target NAME] [--new-code]
                          [--force] [--json]

Trades PROFILE's long-term keys and an MFA code for a session (STS GetSessionToken) and writes
it into the target profile of the credentials file (without PROFILE: AWS_PROFILE, else default).
PROFILE may be the long-term profile or the
session profile it feeds (X-long-term → X, default → mfa, P → P-mfa, or a remembered --target).

A role profile (role_arn + source_profile) is renewed with STS AssumeRole: signed by the MFA
session its source already holds (no new code; role chaining caps it at ${hours(roleLimits.chained)}), or by the source's
long-term keys with a code from the role's mfa_serial. The role session goes into the AWS CLI's
own cache (~/.aws/cli/cache), so \`aws --profile ROLE …\` runs without asking for a code.

Several profiles renew in turn; when they share an MFA device each needs a code from a later
30-second step, and mfa-tui counts down to it on stderr.

The code comes from --code, else --code-from CMD, else the profile's mfa_process (as aws-vault
names it), else a prompt on the terminal. Without any MFA device configured, mfa-tui asks IAM
(ListMFADevices) for the source's device.

  --code N              the 6-digit code (one profile only)
  --code-from CMD       run CMD and take the 6-digit code from its output (again for each code)
  --duration D          session length: seconds or 1h30m (${range(sessionLimits.max)} s; root ${range(sessionLimits.rootMax)};
                        roles ${range(roleLimits.max)}, ${hours(roleLimits.chained)} when a session signs)
  --serial ARN          MFA device ARN (else mfa_serial of the profile, remembered, or found in IAM)
  --save-serial         keep the device used as mfa_serial in the config profile (asked on a terminal)
  --iam-endpoint-url URL  IAM endpoint for finding the device (else AWS_ENDPOINT_URL_IAM, …)
  --target NAME         profile to write the session into (remembered for next time; one profile only)
  --new-code            for a role: sign with the long-term keys and a new code, not the MFA
                        session (implied by --code and --code-from)
  --force               overwrite a target that another tool manages (manager = …)
  --json                print {profile, source, expiresAt} (one line per profile)`;

/** Asks on the terminal whether to keep the device IAM listed as mfa_serial. */
const askToSave =
  (ctx: CommandContext) =>
  (device: DiscoveredDevice, where: {profile: string}): Promise<boolean> => {
    ctx.stderr.write(`mfa-tui: IAM lists one MFA device for ${where.profile}: ${device.serial}\n`);
    return confirm(
      ctx,
      `Save it as mfa_serial in ${configSection(where.profile)} of the config file?`,
    );
  };

/** One line per renewed profile (stdout), and what was found and kept of the device (stderr). */
function printOutcome(ctx: CommandContext, outcome: RenewOutcome, json: boolean): void {
  const {plan, expiresAt} = outcome;
  const d = outcome.kind === 'session' ? outcome.discovered : undefined;
  if (d) {
    const user = d.userName ? ` (IAM user ${d.userName})` : '';
    ctx.stderr.write(`mfa-tui: used MFA device ${d.serial} of ${plan.source}${user}\n`);
    if (d.saved) {
      ctx.stderr.write(
        `mfa-tui: saved it as mfa_serial in [${d.saved.header}] of ${d.saved.file}\n`,
      );
    }
    if (d.saveError) printError(ctx, d.saveError);
  }
  const until = formatRfc3339(expiresAt);
  const how = outcome.kind === 'role' ? `; ${describeRoleSigning(outcome.plan)}` : '';
  ctx.stdout.write(
    json
      ? `${JSON.stringify({profile: plan.target, source: plan.source, expiresAt: until})}\n`
      : `${plan.target}: renewed from ${plan.source}, ${describeExpiry(expiresAt, ctx.now(), 0)} (until ${until})${how}\n`,
  );
}

export const run = command('renew', usage, {max: Infinity}, async (ctx, args) => {
  const v = args.values;
  if (v.code !== undefined && v['code-from'] !== undefined) {
    return usageError(ctx, 'give either --code or --code-from, not both');
  }
  const profiles = profilesOf(ctx, args);
  if (profiles.length > 1 && (v.code !== undefined || v.target !== undefined)) {
    return usageError(
      ctx,
      `${v.code !== undefined ? '--code gives one code, and a code works once' : '--target names one profile'}: renew one profile at a time, or use --code-from CMD`,
    );
  }
  // A flag's value that could never work is bad usage, found before any file is read or call made.
  // Its range depends on the plan (session, root user, role): the plan checks it.
  const bad = [
    v.code === undefined ? undefined : checkCode(v.code),
    v.duration === undefined ? undefined : parseDuration(v.duration),
    v.serial === undefined ? undefined : checkSerial(v.serial),
  ].find((r) => r?.ok === false);
  if (bad && !bad.ok) return printError(ctx, bad.error, exit.usage);
  const codes = commandCodes(ctx, {code: v.code, codeFrom: v['code-from']});
  let failed = false;
  let wroteSession = false;
  for (const profile of profiles) {
    const result = await renewProfile(ctx.env, {
      profile,
      code: codes,
      target: v.target,
      serial: v.serial,
      duration: v.duration,
      force: v.force,
      newCode: v['new-code'] || v.code !== undefined || v['code-from'] !== undefined,
      now: ctx.now(),
      endpointUrl: v['endpoint-url'],
      iamEndpointUrl: v['iam-endpoint-url'],
      region: v.region,
      saveSerial: v['save-serial'] ?? (canPrompt(ctx) ? askToSave(ctx) : false),
      debug: debugLog(ctx, v.debug),
    });
    if (result.ok) {
      wroteSession ||= result.value.kind === 'session';
      printOutcome(ctx, result.value, v.json === true);
      continue;
    }
    if (profiles.length > 1) ctx.stderr.write(`mfa-tui: ${profile}: not renewed\n`);
    printError(ctx, result.error);
    const rescue = result.unwritten?.credentials;
    // The session STS issued is not lost: the lines `env` prints for sh, on stdout (never a log).
    if (rescue) {
      ctx.stderr.write(
        `mfa-tui: the session is not lost: the lines on stdout export it (eval them in your shell); it works until ${formatRfc3339(rescue.expiration)}\n`,
      );
      ctx.stdout.write(exportText('env', {...rescue, expiresAt: rescue.expiration}));
    }
    const code = failureExit(result.error);
    if (code !== exit.failure) return code;
    failed = true;
  }
  // Session keys just went into the credentials file: say so if others than its owner can read it.
  const loose = wroteSession ? looseCredentialsWarning(ctx.env) : undefined;
  if (loose) warn(ctx, loose);
  return failed ? exit.failure : exit.ok;
});
