// `mfa-tui whoami`: STS GetCallerIdentity with what the AWS CLI would use (app/caller-identity.ts).
import {callerIdentity} from '../app/caller-identity.js';
import {command, debugLog} from './args.js';
import {exit, printError} from './context.js';

const usage = `Usage: mfa-tui whoami [--profile P] [--json]

Calls STS GetCallerIdentity with the credentials the AWS CLI would use now (or profile P) and
prints the ARN, account and user id.`;

export const run = command('whoami', usage, {max: 0}, async (ctx, {values: v}) => {
  const debug = debugLog(ctx, v.debug);
  const id = await callerIdentity(ctx.env, {
    profile: v.profile,
    endpointUrl: v['endpoint-url'],
    region: v.region,
    now: ctx.now(),
    debug,
  });
  if (!id.ok) return printError(ctx, id.error);
  const {arn, account, userId, using} = id.value;
  // As renew does: what came back, after what was sent.
  debug?.(`← Arn=${arn} Account=${account} using ${using}`);
  // The keys of `aws sts get-caller-identity` first, so a script reads either the same way.
  ctx.stdout.write(
    v.json
      ? `${JSON.stringify({UserId: userId, Account: account, Arn: arn, using})}\n`
      : `Arn      ${arn}\nAccount  ${account}\nUserId   ${userId}\nUsing    ${using}\n`,
  );
  return exit.ok;
});
