// The effects that reach the edge through the ports (the files, STS, IAM) and report back as actions.
import {useEffect, type Dispatch} from 'react';
import {fail, ok, type Result} from '../../core/errors.js';
import type {RenewRequest, TuiPorts} from '../ports.js';
import type {Action} from '../state/actions.js';
import {chosenSerial, type RenewPanel} from '../state/renew-plan.js';
import type {State} from '../state/state.js';

/**
 * Calls a port once per `key` (undefined: nothing to call) and dispatches its answer, a rejected
 * promise as an `unexpected` error; when the key changes before the answer, the call's signal is
 * aborted and the answer dropped.
 */
function useCall<T>(
  key: string | number | undefined,
  call: (signal: AbortSignal) => Promise<Result<T>>,
  answer: (result: Result<T>) => Action,
  dispatch: Dispatch<Action>,
  unexpected: {what: string; fix: string},
): void {
  useEffect(() => {
    if (key === undefined) return;
    let cancelled = false;
    let settled = false;
    const controller = new AbortController();
    const failed = (error: unknown): Result<T> => {
      const message = `${unexpected.what} failed unexpectedly: ${(error as Error)?.message ?? String(error)}.`;
      return {ok: false, error: {code: 'unexpected', message, fix: unexpected.fix}};
    };
    void call(controller.signal)
      .catch(failed)
      .then((result) => {
        settled = true;
        if (!cancelled) dispatch(answer(result));
      });
    return () => {
      cancelled = true;
      if (!settled) controller.abort();
    };
    // The key says when to call; the port and dispatch are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/** The request the panel sends: its code (none when the plan needs none), duration and device. */
function renewRequest(panel: RenewPanel): RenewRequest {
  return {
    profile: panel.profile,
    code: panel.plan?.needsCode === false ? undefined : panel.code,
    duration: panel.durationEdited ? panel.durationText : undefined,
    serial: chosenSerial(panel),
    saveSerial: panel.devices?.save || undefined,
    newCode: panel.newCode || undefined,
  };
}

/**
 * Every effect that reaches the edge, each started by the state that asks for it: the files read
 * at start (unless `preloaded`, read before the UI mounted) and whenever `reloads` is bumped, the
 * code sent once per attempt, IAM asked for the devices, STS asked who the credentials are.
 */
export function usePorts(
  ports: TuiPorts,
  state: State,
  dispatch: Dispatch<Action>,
  preloaded: boolean,
): void {
  const {reloads, renew: panel, verify, rotate} = state;
  useEffect(() => ports.watch(() => dispatch({type: 'files/changed'})), [ports, dispatch]);
  useCall(
    preloaded && reloads === 0 ? undefined : reloads,
    ports.load,
    (result) =>
      result.ok
        ? {type: 'profiles/loaded', snapshot: result.value}
        : {type: 'profiles/load-failed', error: result.error},
    dispatch,
    {what: 'Reading the files', fix: 'Try `mfa-tui list --debug` for details.'},
  );
  // The panel's other fields cannot change while it is submitting; Esc ends the
  // submitting phase, which aborts the call.
  useCall(
    panel?.phase === 'submitting' ? panel.attempt : undefined,
    (signal) => ports.renew(renewRequest(panel!), signal),
    (result) =>
      result.ok
        ? {type: 'renew/succeeded', done: result.value, now: ports.now(), attempt: panel!.attempt}
        : {type: 'renew/failed', error: result.error, attempt: panel!.attempt},
    dispatch,
    {what: 'The renewal', fix: 'Try `mfa-tui renew PROFILE --debug` for details.'},
  );
  const discovering = panel?.phase === 'discovering' ? panel.profile : undefined;
  useCall(
    discovering,
    () => ports.discover(discovering!),
    (result) =>
      result.ok
        ? {type: 'renew/devices-found', ...result.value}
        : {type: 'renew/discover-failed', error: result.error},
    dispatch,
    {
      what: 'Asking IAM for the MFA device',
      fix: `Try \`mfa-tui renew ${discovering} --debug\` for details, or pass --serial there.`,
    },
  );
  const rotating = rotate?.phase === 'running' ? rotate.profile : undefined;
  useCall(
    rotating,
    async () =>
      ports.rotate
        ? ok(await ports.rotate(rotating!))
        : fail('unexpected', 'This TUI cannot rotate keys.', 'Run `mfa-tui rotate PROFILE`.'),
    (result): Action => {
      if (!result.ok) return {type: 'rotate/failed', error: result.error};
      const answer = result.value;
      return answer.ok
        ? {type: 'rotate/succeeded', keys: answer.value}
        : {type: 'rotate/failed', error: answer.error, keys: answer.keys};
    },
    dispatch,
    {what: 'The rotation', fix: `Try \`mfa-tui rotate ${rotating} --debug\` for details.`},
  );
  const asProfile = verify.phase === 'running' ? verify.profile : undefined;
  useCall(
    verify.phase === 'running' ? `as ${asProfile ?? ''}` : undefined,
    () => ports.verify(asProfile),
    (result) =>
      result.ok
        ? {type: 'verify/succeeded', identity: result.value}
        : {type: 'verify/failed', error: result.error},
    dispatch,
    {what: 'GetCallerIdentity', fix: 'Try `mfa-tui whoami --debug` for details.'},
  );
}
