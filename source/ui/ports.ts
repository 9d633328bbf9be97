// What the TUI gets from the edge: data snapshots and functions that do I/O. ui/ never reads disk
// or calls AWS itself; the TUI command (commands/tui-app.ts) wires these to the use cases in app/.
import type {CallerIdentity} from '../app/caller-identity.js';
import type {RotateResult} from '../app/rotate.js';
import type {AppError, Result} from '../core/errors.js';
import type {buildSnapshot} from './snapshot.js';

/** What the renew panel shows before any call: the renewal plan without the keys. */
export type RenewPreview = {
  /** `session`: GetSessionToken into a target; `role`: AssumeRole into the AWS CLI's cache. */
  kind: 'session' | 'role';
  source: string;
  target: string;
  /** '' when no device is configured and IAM must be asked (then `discover`). */
  serial: string;
  durationSeconds: number;
  /** The key that signs (the MFA session's for a role signed by it). */
  accessKeyIdLast4: string;
  /** False for a role an MFA session (or plain keys) can sign. */
  needsCode: boolean;
  discover?: boolean;
  roleArn?: string;
  /** For a role: one line on what signs AssumeRole. */
  signing?: string;
  /** For a role: an MFA session signs now, and a new code could be asked for instead. */
  bySession?: boolean;
};

/** `now`: when the caller plans (a role's MFA session may have lapsed since the read); else the read's time. */
export type PreviewOptions = {duration?: string; serial?: string; newCode?: boolean; now?: Date};

/** An MFA device IAM lists for the source's user. */
export type FoundDevice = {serial: string; userName: string};

/** Both files read once, with everything the screens compute from them (pure functions of this read). */
export type ProfileSnapshot = ReturnType<typeof buildSnapshot>;

export type RenewRequest = {
  profile: string;
  /** Absent when the plan needs no code (a role signed by an MFA session). */
  code?: string;
  duration?: string;
  /** A device chosen from what IAM listed, and whether to keep it as mfa_serial in config. */
  serial?: string;
  saveSerial?: boolean;
  /** For a role: sign with the long-term keys and a new code, not the MFA session. */
  newCode?: boolean;
};
export type RenewDone = {
  kind?: 'session' | 'role';
  source: string;
  target: string;
  expiresAt: Date;
  signing?: string;
  /** Where the chosen device was saved as mfa_serial, or why it was not. */
  saved?: {file: string; header: string};
  saveError?: AppError;
};
export type {CallerIdentity};

/** The demo's authenticator: the code a user would read from their phone now. */
export type BannerInfo = {label: string; code: string; secondsLeft: number};

export type TuiPorts = {
  load(): Promise<Result<ProfileSnapshot>>;
  /** Calls onChange (debounced) when either file changes on disk; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
  /** Aborted when the user stops waiting (Esc) or quits: then nothing may be written. */
  renew(request: RenewRequest, signal?: AbortSignal): Promise<Result<RenewDone>>;
  /** IAM ListMFADevices for the profile's source (when no device is configured). */
  discover(profile: string): Promise<Result<{source: string; devices: FoundDevice[]}>>;
  /** GetCallerIdentity with what the AWS CLI would use (or as if --profile). */
  verify(profile?: string): Promise<Result<CallerIdentity>>;
  /** With the MFA session the profile holds (the TUI asks no code: renew first). */
  rotate(profile: string): Promise<RotateResult>;
  now(): Date;
  /** Polled once a second when present (`mfa-tui demo`). */
  banner?: () => BannerInfo | undefined;
};
