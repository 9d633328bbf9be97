// V8's optimising compiler (TurboFan) compiles hot code on other threads. A command that reads
// thousands of profiles and ends a fraction of a second later never runs most of what it compiles,
// and on a machine of two cores those threads take the CPU the command itself needs; the main
// thread's own time is the same either way, so more cores lose nothing by going without. Measured
// (2 cores, same run): `list --json` at 1000 profiles 1.91× → 1.70× `node -e 0`, at 5000
// 3.13× → 2.80×; the TUI's first frame at 1000 profiles 233 → 204 ms, at 5000 330 → 275 ms.
import {statSync} from 'node:fs';
import {awsPaths} from '../store/paths.js';

/** Below this the files are read before the compiler would start, and node:v8 costs ~3 ms to load. */
const bigFiles = 128 * 1024;

/**
 * A command that reads and ends (`brief`) also keeps V8's young generation at the size it starts
 * with. Left alone it keeps doubling as the thousands of profiles survive their first collections
 * (for `list --json` at 5000 profiles, from 2 to 8 MB of memory in use), and every page of fresh
 * memory is a page fault: where those are dear (measured on a 2-core VM: ~11 µs each) that
 * command spent ~20 ms on them, 206 → 184 ms (the others were not measured one by one). A
 * smaller young generation collects more often, and the data survives to old space anyway. V8
 * raises a growth factor below 2 to 2 when the heap is set up, which is why only a change made at
 * run time takes (the TUI does the same once its first frame is drawn: tui-app.ts).
 */
const briefFlags = '--semi-space-growth-factor=1';

/**
 * Turns the optimising compiler off while big AWS files are read (no-op for small ones); the
 * returned function turns it back on (the TUI, which runs for hours, calls it after its first
 * frame). With `brief`, the young generation stays small too (see briefFlags), for good: such a
 * command ends at once.
 */
export function interpretWhileReading(
  env: NodeJS.ProcessEnv,
  {brief = false}: {brief?: boolean} = {},
): () => void {
  const {credentialsFile, configFile} = awsPaths(env);
  let size = 0;
  for (const file of [credentialsFile, configFile]) {
    try {
      size += statSync(file).size;
    } catch {
      // A missing or unreadable file adds nothing; reading it reports the problem.
    }
  }
  if (size < bigFiles) return () => {};
  const v8 = process.getBuiltinModule('node:v8');
  v8.setFlagsFromString(brief ? `--no-turbofan ${briefFlags}` : '--no-turbofan');
  return () => v8.setFlagsFromString('--turbofan');
}
