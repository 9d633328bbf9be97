import {useMemo, type Dispatch} from 'react';
import type {AppError, Result} from '../../core/errors.js';
import type {PrecedenceResult} from '../../core/precedence/types.js';
import {LinesScreen, useNow} from '../components/screen.js';
import {truncate, seg} from '../format.js';
import {precedenceLines} from '../precedence-view.js';
import type {Action} from '../state/actions.js';
import {focusOf} from '../state/focus.js';
import {asProfileName, shownVerify} from '../state/precedence.js';
import type {State} from '../state/state.js';

const reading: AppError = {code: 'loading', message: 'Reading the files…', fix: ''};

/** Per client: the winner, its chain with statuses and reasons; then the conflicts and their fixes. */
export function PrecedenceScreen({state, dispatch}: {state: State; dispatch: Dispatch<Action>}) {
  const now = useNow();
  const {snapshot, selected} = state;
  const asProfile = asProfileName(state);
  const report: Result<PrecedenceResult> = useMemo(
    () => (snapshot ? snapshot.precedence(asProfile) : {ok: false, error: reading}),
    [snapshot, asProfile],
  );
  const width = state.size.columns;
  const lines = precedenceLines({
    report,
    client: state.precedence.client,
    width,
    verify: shownVerify(state),
    now,
    warnSeconds: snapshot?.warnSeconds ?? 0,
  });
  const title = asProfile ? `as if --profile ${asProfile}` : 'current environment';
  const back = asProfile ? 'back to the current environment' : `as if --profile ${selected}`;
  const toggle = selected ? `  (a: ${back})` : '';
  return (
    <LinesScreen
      state={state}
      dispatch={dispatch}
      active={focusOf(state) === 'precedence'}
      title={[
        seg(`Precedence · ${title}`, 'title', {bold: true}),
        seg(truncate(toggle, Math.max(0, width - 15 - title.length)), 'muted'),
      ]}
      lines={lines}
      scroll={state.precedence.scroll}
      clients={report.ok ? report.value.clients.length : 1}
    />
  );
}
