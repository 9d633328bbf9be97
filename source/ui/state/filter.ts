// The filter line: typed text narrows the list; Enter keeps it, Esc clears it.
import type {ActionOf} from './actions.js';
import {reselect} from './list.js';
import type {State} from './state.js';

export function filterReducer(state: State, action: ActionOf<'filter'>): State {
  const {filter} = state;
  switch (action.type) {
    case 'filter/opened':
      return {...state, filter: {...filter, editing: true}, message: undefined};
    case 'filter/typed': {
      const text = action.text.replace(/[\u0000-\u001f\u007f]/g, '');
      return text ? reselect({...state, filter: {editing: true, text: filter.text + text}}) : state;
    }
    case 'filter/erased':
      return reselect({...state, filter: {...filter, text: filter.text.slice(0, -1)}});
    case 'filter/kept':
      return {...state, filter: {...filter, editing: false}};
    case 'filter/cleared':
      return reselect({...state, filter: {text: '', editing: false}});
  }
}
