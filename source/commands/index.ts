// The command table: name, one-line summary, and a lazy loader, so a command loads only what it needs.
import type {CommandContext, ExitCode} from './context.js';

type CommandEntry = {
  summary: string;
  /** Left out of the usage listing (machinery for the completion scripts). */
  hidden?: boolean;
  /** Whether its words are profiles (for completion). */
  profiles?: boolean;
  load: () => Promise<{run(ctx: CommandContext): Promise<ExitCode>}>;
};

export const commands: Record<string, CommandEntry> = {
  list: {
    summary: 'every profile with kind, masked key, MFA device, link and expiry',
    load: () => import('./list.js'),
  },
  renew: {
    profiles: true,
    summary: 'trade long-term keys and an MFA code for a session, written to the target profile',
    load: () => import('./renew.js'),
  },
  rotate: {
    profiles: true,
    summary: 'replace a long-term profile’s access key (with its MFA session), then retire the old',
    load: () => import('./rotate.js'),
  },
  env: {
    profiles: true,
    summary: 'export lines for a session profile: eval "$(mfa-tui env mfa)"',
    load: () => import('./env.js'),
  },
  check: {
    profiles: true,
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
    profiles: true,
    summary: 'print a session as credential_process JSON (--renew: renewed when a client needs it)',
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

/** Each command's own flags (`name=` takes a value): what its parser accepts, and completion offers. */
export const commandFlags = {
  list: 'json',
  renew:
    'profile= code= code-from= duration= serial= save-serial iam-endpoint-url= target= new-code force json',
  rotate: 'profile= keep-old code= code-from= iam-endpoint-url= json',
  env: 'profile= format= shell= unset',
  check: 'profile= within= json',
  precedence: 'profile= run-processes json',
  whoami: 'profile= json',
  'credential-process': 'profile= renew margin= code-from= prompt= prompt-timeout=',
  policy: 'max-age=',
  sandbox: 'dir= port= state=',
} as const;

/** A command's own flags, one word each; own keys only (`toString` is no command). */
export const flagsOf = (name: string): string[] =>
  Object.hasOwn(commandFlags, name)
    ? commandFlags[name as keyof typeof commandFlags].split(' ')
    : [];
