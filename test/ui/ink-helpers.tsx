// Driving the whole App through ink-testing-library: mount it, type keys as a person would, wait
// for a frame.
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app.js';
import type {FakePorts} from './fixtures.js';

export type Rendered = ReturnType<typeof render>;

/** The App on the fake ports, without colour. */
export function mount(ports: FakePorts): Rendered {
  return render(<App ports={ports} theme={{color: false}} />);
}

/** Waits until the last frame satisfies `check`; the timeout only guards against a hang. */
export async function frameWhere(
  r: Rendered,
  check: (frame: string) => boolean,
  guardMs = 5000,
): Promise<string> {
  const started = Date.now();
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (check(frame)) return frame;
    if (Date.now() - started > guardMs) throw new Error(`frame never matched:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const frameWith = (r: Rendered, text: string) => frameWhere(r, (f) => f.includes(text));

/** Lets React run its effects (Ink subscribes the focused screen's keys in one) before the next key. */
export async function settle() {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
}

export async function typeKeys(r: Rendered, ...inputs: string[]) {
  for (const input of inputs) {
    await settle();
    // Each key is its own read, as when a person types.
    r.stdin.write(input);
  }
  await settle();
}

/** Gives the test terminal another size (ink-testing-library's is 100 columns, rows unknown). */
export async function resize(r: Rendered, columns: number, rows: number) {
  Object.defineProperty(r.stdout, 'columns', {value: columns, configurable: true});
  Object.defineProperty(r.stdout, 'rows', {value: rows, configurable: true});
  r.stdout.emit('resize');
  await settle();
}
