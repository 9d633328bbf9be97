/** Every error mfa-tui reports, by what went wrong (the words come later, from the code's maker). */
export type ErrorCode =
  // Flags and codes
  | 'code-missing'
  | 'code-interrupted'
  | 'code-timeout'
  | 'code-command-failed'
  | 'code-incomplete'
  | 'mfa-code-malformed'
  | 'mfa-code-reused'
  | 'duration-invalid'
  | 'duration-out-of-range'
  // Profiles and plans
  | 'profile-not-found'
  | 'profile-broken'
  | 'profile-not-static'
  | 'renews-on-demand'
  | 'source-has-no-keys'
  | 'source-is-session'
  | 'source-unsupported'
  | 'target-is-long-term'
  | 'target-managed'
  | 'role-target'
  | 'not-a-role'
  | 'role-chain-unsupported'
  | 'role-source-unsupported'
  | 'mfa-serial-missing'
  | 'mfa-serial-invalid'
  | 'mfa-device-none'
  | 'mfa-device-ambiguous'
  | 'no-credentials'
  | 'credentials-broken'
  | 'precedence-failed'
  | 'session-expired'
  | 'renew-stopped'
  | 'role-session-missing'
  | 'sso-login-needed'
  | 'target-shadowed'
  // Files
  | 'file-locked'
  | 'renewal-failed-elsewhere'
  | 'file-not-utf8'
  | 'file-unreadable'
  | 'file-unwritable'
  | 'folder-unwritable'
  | 'ini-bad-key'
  | 'ini-bad-section'
  | 'ini-bad-value'
  | 'ini-section-exists'
  | 'ini-unparseable'
  | 'ini-write-refused'
  | 'role-cache-unwritable'
  | 'disk-full'
  | 'session-unwritten'
  | 'settings-invalid'
  | 'settings-unreadable'
  | 'settings-unwritable'
  // AWS
  | 'sts-unreachable'
  | 'iam-unreachable'
  | 'mfa-discovery-failed'
  | 'mfa-code-invalid'
  | 'mfa-device-unknown'
  | 'access-key-unknown'
  | 'clock-skew'
  | 'secret-wrong'
  | 'throttled'
  | 'access-denied'
  | 'sts-error'
  | 'endpoint-no-answer'
  | 'endpoint-answer-too-large'
  | 'endpoint-not-an-answer'
  // The sandbox
  | 'sandbox-dir-taken'
  | 'sandbox-dir-unwritable'
  | 'sandbox-listen-failed'
  | 'sandbox-state-invalid'
  | 'sandbox-state-unreadable'
  // The TUI's own
  | 'loading'
  | 'not-loaded'
  | 'batch-empty'
  | 'unexpected'
  // Rotation
  | 'rotate-not-long-term'
  | 'rotate-two-keys'
  | 'rotate-key-limit'
  | 'rotate-key-unknown'
  | 'rotate-create-failed'
  | 'rotate-new-key-unusable'
  | 'rotate-write-failed'
  | 'rotate-deactivate-failed'
  | 'rotate-delete-failed';

/**
 * A next step that names a flag: each surface says it in its own words (the CLI as the flag, the
 * renew panel as its field or as the shell command to run).
 */
export type Remedy =
  /** A session length within min–max seconds; `or` is a second way out (already in words). */
  | {flag: '--duration'; min: number; max: number; example?: string; rootMax?: number; or?: string}
  /** Another target profile (e.g. `suggested`), or `--force` to take the target over. */
  | {flag: '--target'; suggested?: string; force?: boolean; or?: string}
  /** A target name every client reads; said after what was done so far (`before`). */
  | {flag: '--target-name'; before?: string};

/** An error as a value: what went wrong and what the user can do next. Never carries a secret. */
export type AppError = {
  code: ErrorCode;
  message: string;
  /** The next step in words; empty when `remedy` says it. */
  fix: string;
  remedy?: Remedy;
};

export type Result<T> = {ok: true; value: T} | {ok: false; error: AppError};

export const ok = <T>(value: T): Result<T> => ({ok: true, value});
export const fail = (
  code: ErrorCode,
  message: string,
  fix: string | Remedy,
): {ok: false; error: AppError} => ({
  ok: false,
  error: typeof fix === 'string' ? {code, message, fix} : {code, message, fix: '', remedy: fix},
});
