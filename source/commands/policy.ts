import {mfaPolicy} from '../core/policy.js';
import {command, durationFlag} from './args.js';
import {exit} from './context.js';

const usage = `Usage: mfa-tui policy [--max-age D]

Prints an IAM policy (JSON) that denies everything unless the request carries MFA, except
managing one's own MFA device and sts:GetSessionToken. With --max-age (seconds or 1h30m),
sessions whose MFA sign-in is older than that are denied as well. Attach it to a user or group:
  aws iam put-user-policy --user-name NAME --policy-name require-mfa --policy-document "$(mfa-tui policy)"`;

export const run = command('policy', usage, {max: 0}, async (ctx, {values: v}) => {
  const maxAge = v['max-age'] === undefined ? undefined : durationFlag(ctx, v['max-age']);
  if (v['max-age'] !== undefined && maxAge === undefined) return exit.usage;
  if (maxAge !== undefined && maxAge <= 0) {
    ctx.stderr.write('mfa-tui: --max-age must be more than 0 seconds\n');
    return exit.usage;
  }
  ctx.stdout.write(`${JSON.stringify(mfaPolicy(maxAge), null, 2)}\n`);
  return exit.ok;
});
