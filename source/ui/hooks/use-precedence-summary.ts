import {useEffect, type Dispatch} from 'react';
import type {Action} from '../state/actions.js';
import type {ProfileSnapshot} from '../ports.js';

/**
 * Runs the precedence engine for the marker and the conflict count once the rows are drawn: with
 * thousands of profiles it takes a moment, and the list should not wait for it. Its heavy part
 * runs one piece per turn of the event loop (the pieces' results held until the engine runs), so a
 * key pressed meanwhile waits for one piece, not for the whole engine.
 */
export function usePrecedenceSummary(
  snapshot: ProfileSnapshot | undefined,
  dispatch: Dispatch<Action>,
): void {
  useEffect(() => {
    if (!snapshot) return;
    const parts = snapshot.precedenceParts?.() ?? [];
    const held: unknown[] = [];
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const part = parts[held.length];
      if (part) {
        try {
          held.push(part());
        } catch {
          // The engine meets the same failure below and reports it as a value.
          held.push(undefined);
        }
        timer = setTimeout(step, 0);
        return;
      }
      const report = snapshot.precedence();
      held.length = 0;
      const conflicts = report.ok
        ? report.value.conflicts.filter((c) => c.severity !== 'info').length
        : 0;
      dispatch({
        type: 'precedence/summarised',
        summary: {snapshot, active: snapshot.active(), conflicts},
      });
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [snapshot, dispatch]);
}
