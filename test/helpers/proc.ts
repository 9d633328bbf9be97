// A process's start time as Linux keeps it, read here on its own so lock tests do not take the
// code under test's word for it.
import {readFileSync} from 'node:fs';

/** Field 22 of /proc/PID/stat: the start in clock ticks since boot. */
export function processStartTicks(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3]!;
}
