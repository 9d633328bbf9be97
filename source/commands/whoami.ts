// `mfa-tui whoami`: STS GetCallerIdentity with what the AWS CLI would use (app/caller-identity.ts).
import {callerIdentity} from '../app/caller-identity.js';
import {parseCommandArgs} from './args.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

const usage = `Usage: mfa-tui whoami [--profile P] [--json]

Calls STS GetCallerIdentity with the credentials the AWS CLI would use now (or profile P) and
prints the ARN, account and user id.`;

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, {profile: {type: 'string'}, json: {type: 'boolean'}}, usage, {
    min: 0,
    max: 0,
  });
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const v = args.values;
  const debug = v.debug ? (line: string) => ctx.stderr.write(`debug: ${line}\n`) : undefined;
  const id = await callerIdentity(ctx.env, {
    profile: v.profile,
    endpointUrl: v['endpoint-url'],
    region: v.region,
    now: ctx.now(),
    debug,
  });
  if (!id.ok) {
    printError(ctx, id.error);
    return exit.failure;
  }
  const {arn, account, userId, using} = id.value;
  // As renew does: what came back, after what was sent.
  debug?.(`← Arn=${arn} Account=${account} using ${using}`);
  if (v.json) {
    // The keys of `aws sts get-caller-identity` first, so a script reads either the same way.
    ctx.stdout.write(`${JSON.stringify({UserId: userId, Account: account, Arn: arn, using})}\n`);
  } else {
    ctx.stdout.write(
      `Arn      ${arn}\nAccount  ${account}\nUserId   ${userId}\nUsing    ${using}\n`,
    );
  }
  return exit.ok;
}
