import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {fromInk} from '../keymap.js';
import type {Action, KeyLimits} from '../state/actions.js';

/**
 * A screen's keys: only the focused screen listens (`isActive`), and it hands each key to the
 * reducer, which looks it up in the keymap table of the scope focused at that moment.
 */
export function useScreenKeys(
  active: boolean,
  dispatch: Dispatch<Action>,
  limits?: KeyLimits,
): void {
  useInput((input, key) => dispatch({type: 'key/pressed', key: fromInk(input, key), limits}), {
    isActive: active,
  });
}
