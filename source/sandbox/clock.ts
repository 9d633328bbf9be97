// Time for the sandbox, injected everywhere so tests can move it; the one file that reads the system clock.

/** A source of the current time. */
export type Clock = {now(): Date};

export const systemClock: Clock = {now: () => new Date()};
