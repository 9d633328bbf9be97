// The effects that reach the edge through the ports (the files, STS, IAM) and report back as actions.
import {useEffect, type Dispatch} from 'react';
import type {Result} from '../../core/errors.js';
import type {TuiPorts} from '../ports.js';
import type {Action} from '../state/actions.js';
import {chosenSerial, type RenewPanel} from '../state/renew-plan.js';
import type {VerifyState} from '../state/state.js';

/**
 * Calls a port once per `key` (undefined: nothing to call) and dispatches its answer, a rejected
 * promise as an `unexpected` error; an answer that comes after the key changed is dropped.
 */
function useCall<T>(
  key: string | number | undefined,
  call: () => Promise<Result<T>>,
  answer: (result: Result<T>) => Action,
  dispatch: Dispatch<Action>,
  unexpected: {what: string; fix: string},
): void {
  useEffect(() => {
    if (key === undefined) return;
    let cancelled = false;
    const failed = (error: unknown): Result<T> => {
      const message = `${unexpected.what} failed unexpectedly: ${(error as Error)?.message ?? String(error)}.`;
      return {ok: false, error: {code: 'unexpected', message, fix: unexpected.fix}};
    };
    void call()
      .catch(failed)
      .then((result) => {
        if (!cancelled) dispatch(answer(result));
      });
    return () => {
      cancelled = true;
    };
    // The key says when to call; the port and dispatch are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/**
 * Reads the files at start and whenever `reloads` is bumped; a stale read never overwrites a newer
 * one. `preloaded`: the first read was done before the UI mounted (the first frame has the rows).
 */
export function useProfiles(
  load: TuiPorts['load'],
  reloads: number,
  dispatch: Dispatch<Action>,
  preloaded: boolean,
): void {
  useCall(
    preloaded && reloads === 0 ? undefined : reloads,
    load,
    (result) =>
      result.ok
        ? {type: 'profiles/loaded', snapshot: result.value}
        : {type: 'profiles/load-failed', error: result.error},
    dispatch,
    {what: 'Reading the files', fix: 'Try `mfa-tui list --debug` for details.'},
  );
}

/** Subscribes to the edge's file watcher; a change on disk asks for a reload. */
export function useFileWatch(watch: TuiPorts['watch'], dispatch: Dispatch<Action>): void {
  useEffect(() => watch(() => dispatch({type: 'files/changed'})), [watch, dispatch]);
}

/** Sends the code when the panel enters `submitting`, and reports renew/succeeded or renew/failed. */
export function useRenew(
  ports: Pick<TuiPorts, 'renew' | 'now'>,
  panel: RenewPanel | undefined,
  dispatch: Dispatch<Action>,
): void {
  // Once per attempt; the panel's other fields cannot change while it is submitting.
  const attempt = panel?.phase === 'submitting' ? panel.attempt : undefined;
  useCall(
    attempt,
    () =>
      ports.renew({
        profile: panel!.profile,
        code: panel!.plan?.needsCode === false ? undefined : panel!.code,
        duration: panel!.durationEdited ? panel!.durationText : undefined,
        serial: chosenSerial(panel!),
        saveSerial: panel!.devices?.save || undefined,
        newCode: panel!.newCode || undefined,
      }),
    (result) =>
      result.ok
        ? {type: 'renew/succeeded', done: result.value, now: ports.now()}
        : {type: 'renew/failed', error: result.error},
    dispatch,
    {what: 'The renewal', fix: 'Try `mfa-tui renew PROFILE --debug` for details.'},
  );
}

/** Asks IAM for the MFA devices when the panel opens on a profile without one configured. */
export function useDiscover(
  discover: TuiPorts['discover'],
  panel: RenewPanel | undefined,
  dispatch: Dispatch<Action>,
): void {
  const profile = panel?.phase === 'discovering' ? panel.profile : undefined;
  useCall(
    profile,
    () => discover(profile!),
    (result) =>
      result.ok
        ? {type: 'renew/devices-found', ...result.value}
        : {type: 'renew/discover-failed', error: result.error},
    dispatch,
    {
      what: 'Asking IAM for the MFA device',
      fix: `Try \`mfa-tui renew ${profile} --debug\` for details, or pass --serial there.`,
    },
  );
}

/** Calls GetCallerIdentity when verification starts, and reports verify/succeeded or verify/failed. */
export function useVerify(
  verify: TuiPorts['verify'],
  state: VerifyState,
  dispatch: Dispatch<Action>,
): void {
  const profile = state.phase === 'running' ? state.profile : undefined;
  useCall(
    state.phase === 'running' ? `as ${profile ?? ''}` : undefined,
    () => verify(profile),
    (result) =>
      result.ok
        ? {type: 'verify/succeeded', identity: result.value}
        : {type: 'verify/failed', error: result.error},
    dispatch,
    {what: 'GetCallerIdentity', fix: 'Try `mfa-tui whoami --debug` for details.'},
  );
}
