// `mfa-tui precedence [--profile P] [--json]`: which identity each AWS client would use, and why.
import {formatPrecedenceText, precedenceJson} from '../core/precedence/index.js';
import {precedenceFromDisk} from '../app/precedence.js';
import {parseCommandArgs} from './args.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

const usage = `Usage: mfa-tui precedence [--profile P] [--run-processes] [--json]

For the current environment and the two AWS files, shows which credentials the AWS CLI v2,
boto3 / AWS CLI v1, the JS SDK v3 and the Go SDK v2 would use, each client's full chain, and
every conflict with its fix.

Options:
  --profile P   as if the profile were given explicitly (aws --profile P, profile_name=P, ...)
  --run-processes
                runs each credential_process to see what it yields (otherwise a process is
                only checked: its program must start the way each client starts it)
  --json        {clients:[{client, winner, chain}], conflicts:[{id, severity, message, fix}]}
  --help        this text`;

/** `mfa-tui precedence`: exit 0 with the report, 1 on an error-level conflict or an unreadable file, 2 on bad flags. */
export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(
    ctx,
    {profile: {type: 'string'}, json: {type: 'boolean'}, 'run-processes': {type: 'boolean'}},
    usage,
    {
      min: 0,
      max: 0,
    },
  );
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const now = ctx.now();
  const result = await precedenceFromDisk(ctx.env, now, args.values.profile, {
    runProcesses: args.values['run-processes'] === true,
  });
  if (!result.ok) {
    printError(ctx, result.error);
    return exit.failure;
  }
  const {report, warnSeconds} = result.value;
  if (args.values.json) {
    ctx.stdout.write(`${JSON.stringify(precedenceJson(report), null, 2)}\n`);
  } else {
    ctx.stdout.write(formatPrecedenceText(report, {now, warnSeconds}));
  }
  // A script can gate on it: an error-level conflict is a failure.
  return report.conflicts.some((c) => c.severity === 'error') ? exit.failure : exit.ok;
}
