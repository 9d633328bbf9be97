import {useEffect, type Dispatch} from 'react';
import type {Action} from '../state/actions.js';
import {chosenSerial, type RenewPanel} from '../state/renew-plan.js';
import type {TuiPorts} from '../ports.js';

/** Sends the code when the panel enters `submitting`, and reports renew/succeeded or renew/failed. */
export function useRenew(
  renew: TuiPorts['renew'],
  now: () => Date,
  panel: RenewPanel | undefined,
  dispatch: Dispatch<Action>,
): void {
  const attempt = panel?.phase === 'submitting' ? panel.attempt : 0;
  useEffect(() => {
    if (!panel || attempt === 0) return;
    let cancelled = false;
    const saveSerial = panel.devices?.save === true;
    void renew({
      profile: panel.profile,
      code: panel.plan?.needsCode === false ? undefined : panel.code,
      duration: panel.durationEdited ? panel.durationText : undefined,
      serial: chosenSerial(panel),
      saveSerial: saveSerial || undefined,
      newCode: panel.newCode || undefined,
    }).then(
      (result) => {
        if (cancelled) return;
        if (result.ok) dispatch({type: 'renew/succeeded', done: result.value, now: now()});
        else dispatch({type: 'renew/failed', error: result.error});
      },
      (error: unknown) => {
        if (cancelled) return;
        dispatch({
          type: 'renew/failed',
          error: {
            code: 'unexpected',
            message: `The renewal failed unexpectedly: ${(error as Error)?.message ?? String(error)}.`,
            fix: 'Try `mfa-tui renew PROFILE --debug` for details.',
          },
        });
      },
    );
    return () => {
      cancelled = true;
    };
    // Runs once per attempt; the panel's other fields cannot change while it is submitting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt, renew, now, dispatch]);
}
