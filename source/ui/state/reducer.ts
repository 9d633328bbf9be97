// The one reducer: a key becomes the action its binding names, each action goes to the reducer of
// its domain. Effects (loading, STS calls, file watching) live in hooks and report back as actions.
import {charKey, keymap, matchBinding, type Key} from '../keymap.js';
import type {Action, ActionOf, Domain, KeyLimits} from './actions.js';
import {batchReducer} from './batch.js';
import {filterReducer} from './filter.js';
import {focusOf} from './focus.js';
import {helpReducer} from './help.js';
import {listReducer} from './list.js';
import {precedenceReducer, verifyReducer} from './precedence.js';
import {renewReducer} from './renew.js';
import {rotateReducer} from './rotate.js';
import type {State} from './state.js';

/**
 * Resolves a key against the scope focused when it is applied, not when it was read: Ink subscribes
 * listeners in an effect, so the one that hears a key right after a screen change can be stale.
 */
function pressKey(state: State, key: Key, limits: KeyLimits): State {
  const scope = focusOf(state);
  const binding = matchBinding(scope, key);
  if (binding) return reducer(state, binding.action(limits));
  const text = keymap[scope].text;
  // Several characters in one read (key repeat, fast typing, "/prod" pasted): one key each,
  // each against the focus it meets, so "/p" opens the filter and types "p" into it. Into a text
  // field the read goes whole, unless it holds a control key (⌫, Enter, Tab typed quickly after
  // the digits: "123⌫⌫" is "1"); an escape sequence is left to Ink.
  const input = key.text;
  const split =
    input.length > 1 &&
    !key.ctrl &&
    !key.meta &&
    (!text || (/[\u0000-\u001f\u007f]/.test(input) && !input.includes('\x1b')));
  if (split) {
    let next = state;
    for (const char of input) next = pressKey(next, charKey(char), limits);
    return next;
  }
  return text && input ? reducer(state, text(input)) : state;
}

const reducers: {[D in Domain]: (state: State, action: ActionOf<D>) => State} = {
  key: (state, action) => pressKey(state, action.key, action.limits ?? {}),
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
  verify: verifyReducer,
};

export function reducer(state: State, action: Action): State {
  const domain = action.type.slice(0, action.type.indexOf('/')) as Domain;
  return (reducers[domain] as (state: State, action: Action) => State)(state, action);
}
