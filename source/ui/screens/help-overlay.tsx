import {type Dispatch} from 'react';
import {LinesScreen} from '../components/screen.js';
import {helpSections} from '../keymap.js';
import {seg, wrapped, type Line} from '../format.js';
import type {Action} from '../state/actions.js';
import type {State} from '../state/state.js';

/** The help overlay's lines, drawn from the keymap's sections. */
export function helpLines(sections: ReturnType<typeof helpSections>, width: number): Line[] {
  const lines: Line[] = [];
  for (const section of sections) {
    lines.push([seg(section.title, 'title', {bold: true})]);
    if (section.note) lines.push(...wrapped('  ', section.note, width, 'muted'));
    for (const row of section.rows) {
      const head = [seg('  '), seg(row.keys.padEnd(22), 'accent', {bold: true})];
      lines.push(...wrapped(head, row.help, width));
    }
    lines.push([]);
  }
  return lines;
}

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
