// `mfa-tui demo`: the sandbox with its sample profiles, and the TUI wired to it with the current MFA
// code on screen. Without a terminal it prints what to export and refreshes the codes instead.
import path from 'node:path';
import {totpStepAt, totpStepSeconds} from '../core/code-steps.js';
import {setLine} from '../core/shell.js';
import {launchSandbox, untilSignal, type Launched} from '../sandbox/launch.js';
import {totpCode} from '../sandbox/totp.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

const secondsLeft = (now: Date) =>
  totpStepSeconds - (Math.floor(now.getTime() / 1000) % totpStepSeconds);

export async function run(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.argv.includes('--help') || ctx.argv.includes('-h')) {
    ctx.stdout.write(
      'Usage: mfa-tui demo\n\nStarts the sandbox STS with sample profiles and shows the MFA codes to use.\n',
    );
    return exit.ok;
  }
  // Listen before anything is printed: a parent may signal as soon as it reads the first line.
  const stopped = untilSignal();
  const launched = await launchSandbox({clock: {now: ctx.now}});
  if (!launched.ok) {
    stopped.dispose();
    return printError(ctx, launched.error);
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
      ...Object.entries(info.env).map(([k, v]) => `  ${setLine('sh', k, v)}`),
      '  mfa-tui list',
      '  mfa-tui renew default --code CODE',
      `  /usr/bin/aws sts get-caller-identity --profile work --endpoint-url ${info.endpoint}`,
      '',
      'MFA codes (each works once; a new one every 30 s). Ctrl-C stops the demo.',
      '',
    ].join('\n'),
  );
  let shown: number | undefined;
  const show = () => {
    const now = ctx.now();
    if (totpStepAt(now) === shown) return;
    shown = totpStepAt(now);
    const codes = devices.map((u) => `${u.name} ${totpCode(u.totpSecret!, now)}`).join('  ');
    ctx.stdout.write(
      `  ${now.toISOString().slice(11, 19)}Z  ${codes}  (${secondsLeft(now)} s left)\n`,
    );
  };
  show();
  const timer = setInterval(show, 1000);
  await stopped.done;
  clearInterval(timer);
  await launched.value.stop();
  return exit.ok;
}

/** The TUI on the sandbox's files, with alice's current code (profile default) in a banner. */
async function demoTui(ctx: CommandContext, {info}: Launched): Promise<ExitCode> {
  const alice =
    info.users.find((u) => u.name === 'alice' && u.totpSecret) ??
    info.users.find((u) => u.totpSecret);
  // The demo shows the sandbox's world only: none of the user's AWS_* variables or settings leak in.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(ctx.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('MFA_TUI_')),
  );
  Object.assign(env, info.env, {
    MFA_TUI_CONFIG_DIR: path.join(info.dir, 'settings'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const banner = () => {
    const now = ctx.now();
    const code = totpCode(alice!.totpSecret!, now);
    return {label: `${alice!.name} (profile default)`, code, secondsLeft: secondsLeft(now)};
  };
  const {openTui} = await import('./tui-app.js');
  return openTui({...ctx, env}, {banner: alice ? banner : undefined});
}
