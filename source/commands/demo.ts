// `mfa-tui demo`: the sandbox with its sample profiles and the current MFA codes. (The TUI wired to
// it comes later; until then this prints what to export and refreshes the codes every 30 s.)
import {launchSandbox, untilSignal} from '../sandbox/launch.js';
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
