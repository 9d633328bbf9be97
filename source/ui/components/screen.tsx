// What every screen draws with: pre-laid-out lines, its keys, and the clock.
import {Box, Text, useInput} from 'ink';
import {createContext, memo, useContext, useEffect, useState, type Dispatch} from 'react';
import type {Line} from '../format.js';
import {fromInk} from '../keymap.js';
import {bodyHeight} from '../layout.js';
import type {Action, KeyLimits} from '../state/actions.js';
import {frameParts} from '../state/list.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme} from '../theme.js';

/** Only the focused screen listens; the reducer looks each key up in the scope focused then. */
export function useScreenKeys(active: boolean, dispatch: Dispatch<Action>, limits?: KeyLimits) {
  // The time the rows show goes with the key, so a key judges expiry as the screen shows it.
  const now = useNow();
  useInput(
    (input, key) =>
      dispatch({type: 'key/pressed', key: fromInk(input, key), limits: {...limits, now}}),
    {isActive: active},
  );
}

/** The time the countdowns show; only the cells that read it re-render each second. */
export const ClockContext = createContext<Date>(new Date(0));

export const useNow = () => useContext(ClockContext);

/** Ticks once a second, on the second, so every countdown changes together. */
export function useClock(now: () => Date): Date {
  const [time, setTime] = useState(now);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      const ms = 1000 - (now().getTime() % 1000);
      timer = setTimeout(() => {
        setTime(now());
        schedule();
      }, ms);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [now]);
  return time;
}

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
