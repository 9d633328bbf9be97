import {Box, Text} from 'ink';
import {memo, type Dispatch} from 'react';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {bodyHeight} from '../layout.js';
import type {Line} from '../format.js';
import type {Action} from '../state/actions.js';
import {frameParts} from '../state/list.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme} from '../theme.js';

/** One pre-laid-out line: segments with tones, cut at the terminal's width. */
export const LineView = memo(function LineView({line}: {line: Line}) {
  const theme = useTheme();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate">
      {line.map((s, i) => (
        <Text key={i} color={toneColor(theme, s.tone)} bold={s.bold} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
});

type Props = {
  state: State;
  dispatch: Dispatch<Action>;
  /** The screen hears keys. */
  active: boolean;
  title: Line;
  lines: Line[];
  scroll: number;
  /** How many clients the ←/→ keys go through (the precedence screen). */
  clients?: number;
};

/** A screen of lines under a title: the window from `scroll` on, padded to the body's height. */
export function LinesScreen({state, dispatch, active, title, lines, scroll, clients}: Props) {
  const height = bodyHeight({...frameParts(state), renewOpen: false}) - 1;
  const scrollMax = Math.max(0, lines.length - height);
  useScreenKeys(active, dispatch, {scrollMax, page: height, clients});
  const start = Math.max(0, Math.min(scroll, scrollMax));
  const shown = lines.slice(start, start + height);
  return (
    <Box flexDirection="column">
      <LineView line={title} />
      {shown.map((line, i) => (
        <LineView key={start + i} line={line} />
      ))}
      {Array.from({length: height - shown.length}, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
    </Box>
  );
}
