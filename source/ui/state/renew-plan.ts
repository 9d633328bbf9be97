// The renew panel's data and how it is planned: the preview of a renewal before any call, planned
// again as the duration, the device or the choice of a new code change.
import {fail, type AppError, type Result} from '../../core/errors.js';
import {isReused, reusedCode, type CodeLedger} from '../../core/code-steps.js';
import {formatSeconds} from '../../core/durations.js';
import {codeLength} from '../../core/mfa.js';
import type {FoundDevice, PreviewOptions, RenewPreview} from '../ports.js';
import type {State} from './state.js';

/** The devices IAM listed for a profile without one configured, the one picked, and whether to keep it. */
export type DeviceChoice = {source: string; devices: FoundDevice[]; index: number; save: boolean};

/** One profile's outcome in a batch, for the panel and the closing message. */
type BatchResult = {profile: string; ok: boolean; text: string};

/**
 * Several profiles renewed in turn, one code each. The ledger holds each device's last step spent
 * and the code sent with it (a used code, in memory only: never rendered nor written).
 */
export type Batch = {queue: string[]; index: number; results: BatchResult[]; ledger: CodeLedger};

export type RenewPanel = {
  /** The row the panel was opened on. */
  profile: string;
  preview: Result<RenewPreview>;
  /** The last plan that worked: shown while a half-typed duration does not parse. */
  plan?: RenewPreview;
  field: 'code' | 'duration';
  /** Digits typed so far. Lives only in memory, only until the panel answers. */
  code: string;
  durationText: string;
  durationEdited: boolean;
  /**
   * `discovering`: IAM is asked for the device; `choosing`: several devices listed; `waiting`: in a
   * batch, for a code step later than the one just spent; then `editing`, `submitting`, `failed`.
   */
  phase: 'discovering' | 'choosing' | 'waiting' | 'editing' | 'submitting' | 'failed';
  /** For a role an MFA session can sign: the user asked to sign with a new code instead. */
  newCode: boolean;
  devices?: DeviceChoice;
  batch?: Batch;
  error?: AppError;
  /** Bumped on every submit (and carried across a batch's panels), so the effect runs once per attempt. */
  attempt: number;
};

/** A profile whose credential_process is mfa-tui's renewal: nothing to plan, its command renews. */
function renewsItself(profile: string): Result<RenewPreview> {
  const message = `Profile ${profile} renews its MFA session itself whenever a client asks it for credentials (credential_process mfa-tui credential-process … --renew).`;
  const fix =
    'Nothing to do here; to renew now, press Enter on the session profile its command names.';
  return fail('renews-on-demand', message, fix);
}

/** The renewal plan for a row in this state's snapshot (or that the files are not read yet). */
export function previewFor(state: State, profile: string, options?: PreviewOptions) {
  if (state.snapshot) {
    const row = state.snapshot.profiles.find((p) => p.name === profile);
    return row?.renewsOnDemand ? renewsItself(profile) : state.snapshot.preview(profile, options);
  }
  return fail('not-loaded', 'The profiles are still loading.', 'Try again in a moment.');
}

/** The device picked from IAM's list, once the choice is made. */
export function chosenSerial(panel: RenewPanel): string | undefined {
  if (!panel.devices || panel.phase === 'choosing') return undefined;
  return panel.devices.devices[panel.devices.index]?.serial;
}

/** The device the panel's code is for (none while IAM is asked or the plan needs none). */
export const codeSerial = (panel: RenewPanel): string | undefined =>
  panel.plan?.needsCode ? (chosenSerial(panel) ?? panel.plan.serial) || undefined : undefined;

/** The panel planned again after a change (duration, device, new code); the last good plan stays on screen. */
export function replan(state: State, panel: RenewPanel): RenewPanel {
  const preview = previewFor(state, panel.profile, {
    duration: panel.durationEdited ? panel.durationText || '0' : undefined,
    serial: chosenSerial(panel),
    newCode: panel.newCode || undefined,
  });
  if (!preview.ok) return {...panel, preview};
  const durationText = panel.durationEdited
    ? panel.durationText
    : formatSeconds(preview.value.durationSeconds);
  return {...panel, preview, plan: preview.value, durationText};
}

/** In a batch: a code whose device's step is spent waits (useCodeWait); a role an MFA session signs goes. */
export function ready(panel: RenewPanel): RenewPanel {
  const plan = panel.plan;
  if (!plan || !panel.batch || !panel.preview.ok || panel.phase !== 'editing') return panel;
  if (!plan.needsCode) return {...panel, phase: 'submitting', attempt: panel.attempt + 1};
  const serial = codeSerial(panel);
  if (serial && panel.batch.ledger[serial]) return {...panel, phase: 'waiting'};
  return panel;
}

/** A new panel on `profile`, carrying the attempt count (and the batch) over. */
export function openPanel(state: State, profile: string, attempt: number, batch?: Batch) {
  const preview = previewFor(state, profile);
  const plan = preview.ok ? preview.value : undefined;
  return ready({
    profile,
    preview,
    plan,
    field: 'code',
    code: '',
    durationText: plan ? formatSeconds(plan.durationSeconds) : '',
    durationEdited: false,
    phase: plan?.discover ? 'discovering' : 'editing',
    attempt,
    newCode: false,
    batch,
  });
}

/** The countdown line while a batch waits for the next code step (undefined when not waiting). */
export function waitingFor(panel: RenewPanel | undefined) {
  if (!panel || panel.phase !== 'waiting' || !panel.batch || !panel.plan) return undefined;
  return {serial: panel.plan.serial, ledger: panel.batch.ledger};
}

/** Sends the code (the effect sees `submitting`), or says why it cannot go yet. */
export function submit(panel: RenewPanel): RenewPanel {
  if (!panel.preview.ok || !panel.plan) return panel;
  if (panel.phase !== 'editing' && panel.phase !== 'failed') return panel;
  if (panel.plan.needsCode && panel.code.length !== codeLength) {
    const message = `An MFA code has ${codeLength} digits; ${panel.code.length} typed so far.`;
    const {error} = fail('code-incomplete', message, 'Type the code your authenticator shows now.');
    return {...panel, error};
  }
  const serial = codeSerial(panel);
  if (panel.batch && serial && isReused(panel.batch.ledger, serial, panel.code)) {
    const {error} = reusedCode(serial, 'Type the next code your authenticator shows.');
    return {...panel, phase: 'editing', code: '', error};
  }
  const attempt = panel.attempt + 1;
  return {...panel, phase: 'submitting', error: undefined, field: 'code', attempt};
}
