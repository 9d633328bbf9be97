// `mfa-tui rotate PROFILE`: rotate the profile's access key with its MFA session (app/rotate.ts)
// and say where each key stands, on success and after any rollback.
import {checkCode} from '../core/mfa.js';
import {rotateProfile, type KeyReport} from '../app/rotate.js';
import {command, debugLog, profilesOf, usageError} from './args.js';
import {commandCodes} from './code-input.js';
import {exit, failureExit, printError} from './context.js';

const usage = `Usage: mfa-tui rotate [PROFILE | --profile P] [--keep-old] [--code N | --code-from CMD]
                           [--iam-endpoint-url URL] [--json]

Replaces the access key of a long-term PROFILE: with the MFA session PROFILE renews into (renewed
first when it is not valid, one code), IAM creates a new key; once the new key works (STS
GetCallerIdentity, tried for a few seconds) it is written into PROFILE's section of the
credentials file in place of the old one (same line, every other byte unchanged), and the old key
is deactivated and deleted. Refused when the IAM user already has two keys (IAM's limit).
Any failure leaves a working profile, and the output says where each key stands.

  --keep-old            deactivate the old key but do not delete it
  --code N              the 6-digit code, when the MFA session must be renewed first
  --code-from CMD       run CMD and take the 6-digit code from its output
  --iam-endpoint-url URL  IAM endpoint (else AWS_ENDPOINT_URL_IAM, …)
  --json                print {profile, old, new, inFile} with each key's id and status

MFA_TUI_KEY_SETTLE_SECONDS sets how long the new key is tried (default 20).`;

const statusWords = {Active: 'active', Inactive: 'inactive', deleted: 'deleted'} as const;

/** Where each key stands, one line each (key ids are not secrets). */
function printKeys(keys: KeyReport, out: NodeJS.WritableStream): void {
  for (const which of ['old', 'new'] as const) {
    const key = keys[which];
    const held = keys.inFile === which ? `, in [${keys.profile}]` : '';
    if (key) out.write(`  ${which} key ${key.accessKeyId}: ${statusWords[key.status]}${held}\n`);
  }
}

export const run = command('rotate', usage, {max: 1}, async (ctx, args) => {
  const v = args.values;
  if (v.code !== undefined && v['code-from'] !== undefined) {
    return usageError(ctx, 'give either --code or --code-from, not both');
  }
  const code = v.code === undefined ? undefined : checkCode(v.code);
  if (code && !code.ok) return printError(ctx, code.error, exit.usage);
  const settle = Number(ctx.env.MFA_TUI_KEY_SETTLE_SECONDS);
  const result = await rotateProfile(ctx.env, {
    profile: profilesOf(ctx, args)[0],
    keepOld: v['keep-old'],
    code: commandCodes(ctx, {code: v.code, codeFrom: v['code-from']}),
    endpointUrl: v['endpoint-url'],
    iamEndpointUrl: v['iam-endpoint-url'],
    region: v.region,
    now: ctx.now(),
    settleMs: Number.isFinite(settle) && settle >= 0 ? settle * 1000 : undefined,
    debug: debugLog(ctx, v.debug),
  });
  if (!result.ok) {
    printError(ctx, result.error);
    if (result.keys) {
      ctx.stderr.write(`mfa-tui: [${result.keys.profile}] still works; the keys now:\n`);
      printKeys(result.keys, ctx.stderr);
    }
    return failureExit(result.error);
  }
  const keys = result.value;
  if (v.json) {
    ctx.stdout.write(`${JSON.stringify(keys)}\n`);
    return exit.ok;
  }
  ctx.stdout.write(`${keys.profile}: rotated to ${keys.new!.accessKeyId}\n`);
  printKeys(keys, ctx.stdout);
  return exit.ok;
});
