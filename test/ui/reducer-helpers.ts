// Driving the TUI's reducer in tests: actions in a row, a loaded sample snapshot, a row selected.
import {expect} from 'vitest';
import {ok} from '../../source/core/errors.js';
import type {Action} from '../../source/ui/state/actions.js';
import {filteredProfiles} from '../../source/ui/state/list.js';
import {reducer} from '../../source/ui/state/reducer.js';
import {initialState, type State} from '../../source/ui/state/state.js';
import {sampleConfig, sampleCredentials, snapshotFrom} from './fixtures.js';

export const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);

/** The reducer after the sample files (or `options`) loaded, in a terminal of `size`. */
export function loaded(
  options: Parameters<typeof snapshotFrom>[0] = {},
  size = {columns: 80, rows: 24},
): State {
  const snapshot = snapshotFrom({credentials: sampleCredentials, config: sampleConfig, ...options});
  return reducer(initialState(size), {type: 'profiles/loaded', result: ok(snapshot)});
}

/** Moves the cursor to the row of profile `name`. */
export function select(state: State, name: string): State {
  const i = filteredProfiles(state).findIndex((p) => p.name === name);
  expect(i, `${name} is a row`).toBeGreaterThanOrEqual(0);
  return run(
    state,
    {type: 'cursor/moved', move: 'top'},
    ...Array.from({length: i}, () => ({type: 'cursor/moved', move: 'down'}) as Action),
  );
}
