// `mfa-tui precedence [--profile P] [--json]`: which identity each AWS client would use, and why.
import {formatPrecedenceText, precedenceJson} from '../core/precedence/index.js';
import {precedenceFromDisk} from '../app/precedence.js';
import {command} from './args.js';
import {exit, printError} from './context.js';

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

/** Exit 0 with the report, 1 on an error-level conflict or an unreadable file, 2 on bad flags. */
export const run = command('precedence', usage, {max: 0}, async (ctx, {values: v}) => {
  const now = ctx.now();
  const result = await precedenceFromDisk(ctx.env, now, v.profile, {
    runProcesses: v['run-processes'] === true,
  });
  if (!result.ok) return printError(ctx, result.error);
  const {report, warnSeconds} = result.value;
  ctx.stdout.write(
    v.json
      ? `${JSON.stringify(precedenceJson(report), null, 2)}\n`
      : formatPrecedenceText(report, {now, warnSeconds}),
  );
  // A script can gate on it: an error-level conflict is a failure.
  return report.conflicts.some((c) => c.severity === 'error') ? exit.failure : exit.ok;
});
