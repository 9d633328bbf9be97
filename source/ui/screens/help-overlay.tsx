import {type Dispatch} from 'react';
import {LinesScreen} from '../components/line-view.js';
import {helpSections} from '../keymap.js';
import {seg} from '../lines.js';
import {helpLines} from '../precedence-view.js';
import type {Action} from '../state/actions.js';
import type {State} from '../state/state.js';

/** Every key of every screen, from the keymap tables; the screen it was opened from comes first. */
export function HelpOverlay({state, dispatch}: {state: State; dispatch: Dispatch<Action>}) {
  return (
    <LinesScreen
      state={state}
      dispatch={dispatch}
      active={state.help.open}
      title={[seg('Keys', 'title', {bold: true})]}
      lines={helpLines(helpSections(state.help.from), state.size.columns)}
      scroll={state.help.scroll}
    />
  );
}
