import {Text} from 'ink';
import {type Dispatch} from 'react';
import {truncate} from '../format.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import type {Action} from '../state/actions.js';
import {focusOf} from '../state/focus.js';
import {filteredProfiles} from '../state/list.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme} from '../theme.js';

/** The line above the key bar: the filter being typed, the last outcome, or where the cursor is. */
export function StatusLine({state, dispatch}: {state: State; dispatch: Dispatch<Action>}) {
  const theme = useTheme();
  const editing = focusOf(state) === 'filter';
  useScreenKeys(editing, dispatch);
  const width = state.size.columns;
  const total = state.snapshot?.profiles.length ?? 0;
  const count = filteredProfiles(state).length;
  if (editing) {
    const info = `  ${count} of ${total}`;
    return (
      <Text wrap="truncate">
        <Text bold color={toneColor(theme, 'accent')}>
          /
        </Text>
        {truncate(state.filter.text, width - info.length - 2)}
        <Text inverse> </Text>
        <Text color={toneColor(theme, 'muted')}>{info}</Text>
      </Text>
    );
  }
  if (state.message) {
    const tone =
      state.message.tone === 'ok' ? 'ok' : state.message.tone === 'bad' ? 'bad' : 'accent';
    return (
      <Text wrap="truncate" color={toneColor(theme, tone)}>
        {truncate(`${state.message.tone === 'ok' ? '✓ ' : ''}${state.message.text}`, width)}
      </Text>
    );
  }
  if (state.screen !== 'profiles') return <Text> </Text>;
  const position = count ? `${state.cursor + 1}/${count}` : '0/0';
  const filter = state.filter.text ? `  filter "${state.filter.text}" (Esc clears)` : '';
  return (
    <Text wrap="truncate" color={toneColor(theme, 'muted')}>
      {truncate(`${position}${filter}`, width)}
    </Text>
  );
}
