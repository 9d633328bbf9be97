// The help overlay: every key of every scope, opened over the screen it was asked from.
import type {ActionOf} from './actions.js';
import {focusOf} from './focus.js';
import {clamp, type State} from './state.js';

export function helpReducer(state: State, action: ActionOf<'help'>): State {
  const {help} = state;
  switch (action.type) {
    case 'help/opened':
      return {...state, help: {open: true, scroll: 0, from: focusOf(state)}};
    case 'help/closed':
      return {...state, help: {...help, open: false}};
    case 'help/scrolled':
      return {...state, help: {...help, scroll: clamp(help.scroll + action.by, action.max)}};
  }
}
