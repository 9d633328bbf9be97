// Time for the sandbox, injected everywhere so tests can move it; this is the one file that reads the system clock.

/** A source of the current time. */
export type Clock = {now(): Date};

/** The machine's clock. */
export const systemClock: Clock = {now: () => new Date()};

/** A clock that stands still until a test sets or advances it, so TOTP steps and expiry are exact. */
export class ManualClock implements Clock {
  constructor(private ms: number | Date = Date.now()) {}

  now(): Date {
    return new Date(this.ms);
  }

  set(when: Date | number): void {
    this.ms = when;
  }

  advance(ms: number): void {
    this.ms = Number(this.ms) + ms;
  }
}

/** The machine's clock shifted by an offset: how a test fakes a client whose clock is wrong. */
export class OffsetClock implements Clock {
  constructor(public offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
