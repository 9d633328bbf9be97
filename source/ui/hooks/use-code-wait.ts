import {useEffect, type Dispatch} from 'react';
import {codeWaitMs} from '../../core/code-steps.js';
import type {Action} from '../state/actions.js';
import {waitingFor, type RenewPanel} from '../state/renew-plan.js';

/** In a batch: reports renew/code-step-reached once the device's next 30-second step has begun. */
export function useCodeWait(
  now: () => Date,
  panel: RenewPanel | undefined,
  dispatch: Dispatch<Action>,
): void {
  const waiting = waitingFor(panel);
  useEffect(() => {
    if (!waiting) return;
    let timer: NodeJS.Timeout | undefined;
    const check = () => {
      const ms = codeWaitMs(waiting.ledger, waiting.serial, now());
      if (ms <= 0) dispatch({type: 'renew/code-step-reached'});
      // A timer may fire a hair early: check again rather than trust it.
      else timer = setTimeout(check, ms + 50);
    };
    check();
    return () => clearTimeout(timer);
    // The wait is fixed by the device and the ledger, both stable while waiting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waiting?.serial, waiting?.ledger, now, dispatch]);
}
