import {Box, useApp, useStdout} from 'ink';
import {memo, useEffect, useReducer, useState, type Dispatch} from 'react';
import {Banner, Header, KeyBar, StatusLine} from './components/bars.js';
import {ClockContext, useClock, useScreenKeys} from './components/screen.js';
import {useCodeWait, usePorts, usePrecedenceSummary} from './hooks/use-ports.js';
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

function title(state: State): string {
  const total = state.snapshot?.profiles.length ?? 0;
  const count = `${total} profile${total === 1 ? '' : 's'}`;
  const filter = state.filter.text
    ? ` · filter "${state.filter.text}": ${filteredProfiles(state).length} shown`
    : '';
  const marked = state.marks.length ? ` · ${state.marks.length} marked` : '';
  return `${count}${filter}${marked}${state.screen === 'precedence' ? ' · precedence' : ''}`;
}

/**
 * The keys of every scope but the help's and the precedence screen's, which hear them with their
 * scroll limits: one listener is always active, so the terminal never drops out of raw mode.
 */
function Keys({active, dispatch}: {active: boolean; dispatch: Dispatch<Action>}) {
  useScreenKeys(active, dispatch);
  return null;
}

/** Everything on screen, from state alone; the clock reaches only the cells that read it. */
const Frame = memo(function Frame(props: {
  state: State;
  dispatch: Dispatch<Action>;
  ports: TuiPorts;
}) {
  const {state, dispatch, ports} = props;
  const width = state.size.columns;
  const focus = focusOf(state);
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
        warnings={state.snapshot?.warnings ?? []}
      />
      {state.help.open ? (
        <HelpOverlay state={state} dispatch={dispatch} />
      ) : state.screen === 'precedence' ? (
        <PrecedenceScreen state={state} dispatch={dispatch} />
      ) : (
        <ProfilesScreen state={state} />
      )}
      <Box flexGrow={1} />
      <StatusLine state={state} />
      <KeyBar scope={focus} width={width} />
      <Keys active={focus !== 'help' && focus !== 'precedence'} dispatch={dispatch} />
    </Box>
  );
});

/** The terminal's size, updated on resize (80×24 when the stream does not know). */
function useTerminalSize(): {columns: number; rows: number} {
  const stdout = useStdout().stdout as NodeJS.WriteStream;
  const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return size;
}

/** The TUI: one reducer, effects in hooks; `initial` (read before mounting) fills the first frame. */
export function App(props: {ports: TuiPorts; theme?: Theme; initial?: Result<ProfileSnapshot>}) {
  const {ports, theme = {color: true}, initial} = props;
  const size = useTerminalSize();
  const [state, dispatch] = useReducer(reducer, undefined, () => {
    const start = initialState(size, !!ports.banner);
    return initial ? reducer(start, {type: 'profiles/loaded', result: initial}) : start;
  });
  useEffect(() => {
    dispatch({type: 'terminal/resized', columns: size.columns, rows: size.rows});
  }, [size.columns, size.rows]);
  usePorts(ports, state, dispatch, initial !== undefined);
  usePrecedenceSummary(state, dispatch);
  useCodeWait(ports.now, state, dispatch);
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
