// Tests that renew twice with one device on the real clock expect a countdown between the two
// codes. Late in a 30-second step the first renew can outlast the step; the second code is then
// due at once and the tool rightly shows no countdown. These tests start early in a step instead.

/** Resolves at once if at least `marginMs` of the current 30-second step is left, else in the next step. */
export async function earlyInStep(marginMs = 10_000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}
