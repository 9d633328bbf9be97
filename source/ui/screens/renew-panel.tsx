import {Box, Text} from 'ink';
import React, {type Dispatch} from 'react';
import {formatSeconds, parseDuration} from '../../core/durations.js';
import type {AppError} from '../../core/errors.js';
import {Spinner} from '../components/spinner.js';
import {truncate, wrap} from '../format.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {keymap, type Scope} from '../keymap.js';
import {renewPanelHeight} from '../layout.js';
import type {Action, RenewPanel} from '../reducer.js';
import {toneColor, useTheme, type Tone} from '../theme.js';

/** The status lines: an error and its fix (the message gives way first), or the field’s note from the keymap. */
function statusLines(panel: RenewPanel, width: number, max: number): {text: string; tone?: Tone}[] {
  const error: AppError | undefined =
    panel.error ?? (panel.preview.ok ? undefined : panel.preview.error);
  if (error) {
    const message = wrap(`✗ ${error.message}`, width).map((text) => ({text, tone: 'bad' as Tone}));
    const fix = error.fix ? wrap(`→ ${error.fix}`, width).map((text) => ({text})) : [];
    // Keep the fix visible: the message gives up lines first.
    const keepFix = Math.min(fix.length, Math.ceil(max / 2));
    const shownMessage = message.slice(0, max - keepFix);
    return [...shownMessage, ...fix.slice(0, max - shownMessage.length)];
  }
  const scope: Scope = panel.field === 'code' ? 'renew-code' : 'renew-duration';
  return wrap(keymap[scope].note ?? '', width).map((text) => ({text, tone: 'muted' as Tone}));
}

function codeBoxes(code: string, active: boolean): string {
  const cells = Array.from(
    {length: 6},
    (_, i) => code[i] ?? (active && i === code.length ? '▁' : '_'),
  );
  return `${cells.slice(0, 3).join(' ')}  ${cells.slice(3).join(' ')}`;
}

type Props = {panel: RenewPanel; width: number; focus: Scope; dispatch: Dispatch<Action>};

/** Source, device, target, duration and the 6-digit code; a spinner while STS answers; the error and its fix. */
export function RenewPanelView({panel, width, focus, dispatch}: Props) {
  const theme = useTheme();
  const inner = Math.max(10, width - 4);
  useScreenKeys(
    focus === 'renew-code' || focus === 'renew-duration' || focus === 'renew-refused',
    dispatch,
  );

  const plan = panel.plan;
  const label = (name: string) => name.padEnd(10);
  const lines: React.ReactNode[] = [];
  const title = plan ? `Renew ${plan.target}` : `Renew ${panel.profile}`;
  lines.push(
    <Text key="title" bold wrap="truncate">
      {truncate(title, inner)}
    </Text>,
  );
  if (plan) {
    const durationParsed = parseDuration(panel.durationText);
    const durationNote =
      panel.field === 'duration'
        ? durationParsed.ok
          ? `  = ${formatSeconds(durationParsed.value)} (${durationParsed.value} s)`
          : ''
        : '  Tab to change';
    lines.push(
      <Text key="source" wrap="truncate">
        {label('Source')}
        {truncate(`${plan.source}  (long-term key …${plan.accessKeyIdLast4})`, inner - 10)}
      </Text>,
      <Text key="device" wrap="truncate">
        {label('Device')}
        {truncate(plan.serial, inner - 10)}
      </Text>,
      <Text key="target" wrap="truncate">
        {label('Target')}
        {truncate(`${plan.target}  (session keys written to the credentials file)`, inner - 10)}
      </Text>,
      <Text key="duration" wrap="truncate">
        {label('Duration')}
        <Text inverse={panel.field === 'duration'} bold={panel.field === 'duration'}>
          {panel.durationText || ' '}
        </Text>
        <Text color={toneColor(theme, 'muted')}>
          {truncate(durationNote, inner - 12 - panel.durationText.length)}
        </Text>
      </Text>,
      <Text key="code" wrap="truncate">
        {label('Code')}
        <Text bold color={toneColor(theme, panel.field === 'code' ? 'accent' : 'muted')}>
          {codeBoxes(panel.code, panel.field === 'code' && panel.phase !== 'submitting')}
        </Text>
      </Text>,
    );
    if (panel.phase === 'submitting') {
      lines.push(
        <Spinner
          key="spinner"
          label={truncate(
            `Asking STS for a session (GetSessionToken, ${plan.serial.split(':').pop()})…`,
            inner - 2,
          )}
        />,
      );
    } else {
      for (const [i, line] of statusLines(panel, inner, 4).entries()) {
        lines.push(
          <Text key={`status-${i}`} color={toneColor(theme, line.tone)} wrap="truncate">
            {line.text}
          </Text>,
        );
      }
    }
  } else {
    for (const [i, line] of statusLines(panel, inner, renewPanelHeight - 4).entries()) {
      lines.push(
        <Text key={`status-${i}`} color={toneColor(theme, line.tone)} wrap="truncate">
          {line.text}
        </Text>,
      );
    }
  }
  const content = renewPanelHeight - 2;
  while (lines.length < content) lines.push(<Text key={`pad-${lines.length}`}> </Text>);

  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={toneColor(theme, panel.error ? 'bad' : 'accent')}
      paddingX={1}
      width={width}
      height={renewPanelHeight}
    >
      {lines.slice(0, content)}
    </Box>
  );
}
