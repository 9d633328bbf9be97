import {parseDuration} from '../core/durations.js';
import {mfaPolicy} from '../core/policy.js';
import {parseCommandArgs} from './args.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

const usage = `Usage: mfa-tui policy [--max-age D]

Prints an IAM policy (JSON) that denies everything unless the request carries MFA, except
managing one's own MFA device and sts:GetSessionToken. With --max-age (seconds or 1h30m),
sessions whose MFA sign-in is older than that are denied as well. Attach it to a user or group:
  aws iam put-user-policy --user-name NAME --policy-name require-mfa --policy-document "$(mfa-tui policy)"`;

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, {'max-age': {type: 'string'}}, usage, {min: 0, max: 0});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  let maxAge: number | undefined;
  if (args.values['max-age'] !== undefined) {
    const parsed = parseDuration(args.values['max-age']);
    if (!parsed.ok) {
      printError(ctx, parsed.error);
      return exit.usage;
    }
    if (parsed.value <= 0) {
      ctx.stderr.write('mfa-tui: --max-age must be more than 0 seconds\n');
      return exit.usage;
    }
    maxAge = parsed.value;
  }
  ctx.stdout.write(`${JSON.stringify(mfaPolicy(maxAge), null, 2)}\n`);
  return exit.ok;
}
