// `mfa-tui rotate PROFILE`: rotate the profile's access key with its MFA session (app/rotate.ts)
// and say where each key stands, on success and after any rollback.
import {checkCode} from '../core/mfa.js';
import type {KeyReport} from '../app/rotate.js';
import {rotateProfile} from '../app/rotate.js';
import {parseCommandArgs, profileOption, profilesOf, usageError} from './args.js';
import {commandCodes} from './code-input.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

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

const options = {
  ...profileOption,
  'keep-old': {type: 'boolean'},
  code: {type: 'string'},
  'code-from': {type: 'string'},
  'iam-endpoint-url': {type: 'string'},
  json: {type: 'boolean'},
} as const;

const statusWords = {Active: 'active', Inactive: 'inactive', deleted: 'deleted'} as const;

/** Where each key stands, one line each (key ids are not secrets). */
function printKeys(keys: KeyReport, out: NodeJS.WritableStream): void {
  const held = (which: 'old' | 'new') => (keys.inFile === which ? `, in [${keys.profile}]` : '');
  out.write(`  old key ${keys.old.accessKeyId}: ${statusWords[keys.old.status]}${held('old')}\n`);
  if (keys.new)
    out.write(`  new key ${keys.new.accessKeyId}: ${statusWords[keys.new.status]}${held('new')}\n`);
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, options, usage, {min: 0, max: 1});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const v = args.values;
  if (v.code !== undefined && v['code-from'] !== undefined)
    return usageError(ctx, 'give either --code or --code-from, not both');
  if (v.code !== undefined) {
    const code = checkCode(v.code);
    if (!code.ok) {
      printError(ctx, code.error);
      return exit.usage;
    }
  }
  const [profile] = profilesOf(ctx, args);
  const settle = Number(ctx.env.MFA_TUI_KEY_SETTLE_SECONDS);
  const result = await rotateProfile(ctx.env, {
    profile,
    keepOld: v['keep-old'],
    code: commandCodes(ctx, {code: v.code, codeFrom: v['code-from']}),
    endpointUrl: v['endpoint-url'],
    iamEndpointUrl: v['iam-endpoint-url'],
    region: v.region,
    now: ctx.now(),
    settleMs: Number.isFinite(settle) && settle >= 0 ? settle * 1000 : undefined,
    debug: v.debug ? (line) => ctx.stderr.write(`debug: ${line}\n`) : undefined,
  });
  if (!result.ok) {
    printError(ctx, result.error);
    if (result.keys) {
      ctx.stderr.write(`mfa-tui: [${result.keys.profile}] still works; the keys now:\n`);
      printKeys(result.keys, ctx.stderr);
    }
    if (result.error.code === 'code-missing') return exit.usage;
    if (result.error.code === 'code-interrupted') return exit.interrupted;
    return exit.failure;
  }
  const keys = result.value;
  if (v.json) {
    ctx.stdout.write(`${JSON.stringify(keys)}\n`);
    return exit.ok;
  }
  ctx.stdout.write(`${keys.profile}: rotated to ${keys.new!.accessKeyId}\n`);
  printKeys(keys, ctx.stdout);
  return exit.ok;
}
