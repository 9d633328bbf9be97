// A credential_process link, judged without running it (the program must start the way the client
// starts it) or by the run the caller made: botocore runs the line without a shell, the JS and Go
// SDKs through `sh -c`.
import {fails, ok, type Probe} from './chain.js';
import {noIdentity} from './identity.js';
import {directStart, shellStart} from './process-line.js';
import type {Snapshot} from './snapshot.js';
import type {ProgramState} from './types.js';

export type ProcessWay = 'direct' | 'shell';

/** Python's repr of a string, as botocore's OSError messages quote a file name. */
const pyRepr = (s: string) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`);

const OS_ERRORS: Record<Exclude<ProgramState, 'found'>, string> = {
  'not-found': '[Errno 2] No such file or directory',
  'not-executable': '[Errno 13] Permission denied',
};

/** Why the line cannot start the way `way` starts it, in the client's terms; undefined when it can (or cannot be told). */
function startProblem(s: Snapshot, line: string, way: ProcessWay): string | undefined {
  const programs = s.input.programs;
  const state = (p: string): ProgramState => programs?.[p] ?? 'found';
  if (way === 'direct') {
    const start = directStart(line);
    if (start.program === undefined) {
      return start.problem === 'empty' ? 'credential_process is empty' : 'No closing quotation';
    }
    const found = state(start.program);
    if (found !== 'found') return `${OS_ERRORS[found]}: ${pyRepr(start.program)}`;
    if (start.operator) {
      return `botocore runs credential_process without a shell, so \`${start.operator}\` is passed to ${start.program} as an argument`;
    }
    return undefined;
  }
  const shell = shellStart(line);
  if (shell.programs === 'unknown') return undefined;
  const missing = shell.programs.find((p) => state(p) !== 'found');
  if (missing === undefined) return undefined;
  return `sh: ${missing}: ${state(missing) === 'not-found' ? 'not found' : 'Permission denied'}`;
}

/** The probe of a credential_process link: broken when it cannot start (the client's own failure,
 * `hard` or `soft`), the run's answer when it was run, else used but not run. */
export function processProbe(
  s: Snapshot,
  line: string,
  profile: string,
  way: ProcessWay,
  failure: 'hard' | 'soft',
): Probe {
  const identity = noIdentity('custom-process', profile);
  const how = way === 'direct' ? '(split like a shell command line, no shell)' : 'through a shell';
  const problem = startProblem(s, line, way);
  if (problem !== undefined) {
    return fails(`credential_process cannot start: ${problem}`, identity, failure);
  }
  const run = s.input.processRuns?.[line];
  if (!run || (run.way !== way && way !== 'shell')) {
    return {state: 'ok', reason: `runs credential_process ${how}: ${line}`, identity, notRun: true};
  }
  if (!run.ok) {
    const reason = `Error when retrieving credentials from custom-process: ${run.message}`;
    return fails(reason, identity, failure);
  }
  const {accessKeyIdLast4, expiresAt} = run;
  return ok(`ran credential_process ${how}: ${line}`, {...identity, accessKeyIdLast4, expiresAt});
}
