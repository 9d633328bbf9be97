import {Box, Text} from 'ink';
import {type Dispatch} from 'react';
import {LinesWindow} from '../components/line-view.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {helpSections} from '../keymap.js';
import {bodyHeight} from '../layout.js';
import {helpLines} from '../precedence-view.js';
import type {Action} from '../state/actions.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme} from '../theme.js';

/** Every key of every screen, from the keymap tables; the screen it was opened from comes first. */
export function HelpOverlay({state, dispatch}: {state: State; dispatch: Dispatch<Action>}) {
  const theme = useTheme();
  const lines = helpLines(helpSections(state.help.from), state.size.columns);
  const height =
    bodyHeight({
      rows: state.size.rows,
      banner: state.banner,
      warnings: (state.snapshot?.warnings.length ?? 0) > 0,
      renewOpen: false,
    }) - 1;
  const max = Math.max(0, lines.length - height);
  useScreenKeys(state.help.open, dispatch, {scrollMax: max, page: height});
  return (
    <Box flexDirection="column">
      <Text bold color={toneColor(theme, 'title')}>
        Keys
      </Text>
      <LinesWindow lines={lines} scroll={state.help.scroll} height={height} />
    </Box>
  );
}
