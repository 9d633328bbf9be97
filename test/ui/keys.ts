// Key presses for tests: Ink's Key objects (every flag false unless given), and ours made from them.
import type {Key} from 'ink';
import {barFitting, fromInk, type Scope} from '../../source/ui/keymap.js';

export function key(flags: Partial<Key> = {}): Key {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
    ...flags,
  };
}

/** A key press as the UI sees it, made from Ink's report of it. */
export const keyOf = (input: string, flags: Partial<Key> = {}) => fromInk(input, key(flags));

/** The key bar as one line no wider than `width`, as KeyBar draws it. */
export function keyBarText(scope: Scope, width: number): string {
  return barFitting(scope, width)
    .map((i) => `${i.keys} ${i.label}`)
    .join('  ');
}
