// The command table: name, one-line summary, and a lazy loader, so a command loads only what it needs.
import type {CommandContext, ExitCode} from './context.js';

export type CommandModule = {run(ctx: CommandContext): Promise<ExitCode>};
export type CommandEntry = {
  summary: string;
  /** Left out of the usage listing (machinery for the completion scripts). */
  hidden?: boolean;
  /** Its own flags for completion (`name=` takes a value), and whether its words are profiles. */
  flags?: string[];
  profiles?: boolean;
  load: () => Promise<CommandModule>;
};

export const commands: Record<string, CommandEntry> = {
  list: {
    flags: ['json'],
    summary: 'every profile with kind, masked key, MFA device, link and expiry',
    load: () => import('./list.js'),
  },
  renew: {
    flags: [
      'profile=',
      'code=',
      'code-from=',
      'duration=',
      'serial=',
      'save-serial',
      'iam-endpoint-url=',
      'target=',
      'new-code',
      'force',
      'json',
    ],
    profiles: true,
    summary: 'trade long-term keys and an MFA code for a session, written to the target profile',
    load: () => import('./renew.js'),
  },
  rotate: {
    flags: ['profile=', 'keep-old', 'code=', 'code-from=', 'iam-endpoint-url=', 'json'],
    profiles: true,
    summary: 'replace a long-term profile’s access key (with its MFA session), then retire the old',
    load: () => import('./rotate.js'),
  },
  env: {
    flags: ['profile=', 'format=', 'shell=', 'unset'],
    profiles: true,
    summary: 'export lines for a session profile: eval "$(mfa-tui env mfa)"',
    load: () => import('./env.js'),
  },
  check: {
    flags: ['profile=', 'within=', 'json'],
    profiles: true,
    summary: 'exit 0 valid, 3 expiring, 4 expired: for cron jobs and prompts',
    load: () => import('./check.js'),
  },
  precedence: {
    flags: ['profile=', 'json'],
    summary: 'which credentials each AWS client would use, its full chain, and every conflict',
    load: () => import('./precedence.js'),
  },
  whoami: {
    flags: ['profile=', 'json'],
    summary: 'GetCallerIdentity with what the AWS CLI would use (or --profile P)',
    load: () => import('./whoami.js'),
  },
  'credential-process': {
    flags: ['profile=', 'renew', 'margin=', 'code-from=', 'prompt=', 'prompt-timeout='],
    profiles: true,
    summary: 'print a session as credential_process JSON (--renew: renewed when a client needs it)',
    load: () => import('./credential-process.js'),
  },
  policy: {
    flags: ['max-age='],
    summary: 'print the IAM policy that denies everything without MFA',
    load: () => import('./policy.js'),
  },
  sandbox: {
    flags: ['dir=', 'port=', 'state='],
    summary: 'a local STS (users, keys, MFA devices, roles) on 127.0.0.1 with sample files',
    load: () => import('./sandbox.js'),
  },
  demo: {
    summary: 'the sandbox with sample profiles and the current MFA codes',
    load: () => import('./demo.js'),
  },
  completion: {
    summary: 'a completion script for bash, zsh or fish: source <(mfa-tui completion bash)',
    load: () => import('./completion.js'),
  },
  __complete: {
    summary: 'words for the completion scripts (profile names)',
    hidden: true,
    load: () => import('./complete-words.js'),
  },
  tui: {
    summary: 'the full-screen UI (the default when no command is given)',
    load: () => import('./tui.js'),
  },
};
