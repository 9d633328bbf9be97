import {useEffect, type Dispatch} from 'react';
import type {Action} from '../state/actions.js';
import type {VerifyState} from '../state/state.js';
import type {TuiPorts} from '../ports.js';

/** Calls GetCallerIdentity when verification starts, and reports verify/succeeded or verify/failed. */
export function useVerify(
  verify: TuiPorts['verify'],
  state: VerifyState,
  dispatch: Dispatch<Action>,
): void {
  const running = state.phase === 'running';
  const profile = state.phase === 'running' ? state.profile : undefined;
  useEffect(() => {
    if (!running) return;
    let cancelled = false;
    void verify(profile).then(
      (result) => {
        if (cancelled) return;
        if (result.ok) dispatch({type: 'verify/succeeded', identity: result.value});
        else dispatch({type: 'verify/failed', error: result.error});
      },
      (error: unknown) => {
        if (cancelled) return;
        dispatch({
          type: 'verify/failed',
          error: {
            code: 'unexpected',
            message: `GetCallerIdentity failed unexpectedly: ${(error as Error)?.message ?? String(error)}.`,
            fix: 'Try `mfa-tui whoami --debug` for details.',
          },
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [running, profile, verify, dispatch]);
}
