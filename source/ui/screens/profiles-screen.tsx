import {Box, Text} from 'ink';
import React, {memo, type Dispatch} from 'react';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {profileColumns, renewLayout, renewMinRows} from '../layout.js';
import {ProfileHeader, ProfileRow} from '../components/profile-row.js';
import type {Action} from '../state/actions.js';
import {focusOf} from '../state/focus.js';
import {filteredProfiles, frameParts, pageSize} from '../state/list.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme} from '../theme.js';
import {truncate} from '../format.js';
import {RenewPanelView} from './renew-panel.js';

type Props = {state: State; dispatch: Dispatch<Action>};

/** The profile list (only the rows on screen are rendered) and, under it, the renew panel. */
export const ProfilesScreen = memo(function ProfilesScreen({state, dispatch}: Props) {
  const theme = useTheme();
  const focus = focusOf(state);
  const parts = frameParts(state);
  const layout = state.renew ? renewLayout(parts) : 'list-and-panel';
  // The panel listens for its own keys; when it does not fit it is not drawn, and its keys (Esc
  // above all) are heard here, so the terminal never drops out of raw mode with the panel open.
  useScreenKeys(
    focus === 'profiles' || (layout === 'too-short' && focus.startsWith('renew-')),
    dispatch,
  );

  const width = state.size.columns;
  const columns = profileColumns(width);
  const height = pageSize(state);
  const rows = filteredProfiles(state);
  const visible = rows.slice(state.scrollTop, state.scrollTop + height);
  const snapshot = state.snapshot;
  const active = state.summary?.active;
  const activeName = active?.kind === 'profile' ? active.name : undefined;

  let empty: string | undefined;
  if (state.loadError) empty = '';
  else if (!snapshot) empty = 'Reading the credentials and config files…';
  else if (snapshot.profiles.length === 0)
    empty = `No profiles in ${snapshot.credentialsFile} or ${snapshot.configFile}.`;
  else if (rows.length === 0)
    empty = `No profile matches "${state.filter.text}". Esc clears the filter.`;

  const lines: React.ReactNode[] = visible.map((p, i) => (
    <ProfileRow
      key={p.name}
      profile={p}
      selected={state.scrollTop + i === state.cursor}
      marked={state.marks.includes(p.name)}
      active={p.name === activeName}
      columns={columns}
      warnSeconds={snapshot?.warnSeconds ?? 0}
    />
  ));
  if (state.loadError) {
    lines.push(
      <Text key="error" color={toneColor(theme, 'bad')} wrap="truncate">
        {truncate(`✗ ${state.loadError.message}`, width)}
      </Text>,
      <Text key="fix" wrap="truncate">
        {truncate(`  ${state.loadError.fix}`, width)}
      </Text>,
    );
  } else if (empty) {
    lines.push(
      <Text key="empty" color={toneColor(theme, 'muted')} wrap="truncate">
        {truncate(`  ${empty}`, width)}
      </Text>,
    );
  }
  while (lines.length < height) lines.push(<Text key={`pad-${lines.length}`}> </Text>);

  if (layout === 'too-short') {
    return (
      <Text color={toneColor(theme, 'bad')} wrap="truncate">
        {truncate(
          `The renew panel needs ${renewMinRows(parts)} lines (this terminal: ${state.size.rows}): enlarge it, or Esc.`,
          width,
        )}
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      {layout === 'list-and-panel' ? (
        <>
          <ProfileHeader columns={columns} />
          {lines.slice(0, height)}
        </>
      ) : null}
      {state.renew ? (
        <RenewPanelView panel={state.renew} width={width} focus={focus} dispatch={dispatch} />
      ) : null}
    </Box>
  );
});
