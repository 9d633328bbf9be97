import {Text} from 'ink';
import {memo} from 'react';
import type {Profile} from '../../core/profiles.js';
import {deviceText, linkText} from '../../core/profile-text.js';
import {expiryCell, fit, kindText, seg} from '../format.js';
import {useNow, LineView} from './screen.js';
import type {Columns} from '../layout.js';
import {toneColor, useTheme} from '../theme.js';

type Props = {
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

type CellProps = {profile: Profile; width: number; warnSeconds: number; keyAgeDays?: number};

/** The one cell that changes every second: it alone reads the clock. */
function ExpiryCell({profile, width, warnSeconds, keyAgeDays}: CellProps) {
  const theme = useTheme();
  const now = useNow();
  const cell = expiryCell(profile, now, warnSeconds, keyAgeDays);
  return <Text color={toneColor(theme, cell.tone)}>{fit(cell.text, width)}</Text>;
}

/** One profile as one line. Memoised: a tick re-renders only its expiry cell. */
export const ProfileRow = memo(function ProfileRow({
  profile: p,
  selected,
  marked,
  active,
  columns: c,
  warnSeconds,
  keyAgeDays,
}: Props) {
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
export const ProfileHeader = memo(function ProfileHeader({columns: c}: {columns: Columns}) {
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
