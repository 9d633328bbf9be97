import {Box, Text} from 'ink';
import {useMemo, type Dispatch} from 'react';
import {truncate} from '../format.js';
import {useNow} from '../hooks/use-clock.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {bodyHeight} from '../layout.js';
import {LinesWindow} from '../components/line-view.js';
import {precedenceLines} from '../precedence-view.js';
import {asProfileName, focusOf, shownVerify, type Action, type State} from '../reducer.js';
import {toneColor, useTheme} from '../theme.js';

type Props = {state: State; dispatch: Dispatch<Action>};

/** Per client: the winner, its chain with statuses and reasons; then the conflicts and their fixes. */
export function PrecedenceScreen({state, dispatch}: Props) {
  const theme = useTheme();
  const now = useNow();
  const snapshot = state.snapshot;
  const asProfile = asProfileName(state);
  const report = useMemo(
    () =>
      snapshot
        ? snapshot.precedence(asProfile)
        : {ok: false as const, error: {code: 'loading' as const, message: 'Reading the files…', fix: ''}},
    [snapshot, asProfile],
  );
  const width = state.size.columns;
  const height =
    bodyHeight({
      rows: state.size.rows,
      banner: state.banner,
      warnings: (snapshot?.warnings.length ?? 0) > 0,
      renewOpen: false,
    }) - 1;
  const lines = precedenceLines({
    report,
    client: state.precedence.client,
    width,
    verify: shownVerify(state),
    now,
    warnSeconds: snapshot?.warnSeconds ?? 0,
  });
  const maxScroll = Math.max(0, lines.length - height);
  const clientCount = report.ok ? report.value.clients.length : 1;

  useScreenKeys(focusOf(state) === 'precedence', dispatch, {
    scrollMax: maxScroll,
    page: height,
    clients: clientCount,
  });

  const title = asProfile ? `as if --profile ${asProfile}` : 'current environment';
  const toggle = state.selected
    ? asProfile
      ? '  (a: back to the current environment)'
      : `  (a: as if --profile ${state.selected})`
    : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color={toneColor(theme, 'title')}>
          Precedence · {title}
        </Text>
        <Text color={toneColor(theme, 'muted')}>
          {truncate(toggle, Math.max(0, width - 15 - title.length))}
        </Text>
      </Text>
      <LinesWindow lines={lines} scroll={state.precedence.scroll} height={height} />
    </Box>
  );
}
