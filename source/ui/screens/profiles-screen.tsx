import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Profile} from '../../core/profiles.js';
import {deviceText, linkText} from '../../core/profile-text.js';
import {LineView, useNow} from '../components/screen.js';
import {expiryCell, fit, kindText, seg, truncate, type Line} from '../format.js';
import {profileColumns, renewLayout, renewMinRows, type Columns} from '../layout.js';
import {focusOf} from '../state/focus.js';
import {filteredProfiles, frameParts, pageSize} from '../state/list.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme, type Tone} from '../theme.js';
import {RenewPanelView} from './renew-panel.js';

type RowProps = {
  profile: Profile;
  selected: boolean;
  /** Marked (Space) for a batch renewal. */
  marked?: boolean;
  /** The AWS CLI would use this profile now. */
  active: boolean;
  columns: Columns;
  warnSeconds: number;
  keyAgeDays?: number;
};

type CellProps = Pick<RowProps, 'profile' | 'warnSeconds' | 'keyAgeDays'> & {width: number};

/** The one cell that changes every second: it alone reads the clock. */
function ExpiryCell({profile, width, warnSeconds, keyAgeDays}: CellProps) {
  const theme = useTheme();
  const now = useNow();
  const cell = expiryCell(profile, now, warnSeconds, keyAgeDays);
  return <Text color={toneColor(theme, cell.tone)}>{fit(cell.text, width)}</Text>;
}

/** One profile as one line. Memoised: a tick re-renders only its expiry cell. */
const ProfileRow = memo(function ProfileRow(props: RowProps) {
  const {profile: p, selected, marked, active, columns: c, warnSeconds, keyAgeDays} = props;
  const theme = useTheme();
  const gap = ' '.repeat(c.gap);
  const kindTone = p.kind === 'broken' ? 'bad' : p.kind === 'long-term' ? 'accent' : undefined;
  return (
    <Text wrap="truncate" inverse={selected}>
      {marked ? '+' : selected ? '›' : ' '}
      <Text bold color={toneColor(theme, 'accent')}>
        {active ? '*' : ' '}
      </Text>
      <Text bold={active}>{fit(p.name, c.name)}</Text>
      {gap}
      <Text color={toneColor(theme, kindTone)}>{fit(kindText(p, c.kind), c.kind)}</Text>
      {gap}
      {fit(p.accessKeyIdLast4 ?? '', c.key)}
      {gap}
      {fit(deviceText(p.mfaSerial), c.device)}
      {gap}
      {fit(linkText(p), c.link)}
      {gap}
      <ExpiryCell profile={p} width={c.expiry} warnSeconds={warnSeconds} keyAgeDays={keyAgeDays} />
    </Text>
  );
});

/** The column titles, aligned with ProfileRow. */
const ProfileHeader = memo(function ProfileHeader({columns: c}: {columns: Columns}) {
  const titles: [string, number][] = [
    ['PROFILE', c.name],
    ['KIND', c.kind],
    ['KEY', c.key],
    ['MFA DEVICE', c.device],
    ['LINK', c.link],
    ['EXPIRY', c.expiry],
  ];
  const text = `  ${titles.map(([title, width]) => fit(title, width)).join(' '.repeat(c.gap))}`;
  return <LineView line={[seg(text, 'muted', {bold: true})]} />;
});

/** Under the rows: the load error and what to do, or why there are no rows. */
function notes(state: State, shown: number, width: number): Line[] {
  const {loadError: error, snapshot} = state;
  const line = (text: string, tone?: Tone): Line => [seg(truncate(text, width), tone)];
  if (error) return [line(`✗ ${error.message}`, 'bad'), line(`  ${error.fix}`)];
  let why = '';
  if (!snapshot) why = 'Reading the credentials and config files…';
  else if (snapshot.profiles.length === 0)
    why = `No profiles in ${snapshot.credentialsFile} or ${snapshot.configFile}.`;
  else if (shown === 0) why = `No profile matches "${state.filter.text}". Esc clears the filter.`;
  return why ? [line(`  ${why}`, 'muted')] : [];
}

/** The rows on screen (only those are rendered), then the notes, padded to the list's height. */
function ProfileList({state}: {state: State}) {
  const width = state.size.columns;
  const columns = profileColumns(width);
  const height = pageSize(state);
  const rows = filteredProfiles(state);
  const visible = rows.slice(state.scrollTop, state.scrollTop + height);
  const active = state.summary?.active;
  const activeName = active?.kind === 'profile' ? active.name : undefined;
  const below = notes(state, rows.length, width);
  const fill = Array.from({length: height - visible.length}, (_, i): Line => below[i] ?? []);
  return (
    <>
      <ProfileHeader columns={columns} />
      {visible.map((p, i) => (
        <ProfileRow
          key={p.name}
          profile={p}
          selected={state.scrollTop + i === state.cursor}
          marked={state.marks.includes(p.name)}
          active={p.name === activeName}
          columns={columns}
          warnSeconds={state.snapshot?.warnSeconds ?? 0}
          keyAgeDays={state.snapshot?.keyAgeDays}
        />
      ))}
      {fill.map((line, i) => (
        <LineView key={`note-${i}`} line={line} />
      ))}
    </>
  );
}

/** The profile list and, under it, the renew panel (alone on a short terminal). */
export const ProfilesScreen = memo(function ProfilesScreen({state}: {state: State}) {
  const parts = frameParts(state);
  const layout = state.renew ? renewLayout(parts) : 'list-and-panel';
  const width = state.size.columns;
  if (layout === 'too-short') {
    const text = `The renew panel needs ${renewMinRows(parts)} lines (this terminal: ${state.size.rows}): enlarge it, or Esc.`;
    return <LineView line={[seg(truncate(text, width), 'bad')]} />;
  }
  return (
    <Box flexDirection="column">
      {layout === 'list-and-panel' ? <ProfileList state={state} /> : null}
      {state.renew ? (
        <RenewPanelView panel={state.renew} width={width} focus={focusOf(state)} />
      ) : null}
    </Box>
  );
});
