// `mfa-tui demo`: the sandbox with its sample profiles, and the TUI wired to it with the current MFA
// code on screen. Without a terminal it prints what to export and refreshes the codes instead.
import path from 'node:path';
import {launchSandbox, untilSignal, type Launched} from '../sandbox/launch.js';
import {totpCode, totpStep, totpStepSeconds} from '../sandbox/totp.js';
import type {CommandContext, ExitCode} from './context.js';
import {exit, printError} from './context.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function run(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.argv.includes('--help') || ctx.argv.includes('-h')) {
    ctx.stdout.write(
      'Usage: mfa-tui demo\n\nStarts the sandbox STS with sample profiles and shows the MFA codes to use.\n',
    );
    return exit.ok;
  }
  // Listen before anything is printed: a parent may signal as soon as it reads the first line.
  const stopped = untilSignal();
  const clock = {now: ctx.now};
  const launched = await launchSandbox({clock});
  if (!launched.ok) {
    stopped.dispose();
    printError(ctx, launched.error);
    return exit.failure;
  }
  if ((ctx.stdout as NodeJS.WriteStream).isTTY && (ctx.stdin as NodeJS.ReadStream).isTTY) {
    stopped.dispose();
    try {
      return await demoTui(ctx, launched.value);
    } finally {
      await launched.value.stop();
    }
  }
  const {info} = launched.value;
  const devices = info.users.filter((u) => u.mfaSerial && u.totpSecret);
  ctx.stdout.write(
    [
      'mfa-tui demo: a local STS with sample profiles (sandbox keys; no AWS account involved)',
      '',
      `  endpoint     ${info.endpoint}`,
      `  credentials  ${info.credentialsFile}`,
      `  config       ${info.configFile}`,
      '',
      'In another shell:',
      ...Object.entries(info.env).map(([k, v]) => `  export ${k}=${quote(v)}`),
      '  mfa-tui list',
      '  mfa-tui renew default --code CODE',
      `  /usr/bin/aws sts get-caller-identity --profile work --endpoint-url ${info.endpoint}`,
      '',
      'MFA codes (each works once; a new one every 30 s). Ctrl-C stops the demo.',
      '',
    ].join('\n'),
  );
  const show = () => {
    const now = ctx.now();
    const left = totpStepSeconds - (Math.floor(now.getTime() / 1000) % totpStepSeconds);
    const codes = devices.map((u) => `${u.name} ${totpCode(u.totpSecret!, now)}`).join('  ');
    ctx.stdout.write(`  ${now.toISOString().slice(11, 19)}Z  ${codes}  (${left} s left)\n`);
  };
  show();
  let shown = totpStep(ctx.now());
  const timer = setInterval(() => {
    const step = totpStep(ctx.now());
    if (step !== shown) {
      shown = step;
      show();
    }
  }, 1000);
  await stopped.done;
  clearInterval(timer);
  await launched.value.stop();
  return exit.ok;
}

/** The TUI on the sandbox's files, with alice's current code (profile default) in a banner. */
async function demoTui(ctx: CommandContext, launched: Launched): Promise<ExitCode> {
  const {info} = launched;
  const alice =
    info.users.find((u) => u.name === 'alice' && u.totpSecret) ??
    info.users.find((u) => u.totpSecret);
  const env: NodeJS.ProcessEnv = {};
  // The demo shows the sandbox's world only: none of the user's AWS_* variables or settings leak in.
  for (const [k, v] of Object.entries(ctx.env))
    if (!k.startsWith('AWS_') && !k.startsWith('MFA_TUI_')) env[k] = v;
  Object.assign(env, info.env, {
    MFA_TUI_CONFIG_DIR: path.join(info.dir, 'settings'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const {openTui} = await import('./tui-app.js');
  return openTui(
    {...ctx, env},
    {
      banner: alice
        ? () => {
            const now = ctx.now();
            return {
              label: `${alice.name} (profile default)`,
              code: totpCode(alice.totpSecret!, now),
              secondsLeft: totpStepSeconds - (Math.floor(now.getTime() / 1000) % totpStepSeconds),
            };
          }
        : undefined,
    },
  );
}
