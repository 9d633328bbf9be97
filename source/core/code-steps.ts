// Renewing several profiles that share one MFA device: STS accepts a code's 30-second step once
// per device, so the next code must come from a later step. This is the schedule, shared by the
// CLI's countdown and the TUI's; the caller owns the clock and the waiting.
import {deviceText} from './profile-text.js';

/** Seconds per TOTP step (RFC 6238, as virtual and hardware MFA devices use). */
export const totpStepSeconds = 30;

/** The TOTP step that contains a moment. */
export function totpStepAt(when: Date): number {
  return Math.floor(when.getTime() / 1000 / totpStepSeconds);
}

/** The steps already spent in this run, by MFA device serial. Holds no code. */
export type CodeLedger = Readonly<Record<string, number>>;

/** The ledger after a code of `serial` was taken at `when` (the step it belongs to is spent). */
export function spendCode(ledger: CodeLedger, serial: string, when: Date): CodeLedger {
  const step = totpStepAt(when);
  return {...ledger, [serial]: Math.max(step, ledger[serial] ?? -Infinity)};
}

/** When a fresh code of `serial` can be had: now (undefined) or the start of the next unspent step. */
export function nextCodeAt(ledger: CodeLedger, serial: string, now: Date): Date | undefined {
  const spent = ledger[serial];
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
