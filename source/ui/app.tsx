import {Box, useApp} from 'ink';
import {memo, useEffect, useReducer, type Dispatch} from 'react';
import {Banner, Header} from './components/header.js';
import {KeyBar} from './components/key-bar.js';
import {StatusLine} from './components/status-line.js';
import {ClockContext, useClock} from './hooks/use-clock.js';
import {usePrecedenceSummary} from './hooks/use-precedence-summary.js';
import {usePorts} from './hooks/use-ports.js';
import {useCodeWait} from './hooks/use-code-wait.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {frameHeight} from './layout.js';
import type {ProfileSnapshot, TuiPorts} from './ports.js';
import type {Result} from '../core/errors.js';
import type {Action} from './state/actions.js';
import {focusOf} from './state/focus.js';
import {filteredProfiles} from './state/list.js';
import {reducer} from './state/reducer.js';
import {initialState, type State} from './state/state.js';
import {HelpOverlay} from './screens/help-overlay.js';
import {PrecedenceScreen} from './screens/precedence-screen.js';
import {ProfilesScreen} from './screens/profiles-screen.js';
import {ThemeContext, type Theme} from './theme.js';

export type AppProps = {
  ports: TuiPorts;
  theme?: Theme;
  /** The first read of the files, done before mounting, so the first frame already has the rows. */
  initial?: Result<ProfileSnapshot>;
};

function title(state: State): string {
  const total = state.snapshot?.profiles.length ?? 0;
  const count = `${total} profile${total === 1 ? '' : 's'}`;
  const filter = state.filter.text
    ? ` · filter "${state.filter.text}": ${filteredProfiles(state).length} shown`
    : '';
  const marked = state.marks.length ? ` · ${state.marks.length} marked` : '';
  return `${count}${filter}${marked}${state.screen === 'precedence' ? ' · precedence' : ''}`;
}

type FrameProps = {state: State; dispatch: Dispatch<Action>; ports: TuiPorts};

/** Everything on screen, from state alone; the clock reaches only the cells that read it. */
const Frame = memo(function Frame({state, dispatch, ports}: FrameProps) {
  const width = state.size.columns;
  const snapshot = state.snapshot;
  return (
    <Box
      flexDirection="column"
      width={width}
      height={frameHeight(state.size.rows)}
      // Vertical clipping only: every line is already cut to the width, and a horizontal clip
      // makes Ink measure and slice each line of every frame again.
      overflowY="hidden"
    >
      {state.banner && ports.banner ? <Banner poll={ports.banner} width={width} /> : null}
      <Header
        width={width}
        title={title(state)}
        active={state.summary?.active}
        conflicts={state.summary?.conflicts ?? 0}
        warnings={snapshot?.warnings ?? []}
      />
      {state.help.open ? (
        <HelpOverlay state={state} dispatch={dispatch} />
      ) : state.screen === 'precedence' ? (
        <PrecedenceScreen state={state} dispatch={dispatch} />
      ) : (
        <ProfilesScreen state={state} dispatch={dispatch} />
      )}
      <Box flexGrow={1} />
      <StatusLine state={state} dispatch={dispatch} />
      <KeyBar scope={focusOf(state)} width={width} />
    </Box>
  );
});

/** The TUI: one reducer, effects in hooks, the frame a function of state. */
export function App({ports, theme = {color: true}, initial}: AppProps) {
  const size = useTerminalSize();
  const [state, dispatch] = useReducer(reducer, undefined, () => {
    const start = initialState({columns: size.columns, rows: size.rows, banner: !!ports.banner});
    if (!initial) return start;
    return reducer(
      start,
      initial.ok
        ? {type: 'profiles/loaded', snapshot: initial.value}
        : {type: 'profiles/load-failed', error: initial.error},
    );
  });
  useEffect(() => {
    dispatch({type: 'terminal/resized', columns: size.columns, rows: size.rows});
  }, [size.columns, size.rows]);
  usePorts(ports, state, dispatch, initial !== undefined);
  usePrecedenceSummary(state.snapshot, dispatch);
  useCodeWait(ports.now, state.renew, dispatch);
  const now = useClock(ports.now);
  const {exit} = useApp();
  useEffect(() => {
    if (state.quitting) exit();
  }, [state.quitting, exit]);

  return (
    <ThemeContext.Provider value={theme}>
      <ClockContext.Provider value={now}>
        <Frame state={state} dispatch={dispatch} ports={ports} />
      </ClockContext.Provider>
    </ThemeContext.Provider>
  );
}
