// A run of renewals: each code from a later 30 s step than the last one the run spent on the same
// device (STS takes a device's step once), and a code handed twice is caught before STS sees it.
import {codeWaitMs, isReused, reusedCode, takeCode, type CodeLedger} from '../core/code-steps.js';
import type {Result} from '../core/errors.js';
import {codeOf, type CodeNeed} from './renew-types.js';

/** How a run gets its codes; the caller owns the clock, the waiting and the asking. */
export type CodeAsking = {
  now(): Date;
  /** Waits `ms` before the next code of `serial` (a countdown on a terminal). */
  wait(serial: string, ms: number): Promise<void>;
  obtain(need: CodeNeed): Promise<Result<string>>;
  /** `fixed`: one code given up front; `typed`: a person types it; `command`: a command prints it. */
  how(need: CodeNeed): 'fixed' | 'typed' | 'command';
  /** Tells the person who typed the code just used to wait for the next one. */
  justUsed(): void;
};

/** The code source for a run of renewals (renewProfile's `code`); a code it hands out counts as sent. */
export function codesInTurn(ask: CodeAsking): (need: CodeNeed) => Promise<Result<string>> {
  let ledger: CodeLedger = {};
  return async (need) => {
    const wait = codeWaitMs(ledger, need.serial, ask.now());
    if (wait > 0) await ask.wait(need.serial, wait);
    const how = ask.how(need);
    const obtain = () => codeOf((n) => ask.obtain(n), need);
    let got = await obtain();
    const reused = () => got.ok && isReused(ledger, need.serial, got.value);
    // A device or command whose clock lags ours can still show the spent code: try for one more step.
    for (let tries = 0; reused() && tries < 16; tries++) {
      if (how === 'fixed') break;
      if (how === 'typed') ask.justUsed();
      else await ask.wait(need.serial, 2000);
      got = await obtain();
    }
    if (reused()) {
      const fix =
        'Renew the profiles that share a device with --code-from CMD or by typing each code, not with one --code.';
      return reusedCode(need.serial, fix);
    }
    if (got.ok) ledger = takeCode(ledger, need.serial, got.value, ask.now());
    return got;
  };
}
