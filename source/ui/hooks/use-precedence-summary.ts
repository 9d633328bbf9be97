import {useEffect, type Dispatch} from 'react';
import type {Action} from '../reducer.js';
import type {ProfileSnapshot} from '../ports.js';

/**
 * Runs the precedence engine for the marker and the conflict count once the rows are drawn: with
 * thousands of profiles it takes a moment, and the list should not wait for it.
 */
export function usePrecedenceSummary(
  snapshot: ProfileSnapshot | undefined,
  dispatch: Dispatch<Action>,
): void {
  useEffect(() => {
    if (!snapshot) return;
    const timer = setTimeout(() => {
      const report = snapshot.precedence();
      const conflicts = report.ok
        ? report.value.conflicts.filter((c) => c.severity !== 'info').length
        : 0;
      dispatch({
        type: 'precedence/summarised',
        summary: {snapshot, active: snapshot.active(), conflicts},
      });
    }, 0);
    return () => clearTimeout(timer);
  }, [snapshot, dispatch]);
}
