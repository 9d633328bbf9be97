// Which scope hears keys: the help, a question, a state of the renew panel, the filter, the screen.
import type {Scope} from '../keymap.js';
import {renewLayout} from '../layout.js';
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
