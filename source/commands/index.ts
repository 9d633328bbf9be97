// The command table: name, one-line summary, and a lazy loader, so a command loads only what it needs.
import type {CommandContext, ExitCode} from './context.js';

export type CommandModule = {run(ctx: CommandContext): Promise<ExitCode>};
export type CommandEntry = {
  summary: string;
  load: () => Promise<CommandModule>;
};

export const commands: Record<string, CommandEntry> = {
  list: {
    summary: 'every profile with kind, masked key, MFA device, link and expiry',
    load: () => import('./list.js'),
  },
  renew: {
    summary: 'trade long-term keys and an MFA code for a session, written to the target profile',
    load: () => import('./renew.js'),
  },
  env: {
    summary: 'export lines for a session profile: eval "$(mfa-tui env mfa)"',
    load: () => import('./env.js'),
  },
  check: {
    summary: 'exit 0 valid, 3 expiring, 4 expired: for cron jobs and prompts',
    load: () => import('./check.js'),
  },
  precedence: {
    summary: 'which credentials each AWS client would use, its full chain, and every conflict',
    load: () => import('./precedence.js'),
  },
  whoami: {
    summary: 'GetCallerIdentity with what the AWS CLI would use (or --profile P)',
    load: () => import('./whoami.js'),
  },
  'credential-process': {
    summary: 'print a session as credential_process JSON (never prompts)',
    load: () => import('./credential-process.js'),
  },
  policy: {
    summary: 'print the IAM policy that denies everything without MFA',
    load: () => import('./policy.js'),
  },
  sandbox: {
    summary: 'a local STS (users, keys, MFA devices, roles) on 127.0.0.1 with sample files',
    load: () => import('./sandbox.js'),
  },
  demo: {
    summary: 'the sandbox with sample profiles and the current MFA codes',
    load: () => import('./demo.js'),
  },
  tui: {
    summary: 'the full-screen UI (the default when no command is given)',
    load: () => import('./tui.js'),
  },
};
