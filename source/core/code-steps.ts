// Renewing several profiles that share one MFA device: STS accepts a code's 30-second step once
// per device, so the next code must come from a later step. This is the schedule, shared by the
// CLI's countdown and the TUI's; the caller owns the clock and the waiting.
import {fail, type AppError} from './errors.js';
import {deviceText} from './profile-text.js';

/** Seconds per TOTP step (RFC 6238, as virtual and hardware MFA devices use). */
export const totpStepSeconds = 30;

/** The TOTP step that contains a moment. */
export function totpStepAt(when: Date): number {
  return Math.floor(when.getTime() / 1000 / totpStepSeconds);
}

/**
 * The code steps spent in this run, by MFA device serial, and the code last sent for each: held in
 * memory only, to tell a code handed again (STS takes a code once) from the next one.
 */
export type CodeLedger = Readonly<Record<string, {step: number; code: string}>>;

/**
 * The ledger after `code` of `serial` was sent to STS at `when`: its step is spent from then on,
 * whatever STS answered (it may have accepted the code even if the session was never written).
 */
export function takeCode(ledger: CodeLedger, serial: string, code: string, when: Date): CodeLedger {
  const step = Math.max(totpStepAt(when), ledger[serial]?.step ?? -Infinity);
  return {...ledger, [serial]: {step, code}};
}

/** True when `code` is the one this run last sent for `serial`: sending it again spends nothing but a refusal. */
export const isReused = (ledger: CodeLedger, serial: string, code: string): boolean =>
  ledger[serial]?.code === code;

/** The refusal of a code handed again, with what to do instead (`fix`: in the caller's words). */
export function reusedCode(serial: string, fix: string): {ok: false; error: AppError} {
  const message = `The code for ${serial} is the one just used, and STS accepts a code once.`;
  return fail('mfa-code-reused', message, fix);
}

/** When a fresh code of `serial` can be had: now (undefined) or the start of the next unspent step. */
export function nextCodeAt(ledger: CodeLedger, serial: string, now: Date): Date | undefined {
  const spent = ledger[serial]?.step;
  if (spent === undefined || totpStepAt(now) > spent) return undefined;
  return new Date((spent + 1) * totpStepSeconds * 1000);
}

/** Milliseconds to wait before asking for the next code of `serial` (0: ask now). */
export function codeWaitMs(ledger: CodeLedger, serial: string, now: Date): number {
  const at = nextCodeAt(ledger, serial, now);
  return at ? Math.max(0, at.getTime() - now.getTime()) : 0;
}

/** The countdown line: `Next code for mfa/alice in 17 s (each code works once)`. */
export function countdownText(serial: string, msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `Next code for ${deviceText(serial)} in ${seconds} s (each code works once)`;
}
