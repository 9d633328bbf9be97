// The one reducer: each action goes to the reducer of its domain. Effects (loading, STS calls,
// file watching) live in hooks and report back through actions.
import type {Action, ActionOf, Domain} from './actions.js';
import {batchReducer} from './batch.js';
import {filterReducer} from './filter.js';
import {pressKey} from './focus.js';
import {helpReducer} from './help.js';
import {listReducer} from './list.js';
import {precedenceReducer} from './precedence.js';
import {renewReducer} from './renew.js';
import {rotateReducer} from './rotate.js';
import type {State} from './state.js';

const reducers: {[D in Domain]: (state: State, action: ActionOf<D>) => State} = {
  key: (state, action) => pressKey(state, action.key, action.limits ?? {}, reducer),
  profiles: listReducer,
  files: listReducer,
  terminal: listReducer,
  cursor: listReducer,
  app: listReducer,
  filter: filterReducer,
  help: helpReducer,
  batch: batchReducer,
  renew: renewReducer,
  rotate: rotateReducer,
  precedence: precedenceReducer,
  verify: precedenceReducer,
};

export function reducer(state: State, action: Action): State {
  const domain = action.type.slice(0, action.type.indexOf('/')) as Domain;
  return (reducers[domain] as (state: State, action: Action) => State)(state, action);
}
