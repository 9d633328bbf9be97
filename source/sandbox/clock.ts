// Time for the sandbox, injected everywhere so tests can move it; this is the one file that reads the system clock.

/** A source of the current time. */
export type Clock = {now(): Date};

/** The machine's clock. */
export const systemClock: Clock = {now: () => new Date()};

/** A clock that stands still until a test sets or advances it, so TOTP steps and expiry are exact. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | number = Date.now()) {
    this.#ms = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(when: Date | number): void {
    this.#ms = typeof when === 'number' ? when : when.getTime();
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** The machine's clock shifted by an offset: how a test fakes a client whose clock is wrong. */
export class OffsetClock implements Clock {
  offsetMs: number;

  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
