// What the TUI gets from the edge: data snapshots and functions that do I/O. ui/ never reads disk
// or calls AWS itself; commands/tui.ts builds these from the store, the core and the STS edge.
import type {AppError, Result} from '../core/errors.js';
import type {PrecedenceResult} from '../core/precedence/types.js';
import type {Profile} from '../core/profiles.js';

/** Who the AWS CLI would use right now: a profile (and why) or the environment's keys. */
export type ActiveIdentity =
  {kind: 'profile'; name: string; from: string} | {kind: 'env'; accessKeyIdLast4?: string};

/** What the renew panel shows before any call: planRenewal's answer without the keys. */
export type RenewPreview = {
  source: string;
  target: string;
  serial: string;
  durationSeconds: number;
  accessKeyIdLast4: string;
};

/** Both files read once, with everything the screens compute from them (pure functions of this read). */
export type ProfileSnapshot = {
  profiles: Profile[];
  warnSeconds: number;
  credentialsFile: string;
  configFile: string;
  /** Broken lines, loose file modes: shown in the header. */
  warnings: string[];
  /** Who the AWS CLI would use; computed on first call (it runs the precedence engine). */
  active(): ActiveIdentity;
  /** The renewal plan for a row (source, device, target, duration), or why it cannot be renewed. */
  preview(profile: string, duration?: string): Result<RenewPreview>;
  /** Every client's chain and the conflicts, for now or "as if --profile X" (the current one computed once). */
  precedence(explicitProfile?: string): Result<PrecedenceResult>;
};

export type RenewRequest = {profile: string; code: string; duration?: string};
export type RenewDone = {source: string; target: string; expiresAt: Date};
export type CallerIdentity = {arn: string; account: string; userId: string; using: string};

/** The demo's authenticator: the code a user would read from their phone now. */
export type BannerInfo = {label: string; code: string; secondsLeft: number};

export type TuiPorts = {
  load(): Promise<Result<ProfileSnapshot>>;
  /** Calls onChange (debounced) when either file changes on disk; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
  renew(request: RenewRequest): Promise<Result<RenewDone>>;
  /** GetCallerIdentity with what the AWS CLI would use (or as if --profile). */
  verify(profile?: string): Promise<Result<CallerIdentity>>;
  now(): Date;
  /** Polled once a second when present (`mfa-tui demo`). */
  banner?: () => BannerInfo | undefined;
};

export type {AppError};
