// The lines around the screens: the header (title, who the AWS CLI uses, the first warning, the
// demo's banner) above, the status line and the key bar below.
import {Text} from 'ink';
import {memo, useEffect, useState} from 'react';
import {seg, truncate, type Line} from '../format.js';
import {barFitting, type Scope} from '../keymap.js';
import type {AwsCliActive} from '../../core/precedence/input.js';
import type {BannerInfo} from '../ports.js';
import {focusOf} from '../state/focus.js';
import {filteredProfiles} from '../state/list.js';
import type {State} from '../state/state.js';
import {toneColor, useTheme} from '../theme.js';
import {LineView} from './screen.js';

/** Where the profile came from, in the header's words (the variables' names stand for themselves). */
const profileFrom: Record<string, string> = {
  explicit: '--profile',
  default: 'no profile set: default',
};

/** Who the AWS CLI would use, in words: the marker's legend. */
function activeText(active: AwsCliActive | undefined): string {
  if (!active) return 'AWS CLI uses …';
  if (active.kind === 'none')
    return `AWS CLI fails now (profile ${active.profile}): ${active.reason}`;
  if (active.kind === 'env')
    return `AWS CLI uses environment keys${active.accessKeyIdLast4 ? ` …${active.accessKeyIdLast4}` : ''} (not a profile)`;
  return `AWS CLI uses * ${active.name} (${profileFrom[active.from] ?? active.from})`;
}

type Props = {
  width: number;
  title: string;
  active?: AwsCliActive;
  conflicts: number;
  warnings: string[];
};

/** Title line, the active-identity line, and the first file warning when there is one. */
export const Header = memo(function Header({width, title, active, conflicts, warnings}: Props) {
  const plural = conflicts === 1 ? '' : 's';
  const conflictText = conflicts ? `  ⚠ ${conflicts} conflict${plural} (p)` : '';
  const more = warnings.length > 1 ? ` (+${warnings.length - 1} more)` : '';
  const activeLine = truncate(activeText(active), Math.max(0, width - conflictText.length));
  const lines: Line[] = [
    [seg('mfa-tui', 'title', {bold: true}), seg(truncate(`  ${title}`, width - 7))],
    [seg(activeLine), seg(truncate(conflictText, width), 'warn')],
  ];
  if (warnings.length > 0) lines.push([seg(truncate(`⚠ ${warnings[0]}${more}`, width), 'warn')]);
  return lines.map((line, i) => <LineView key={i} line={line} />);
});

/** The demo's authenticator line, polled once a second: the code to type and how long it stays valid. */
export function Banner({poll, width}: {poll: () => BannerInfo | undefined; width: number}) {
  const [info, setInfo] = useState(poll);
  useEffect(() => {
    const timer = setInterval(() => setInfo(poll()), 1000);
    return () => clearInterval(timer);
  }, [poll]);
  if (!info) return <LineView line={[]} />;
  const head = ` DEMO  MFA code for ${info.label}: `;
  const code = `${info.code.slice(0, 3)} ${info.code.slice(3)}`;
  const tail = `  (${info.secondsLeft} s left)  r renews the selected row`;
  const room = Math.max(0, width - head.length - code.length);
  const inverse = {inverse: true};
  const line = [
    seg(truncate(head, width), undefined, inverse),
    seg(code, 'ok', {bold: true, ...inverse}),
    seg(truncate(tail, room).padEnd(room), undefined, inverse),
  ];
  return <LineView line={line} />;
}

/** The filter being typed, the last outcome, or where the cursor is. */
function statusLine(state: State, editing: boolean): Line {
  const width = state.size.columns;
  const count = filteredProfiles(state).length;
  const {filter, message} = state;
  if (editing) {
    const info = `  ${count} of ${state.snapshot?.profiles.length ?? 0}`;
    return [
      seg('/', 'accent', {bold: true}),
      seg(truncate(filter.text, width - info.length - 2)),
      seg(' ', undefined, {inverse: true}),
      seg(info, 'muted'),
    ];
  }
  if (state.rotate) {
    const {phase, profile, keyLast4} = state.rotate;
    const key = keyLast4 ? ` …${keyLast4}` : '';
    // The answer keys come early: a narrow terminal cuts the end of the line.
    const text =
      phase === 'confirm'
        ? `Rotate ${profile}'s key${key}? y/N (a new key replaces it in the file)`
        : `Rotating ${profile}'s key${key}: new key, proven, then the old one deleted…`;
    return [seg(truncate(text, width), 'accent', {bold: phase === 'confirm'})];
  }
  if (message) {
    const text = `${message.tone === 'ok' ? '✓ ' : ''}${message.text}`;
    return [seg(truncate(text, width), message.tone)];
  }
  if (state.screen !== 'profiles') return [];
  const position = count ? `${state.cursor + 1}/${count}` : '0/0';
  const filtered = filter.text ? `  filter "${filter.text}" (Esc clears)` : '';
  return [seg(truncate(`${position}${filtered}`, width), 'muted')];
}

/** The line above the key bar. */
export function StatusLine({state}: {state: State}) {
  return <LineView line={statusLine(state, focusOf(state) === 'filter')} />;
}

/** The one-line key bar, drawn from the keymap of the focused scope; items that do not fit are left out. */
export const KeyBar = memo(function KeyBar({scope, width}: {scope: Scope; width: number}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {barFitting(scope, width).map((item, i) => (
        <Text key={item.label}>
          {i > 0 ? '  ' : ''}
          <Text bold color={toneColor(theme, 'accent')}>
            {item.keys}
          </Text>
          <Text dimColor={theme.color}> {item.label}</Text>
        </Text>
      ))}
    </Text>
  );
});
