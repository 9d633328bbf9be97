// Which scope hears keys, and a key turned into the action its binding names.
import {charKey, keymap, matchBinding, type Key, type Scope} from '../keymap.js';
import {renewLayout} from '../layout.js';
import type {Action, KeyLimits} from './actions.js';
import {frameParts} from './list.js';
import type {State} from './state.js';

/** The scope whose keys are live: the help overlay, then the renew panel, the filter, the screen. */
export function focusOf(state: State): Scope {
  if (state.help.open) return 'help';
  if (state.rotate) return state.rotate.phase === 'confirm' ? 'rotate-confirm' : 'rotate-wait';
  const panel = state.renew;
  if (panel) {
    // A panel the terminal is too short to draw hears only Esc: no key may act unseen.
    if (renewLayout(frameParts(state)) === 'too-short') return 'renew-hidden';
    if (panel.phase === 'submitting') return 'renew-sending';
    if (panel.phase === 'discovering' || panel.phase === 'waiting') return 'renew-wait';
    if (panel.phase === 'choosing') return 'renew-device';
    if (!panel.plan) return 'renew-refused';
    if (panel.field === 'duration') return 'renew-duration';
    if (!panel.plan.needsCode) return 'renew-role';
    return panel.devices ? 'renew-code-found' : 'renew-code';
  }
  if (state.filter.editing) return 'filter';
  return state.screen;
}

/**
 * Resolves a key against the scope focused when it is applied, not when it was read: Ink subscribes
 * a screen's listener in an effect, so the one that hears a key right after a screen change can be
 * stale.
 */
export function pressKey(
  state: State,
  key: Key,
  limits: KeyLimits,
  reduce: (state: State, action: Action) => State,
): State {
  const scope = focusOf(state);
  const binding = matchBinding(scope, key);
  if (binding) return reduce(state, binding.action(limits));
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
    for (const char of input) next = pressKey(next, charKey(char), limits, reduce);
    return next;
  }
  return text && input ? reduce(state, text(input)) : state;
}
