import {useEffect, type Dispatch} from 'react';
import type {Action} from '../state/actions.js';
import type {RenewPanel} from '../state/renew-plan.js';
import type {TuiPorts} from '../ports.js';

/** Asks IAM for the MFA devices when the panel opens on a profile without one configured. */
export function useDiscover(
  discover: TuiPorts['discover'],
  panel: RenewPanel | undefined,
  dispatch: Dispatch<Action>,
): void {
  const profile = panel?.phase === 'discovering' ? panel.profile : undefined;
  useEffect(() => {
    if (profile === undefined) return;
    let cancelled = false;
    void discover(profile).then(
      (result) => {
        if (cancelled) return;
        if (result.ok) dispatch({type: 'renew/devices-found', ...result.value});
        else dispatch({type: 'renew/discover-failed', error: result.error});
      },
      (error: unknown) => {
        if (cancelled) return;
        dispatch({
          type: 'renew/discover-failed',
          error: {
            code: 'unexpected',
            message: `Asking IAM for the MFA device failed unexpectedly: ${(error as Error)?.message ?? String(error)}.`,
            fix: `Try \`mfa-tui renew ${profile} --debug\` for details, or pass --serial there.`,
          },
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [profile, discover, dispatch]);
}
