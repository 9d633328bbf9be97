// `mfa-tui sandbox`: a local STS on 127.0.0.1 with sample credential files, until SIGINT/SIGTERM.
// No Ink, no AWS SDK: it has to start fast.
import {setLine} from '../core/shell.js';
import {launchSandbox, untilSignal} from '../sandbox/launch.js';
import {command, usageError} from './args.js';
import {exit, printError} from './context.js';

const usage = `Usage: mfa-tui sandbox [--dir DIR] [--port N] [--state FILE] [--region R] [--debug]

Runs a local STS (GetSessionToken, AssumeRole, GetCallerIdentity) on 127.0.0.1 with IAM users,
access keys, virtual MFA devices and roles, and writes sample credentials and config files whose
keys match it. Prints one JSON line first (endpoint, files, env to export, users with keys, MFA
serials and TOTP secrets), then serves until Ctrl-C or SIGTERM.

  --dir DIR     where to write credentials and config (default: a temporary folder, removed on exit)
  --port N      port to listen on (default: a free one)
  --state FILE  users, keys, MFA devices and roles as JSON (see docs/sandbox-state.md); default: demo
  --region R    region of the sample default profile (default: us-east-1)
  --debug       log each request to stderr (action, key's last 4 characters, status; never a secret)`;

export const run = command('sandbox', usage, {max: 0}, async (ctx, {values: v}) => {
  if (v.port !== undefined && (!/^\d+$/.test(v.port) || Number(v.port) > 65535)) {
    return usageError(ctx, `--port must be a number from 0 to 65535, not "${v.port}"`);
  }
  if (v.region !== undefined && !/^[a-z0-9-]+$/.test(v.region)) {
    return usageError(ctx, `--region must look like us-east-1, not "${v.region}"`);
  }
  // Listen before anything is printed: a parent may signal as soon as it reads the first line.
  const stopped = untilSignal();
  const launched = await launchSandbox({
    dir: v.dir,
    port: v.port === undefined ? undefined : Number(v.port),
    stateFile: v.state,
    region: v.region,
    clock: {now: ctx.now},
    onRequest: v.debug
      ? (e) =>
          ctx.stderr.write(
            `sandbox: ${e.action ?? '-'} key …${e.accessKeyIdLast4 ?? '----'} → ${e.status}${e.errorCode ? ` ${e.errorCode}` : ''}\n`,
          )
      : undefined,
  });
  if (!launched.ok) {
    stopped.dispose();
    return printError(ctx, launched.error);
  }
  const {info} = launched.value;
  ctx.stdout.write(`${JSON.stringify(info)}\n`);
  ctx.stderr.write(
    [
      `mfa-tui sandbox: local STS at ${info.endpoint}; sample files in ${info.dir}`,
      ...Object.entries(info.env).map(([k, v]) => `  ${setLine('sh', k, v)}`),
      `  AWS CLI before 2.13 ignores AWS_ENDPOINT_URL_STS: pass --endpoint-url ${info.endpoint}`,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await stopped.done;
  await launched.value.stop();
  return exit.ok;
});
