import {Text} from 'ink';
import {memo} from 'react';
import {truncate} from '../format.js';
import type {ActiveIdentity, BannerInfo} from '../ports.js';
import {toneColor, useTheme} from '../theme.js';

/** Who the AWS CLI would use, in words: the marker's legend. */
export function activeText(active: ActiveIdentity | undefined): string {
  if (!active) return 'AWS CLI uses …';
  if (active.kind === 'none')
    return `AWS CLI fails now (profile ${active.profile}): ${active.reason}`;
  if (active.kind === 'env')
    return `AWS CLI uses environment keys${active.accessKeyIdLast4 ? ` …${active.accessKeyIdLast4}` : ''} (not a profile)`;
  return `AWS CLI uses * ${active.name} (${active.from})`;
}

type Props = {
  width: number;
  title: string;
  active?: ActiveIdentity;
  conflicts: number;
  warnings: string[];
};

/** Title line, the active-identity line, and the first file warning when there is one. */
export const Header = memo(function Header({width, title, active, conflicts, warnings}: Props) {
  const theme = useTheme();
  const conflictText = conflicts
    ? `  ⚠ ${conflicts} conflict${conflicts === 1 ? '' : 's'} (p)`
    : '';
  const activeLine = activeText(active);
  return (
    <>
      <Text wrap="truncate">
        <Text bold color={toneColor(theme, 'title')}>
          mfa-tui
        </Text>
        {truncate(`  ${title}`, width - 7)}
      </Text>
      <Text wrap="truncate">
        {truncate(activeLine, Math.max(0, width - conflictText.length))}
        <Text color={toneColor(theme, 'warn')}>{truncate(conflictText, width)}</Text>
      </Text>
      {warnings.length > 0 ? (
        <Text wrap="truncate" color={toneColor(theme, 'warn')}>
          {truncate(
            `⚠ ${warnings[0]}${warnings.length > 1 ? ` (+${warnings.length - 1} more)` : ''}`,
            width,
          )}
        </Text>
      ) : null}
    </>
  );
});

/** The demo's authenticator line: the code to type and how long it stays valid. */
export function Banner({info, width}: {info: BannerInfo | undefined; width: number}) {
  const theme = useTheme();
  if (!info) return <Text> </Text>;
  const head = ` DEMO  MFA code for ${info.label}: `;
  const code = `${info.code.slice(0, 3)} ${info.code.slice(3)}`;
  const tail = `  (${info.secondsLeft} s left)  r renews the selected row`;
  const room = Math.max(0, width - head.length - code.length);
  return (
    <Text wrap="truncate" inverse>
      {truncate(head, width)}
      <Text bold color={toneColor(theme, 'ok')}>
        {code}
      </Text>
      {truncate(tail, room).padEnd(room)}
    </Text>
  );
}
