// `mfa-tui sandbox`: a local STS on 127.0.0.1 with sample credential files, until SIGINT/SIGTERM.
// No Ink, no AWS SDK: it has to start fast.
import {parseArgs} from 'node:util';
import {launchSandbox, untilSignal} from '../sandbox/launch.js';
import type {CommandContext, ExitCode} from './context.js';
import {exit, printError} from './context.js';
import {usageError} from './args.js';

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

type Flags = {dir?: string; port?: number; state?: string; region?: string; debug: boolean};

/** Parses the sandbox flags; a string is the usage problem. */
export function parseSandboxArgs(argv: string[]): Flags | {help: true} | string {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        dir: {type: 'string'},
        port: {type: 'string'},
        state: {type: 'string'},
        region: {type: 'string'},
        debug: {type: 'boolean', default: false},
        'no-color': {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
      },
    }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return {help: true};
  let port: number | undefined;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
      return `--port must be a number from 0 to 65535, not "${values.port}"`;
    }
    port = Number(values.port);
  }
  if (values.region !== undefined && !/^[a-z0-9-]+$/.test(values.region)) {
    return `--region must look like us-east-1, not "${values.region}"`;
  }
  return {
    dir: values.dir,
    port,
    state: values.state,
    region: values.region,
    debug: values.debug ?? false,
  };
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const flags = parseSandboxArgs(ctx.argv);
  if (typeof flags === 'string') {
    return usageError(ctx, flags);
  }
  if ('help' in flags) {
    ctx.stdout.write(`${usage}\n`);
    return exit.ok;
  }
  // Listen before anything is printed: a parent may signal as soon as it reads the first line.
  const stopped = untilSignal();
  const launched = await launchSandbox({
    dir: flags.dir,
    port: flags.port,
    stateFile: flags.state,
    region: flags.region,
    clock: {now: ctx.now},
    onRequest: flags.debug
      ? (e) =>
          ctx.stderr.write(
            `sandbox: ${e.action ?? '-'} key …${e.accessKeyIdLast4 ?? '----'} → ${e.status}${e.errorCode ? ` ${e.errorCode}` : ''}\n`,
          )
      : undefined,
  });
  if (!launched.ok) {
    stopped.dispose();
    printError(ctx, launched.error);
    return exit.failure;
  }
  const {info} = launched.value;
  ctx.stdout.write(`${JSON.stringify(info)}\n`);
  ctx.stderr.write(
    [
      `mfa-tui sandbox: local STS at ${info.endpoint}; sample files in ${info.dir}`,
      `  export ${Object.entries(info.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
      `  AWS CLI before 2.13 ignores AWS_ENDPOINT_URL_STS: pass --endpoint-url ${info.endpoint}`,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await stopped.done;
  await launched.value.stop();
  return exit.ok;
}
