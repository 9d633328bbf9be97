import {Text} from 'ink';
import {memo, type Dispatch} from 'react';
import {seg, truncate, type Line} from '../format.js';
import {useScreenKeys, LineView} from './screen.js';
import {barFitting, type Scope} from '../keymap.js';
import type {Action} from '../state/actions.js';
import {focusOf} from '../state/focus.js';
import {filteredProfiles} from '../state/list.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme} from '../theme.js';

/** The filter being typed, the last outcome, or where the cursor is. */
function statusLine(state: State, editing: boolean): Line {
  const width = state.size.columns;
  const count = filteredProfiles(state).length;
  const {filter, message} = state;
  if (editing) {
    const info = `  ${count} of ${state.snapshot?.profiles.length ?? 0}`;
    return [
      seg('/', 'accent', {bold: true}),
      seg(truncate(filter.text, width - info.length - 2)),
      seg(' ', undefined, {inverse: true}),
      seg(info, 'muted'),
    ];
  }
  if (state.rotate) {
    const {phase, profile, keyLast4} = state.rotate;
    const key = keyLast4 ? ` …${keyLast4}` : '';
    // The answer keys come early: a narrow terminal cuts the end of the line.
    const text =
      phase === 'confirm'
        ? `Rotate ${profile}'s key${key}? y/N (a new key replaces it in the file)`
        : `Rotating ${profile}'s key${key}: new key, proven, then the old one deleted…`;
    return [seg(truncate(text, width), 'accent', {bold: phase === 'confirm'})];
  }
  if (message) {
    const text = `${message.tone === 'ok' ? '✓ ' : ''}${message.text}`;
    return [seg(truncate(text, width), message.tone)];
  }
  if (state.screen !== 'profiles') return [];
  const position = count ? `${state.cursor + 1}/${count}` : '0/0';
  const filtered = filter.text ? `  filter "${filter.text}" (Esc clears)` : '';
  return [seg(truncate(`${position}${filtered}`, width), 'muted')];
}

/** The line above the key bar; while the filter is typed or it asks y/N to rotate, it hears the keys. */
export function StatusLine({state, dispatch}: {state: State; dispatch: Dispatch<Action>}) {
  const focus = focusOf(state);
  const editing = focus === 'filter';
  useScreenKeys(editing || focus === 'rotate-confirm' || focus === 'rotate-wait', dispatch);
  return <LineView line={statusLine(state, editing)} />;
}

/** The one-line key bar, drawn from the keymap of the focused scope; items that do not fit are left out. */
export const KeyBar = memo(function KeyBar({scope, width}: {scope: Scope; width: number}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {barFitting(scope, width).map((item, i) => (
        <Text key={item.label}>
          {i > 0 ? '  ' : ''}
          <Text bold color={toneColor(theme, 'accent')}>
            {item.keys}
          </Text>
          <Text dimColor={theme.color}> {item.label}</Text>
        </Text>
      ))}
    </Text>
  );
});
