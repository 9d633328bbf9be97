// The effects: those that reach the edge through the ports (the files, STS, IAM), and the timed
// work of the reducer's state (the precedence summary, a batch's wait); each reports back as actions.
import {useEffect, type Dispatch} from 'react';
import {codeWaitMs} from '../../core/code-steps.js';
import {ok, type AppError, type Result} from '../../core/errors.js';
import type {RenewRequest, TuiPorts} from '../ports.js';
import type {Action} from '../state/actions.js';
import {chosenSerial, waitingFor, type RenewPanel} from '../state/renew-plan.js';
import type {State} from '../state/state.js';

/**
 * Calls a port once per `key` (undefined: none) and dispatches its answer, a rejection as an
 * `unexpected` error; a key that changes first aborts the call's signal and drops the answer.
 */
function useCall<T>(
  dispatch: Dispatch<Action>,
  key: string | number | undefined,
  call: (signal: AbortSignal) => Promise<Result<T>>,
  done: (value: T) => Action,
  failed: (error: AppError) => Action,
  unexpected: {what: string; fix: string},
): void {
  useEffect(() => {
    if (key === undefined) return;
    let cancelled = false;
    let settled = false;
    const controller = new AbortController();
    const thrown = (error: unknown): Result<T> => {
      const message = `${unexpected.what} failed unexpectedly: ${(error as Error)?.message ?? String(error)}.`;
      return {ok: false, error: {code: 'unexpected', message, fix: unexpected.fix}};
    };
    void call(controller.signal)
      .catch(thrown)
      .then((result) => {
        settled = true;
        if (!cancelled) dispatch(result.ok ? done(result.value) : failed(result.error));
      });
    return () => {
      cancelled = true;
      if (!settled) controller.abort();
    };
    // The key says when to call; the port and dispatch are stable.
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
 * Every effect that reaches the edge, started by the state asking for it: the files read at start
 * (unless `preloaded`) and on each `reloads` bump; a renewal attempt, discovery, rotation, verify.
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
    dispatch,
    preloaded && reloads === 0 ? undefined : reloads,
    ports.load,
    (snapshot) => ({type: 'profiles/loaded', result: ok(snapshot)}),
    (error) => ({type: 'profiles/loaded', result: {ok: false, error}}),
    {what: 'Reading the files', fix: 'Try `mfa-tui list --debug` for details.'},
  );
  // The panel cannot change while it is submitting; Esc ends that phase, which aborts the call.
  const attempt = panel?.attempt;
  useCall(
    dispatch,
    panel?.phase === 'submitting' ? attempt : undefined,
    (signal) => {
      const request = renewRequest(panel!);
      // The step is spent once the code leaves, whatever STS answers (or if the user stops waiting).
      if (request.code) dispatch({type: 'renew/code-sent', now: ports.now(), attempt});
      return ports.renew(request, signal);
    },
    (done) => ({type: 'renew/succeeded', done, now: ports.now(), attempt}),
    (error) => ({type: 'renew/failed', error, attempt}),
    {what: 'The renewal', fix: 'Try `mfa-tui renew PROFILE --debug` for details.'},
  );
  const discovering = panel?.phase === 'discovering' ? panel.profile : undefined;
  useCall(
    dispatch,
    discovering,
    () => ports.discover(discovering!),
    (found) => ({type: 'renew/devices-found', ...found}),
    (error) => ({type: 'renew/discover-failed', error}),
    {
      what: 'Asking IAM for the MFA device',
      fix: `Try \`mfa-tui renew ${discovering} --debug\` for details, or pass --serial there.`,
    },
  );
  const rotating = rotate?.phase === 'running' ? rotate.profile : undefined;
  useCall(
    dispatch,
    rotating,
    async () => ok(await ports.rotate(rotating!)),
    (answer) =>
      answer.ok
        ? {type: 'rotate/succeeded', keys: answer.value}
        : {type: 'rotate/failed', error: answer.error, keys: answer.keys},
    (error) => ({type: 'rotate/failed', error}),
    {what: 'The rotation', fix: `Try \`mfa-tui rotate ${rotating} --debug\` for details.`},
  );
  const asProfile = verify.phase === 'running' ? verify.profile : undefined;
  useCall(
    dispatch,
    verify.phase === 'running' ? `as ${asProfile ?? ''}` : undefined,
    () => ports.verify(asProfile),
    (identity) => ({type: 'verify/succeeded', identity}),
    (error) => ({type: 'verify/failed', error}),
    {what: 'GetCallerIdentity', fix: 'Try `mfa-tui whoami --debug` for details.'},
  );
}

/**
 * Runs the precedence engine for the marker and the conflict count once the rows are drawn: with
 * thousands of profiles it takes a moment. Its heavy part runs one piece per turn of the event
 * loop (the results held until the engine runs), so a key pressed meanwhile waits for one piece.
 */
export function usePrecedenceSummary({snapshot}: State, dispatch: Dispatch<Action>): void {
  useEffect(() => {
    if (!snapshot) return;
    const parts = snapshot.precedenceParts();
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
      const summary = {snapshot, active: snapshot.active(), conflicts};
      dispatch({type: 'precedence/summarised', summary});
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [snapshot, dispatch]);
}

/** In a batch: reports renew/code-step-reached once the device's next 30-second step has begun. */
export function useCodeWait(now: () => Date, {renew}: State, dispatch: Dispatch<Action>): void {
  const waiting = waitingFor(renew);
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
  }, [waiting?.serial, waiting?.ledger, now, dispatch]);
}
