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
 * Turns the optimising compiler off while big AWS files are read (no-op for small ones); the
 * returned function turns it back on (the TUI, which runs for hours, calls it after its first frame).
 */
export function interpretWhileReading(env: NodeJS.ProcessEnv): () => void {
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
  v8.setFlagsFromString('--no-turbofan');
  return () => v8.setFlagsFromString('--turbofan');
}
