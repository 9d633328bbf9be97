// The vocabulary of a renewal, shared by the session and the role renewal and by their callers.
import {fail, ok, type AppError, type Result} from '../core/errors.js';
import {checkCode, type DiscoveredDevice} from '../core/mfa.js';
import type {RenewPlan, RenewRequest} from '../core/renew-plan.js';
import type {RolePlan, RoleRenewRequest} from '../core/role-plan.js';
import type {SessionCredentials} from '../aws/sts.js';
import type {Debug} from './aws-call.js';

/** What a code source is told when a code is needed: which device, for which profiles, and the profile's mfa_process. */
export type CodeNeed = {
  profile: string;
  source: string;
  target: string;
  serial: string;
  mfaProcess?: string;
};

/** A code, or a function that gets one when (and only when) the renewal needs it. */
export type CodeSource = string | ((need: CodeNeed) => Promise<Result<string>>);

/** A device IAM found for the source, and whether it was kept as mfa_serial in the config file. */
export type DiscoveryNote = {
  serial: string;
  userName: string;
  saved?: {file: string; header: string};
  saveError?: AppError;
};

export type RenewOutcome = {expiresAt: Date} & (
  {kind: 'session'; plan: RenewPlan; discovered?: DiscoveryNote} | {kind: 'role'; plan: RolePlan}
);

/** What the planners take (a role's `newCode` included), and how the renewal gets and sends its code. */
export type RenewProfileRequest = RenewRequest &
  RoleRenewRequest & {
    code: CodeSource;
    endpointUrl?: string;
    iamEndpointUrl?: string;
    region?: string;
    /** Keep the serial used as mfa_serial in the config profile: yes, no, or ask once a device is found. */
    saveSerial?:
      boolean | ((device: DiscoveredDevice, where: {profile: string}) => Promise<boolean>);
    /** The time that decides whether a held MFA session may still sign (default: now). */
    now?: Date;
    debug?: Debug;
    /** Ask IAM when the source's long-term key was made, once per key id (default: yes). */
    keyDate?: boolean;
    /** Aborted when the caller stops waiting: STS's late answer is then dropped, nothing written. */
    signal?: AbortSignal;
  };

/** A session STS issued (its code is spent) that could not be written: kept in memory, not lost. */
export type UnwrittenSession = {
  target: string;
  credentials: SessionCredentials;
  /** The write again (a fresh lock and the same checks), then what a renewal does after it. */
  retry(): Promise<RenewResult>;
};

/** A renewal's outcome; a failure after STS answered carries the session it could not write. */
export type RenewResult =
  {ok: true; value: RenewOutcome} | {ok: false; error: AppError; unwritten?: UnwrittenSession};

/** The code the source gives for this need, checked here once for every caller (CLI, TUI, on demand). */
export async function codeOf(code: CodeSource, need: CodeNeed): Promise<Result<string>> {
  const got = typeof code === 'string' ? ok(code) : await code(need);
  return got.ok ? checkCode(got.value) : got;
}

/** The renewal stopped because its caller stopped waiting: what that means for the code. */
export function stopped(sent: boolean): {ok: false; error: AppError} {
  return sent
    ? fail(
        'renew-stopped',
        'Stopped waiting for STS: its answer was dropped and nothing was written.',
        'STS may have taken the code: renew again with the next one.',
      )
    : fail(
        'renew-stopped',
        'Stopped before the code was sent: nothing was written.',
        'Renew again.',
      );
}

/** A write that failed after STS answered: the code is spent, and the session is kept. */
export function unwritten(
  written: {ok: false; error: AppError},
  session: UnwrittenSession,
): RenewResult {
  const error: AppError = {
    code: 'session-unwritten',
    message: `STS accepted the code (it is used now), but the session for ${session.target} could not be written: ${written.error.message}`,
    fix: written.error.fix,
    ...(written.error.remedy ? {remedy: written.error.remedy} : {}),
  };
  return {ok: false, error, unwritten: session};
}
