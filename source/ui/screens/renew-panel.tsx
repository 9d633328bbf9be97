import {Box, Text} from 'ink';
import React, {type Dispatch} from 'react';
import {formatSeconds, parseDuration} from '../../core/durations.js';
import type {AppError} from '../../core/errors.js';
import {Spinner} from '../components/spinner.js';
import {truncate, wrap} from '../format.js';
import {useScreenKeys} from '../hooks/use-screen-keys.js';
import {keymap, scopeOrder, type Scope} from '../keymap.js';
import {renewPanelHeight} from '../layout.js';
import type {Action} from '../state/actions.js';
import {waitingFor, type RenewPanel} from '../state/renew-plan.js';
import {toneColor, useTheme, type Theme, type Tone} from '../theme.js';
import {codeWaitMs, countdownText, type CodeLedger} from '../../core/code-steps.js';
import {useNow} from '../hooks/use-clock.js';

/** The status lines: an error and its fix (the message gives way first), or the field’s note from the keymap. */
function statusLines(
  panel: RenewPanel,
  scope: Scope,
  width: number,
  max: number,
): {text: string; tone?: Tone}[] {
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

const renewScopes = scopeOrder.filter((s) => s.startsWith('renew-'));

/** The countdown to the next code step; it alone reads the clock. */
function Countdown({serial, ledger}: {serial: string; ledger: CodeLedger}) {
  const theme = useTheme();
  const now = useNow();
  return (
    <Text color={toneColor(theme, 'warn')} wrap="truncate">
      {countdownText(serial, codeWaitMs(ledger, serial, now))}
    </Text>
  );
}

function panelTitle(panel: RenewPanel): string {
  const plan = panel.plan;
  let title = plan
    ? `Renew ${plan.target}${plan.kind === 'role' ? ' (role)' : ''}`
    : `Renew ${panel.profile}`;
  const batch = panel.batch;
  if (batch && batch.queue.length > 1) {
    title += ` · ${batch.index + 1} of ${batch.queue.length}`;
    for (const r of batch.results) title += ` · ${r.ok ? '✓' : '✗'} ${r.profile}`;
  }
  return title;
}

/** Source, device, target, duration and the 6-digit code; a spinner while STS answers; the error and its fix. */
export function RenewPanelView({panel, width, focus, dispatch}: Props) {
  const theme = useTheme();
  const inner = Math.max(10, width - 4);
  useScreenKeys(renewScopes.includes(focus), dispatch);

  const plan = panel.plan;
  const label = (name: string) => name.padEnd(10);
  const field = (key: string, name: string, value: string, tone?: Tone) => (
    <Text key={key} wrap="truncate">
      {label(name)}
      <Text color={toneColor(theme, tone)}>{truncate(value, inner - 10)}</Text>
    </Text>
  );
  const lines: React.ReactNode[] = [];
  lines.push(
    <Text key="title" bold wrap="truncate">
      {truncate(panelTitle(panel), inner)}
    </Text>,
  );
  const statusMax = () => renewPanelHeight - 2 - lines.length;
  const pushStatus = (max: number) => {
    for (const [i, line] of statusLines(panel, focus, inner, max).entries()) {
      lines.push(
        <Text key={`status-${i}`} color={toneColor(theme, line.tone)} wrap="truncate">
          {line.text}
        </Text>,
      );
    }
  };
  const devices = panel.devices;
  if (plan && panel.phase === 'discovering') {
    lines.push(
      field('source', 'Source', `${plan.source}  (long-term key …${plan.accessKeyIdLast4})`),
      <Spinner
        key="spinner"
        label={truncate('Asking IAM (ListMFADevices) for the MFA device…', inner - 2)}
      />,
    );
  } else if (plan && devices && panel.phase === 'choosing') {
    const user = devices.devices[0]?.userName;
    lines.push(
      field(
        'device',
        'Device',
        `IAM lists ${devices.devices.length} devices${user ? ` for user ${user}` : ''}; choose one:`,
      ),
    );
    const room = renewPanelHeight - 2 - lines.length - 2;
    const top = Math.max(0, Math.min(devices.index - room + 1, devices.devices.length - room));
    for (const [i, d] of devices.devices.slice(top, top + room).entries()) {
      const selected = top + i === devices.index;
      lines.push(
        <Text key={`dev-${d.serial}`} wrap="truncate" inverse={selected}>
          {truncate(`${selected ? '›' : ' '} ${d.serial}`, inner)}
        </Text>,
      );
    }
    lines.push(saveLine(devices.save, devices.source, theme, inner));
  } else if (plan) {
    const durationParsed = parseDuration(panel.durationText);
    const durationNote =
      panel.field === 'duration'
        ? durationParsed.ok
          ? `  = ${formatSeconds(durationParsed.value)} (${durationParsed.value} s)`
          : ''
        : '  Tab to change';
    if (plan.kind === 'role') {
      lines.push(
        field('role', 'Role', plan.roleArn ?? plan.target),
        field('source', 'Source', `${plan.source}  (key …${plan.accessKeyIdLast4} signs)`),
        field('signing', 'Signing', plan.signing ?? ''),
      );
    } else {
      lines.push(
        field('source', 'Source', `${plan.source}  (long-term key …${plan.accessKeyIdLast4})`),
        field('device', 'Device', `${plan.serial}${devices ? '  (found in IAM)' : ''}`),
        field('target', 'Target', `${plan.target}  (session keys written to the credentials file)`),
      );
    }
    lines.push(
      <Text key="duration" wrap="truncate">
        {label('Duration')}
        <Text inverse={panel.field === 'duration'} bold={panel.field === 'duration'}>
          {panel.durationText || ' '}
        </Text>
        <Text color={toneColor(theme, 'muted')}>
          {truncate(durationNote, inner - 12 - panel.durationText.length)}
        </Text>
      </Text>,
    );
    const waiting = waitingFor(panel);
    if (waiting) {
      lines.push(<Countdown key="countdown" serial={waiting.serial} ledger={waiting.ledger} />);
    } else if (plan.needsCode) {
      lines.push(
        <Text key="code" wrap="truncate">
          {label('Code')}
          <Text bold color={toneColor(theme, panel.field === 'code' ? 'accent' : 'muted')}>
            {codeBoxes(panel.code, panel.field === 'code' && panel.phase !== 'submitting')}
          </Text>
        </Text>,
      );
    } else {
      lines.push(
        field(
          'code',
          'Code',
          plan.bySession ? 'not needed (n: sign with a new code instead)' : 'not needed',
          'muted',
        ),
      );
    }
    if (devices && plan.kind === 'session')
      lines.push(saveLine(devices.save, devices.source, theme, inner));
    if (panel.phase === 'submitting') {
      const what =
        plan.kind === 'role'
          ? 'Asking STS to assume the role (AssumeRole)…'
          : `Asking STS for a session (GetSessionToken, ${plan.serial.split(':').pop()})…`;
      lines.push(<Spinner key="spinner" label={truncate(what, inner - 2)} />);
    } else {
      pushStatus(Math.min(4, statusMax()));
    }
  } else {
    pushStatus(statusMax());
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

function saveLine(save: boolean, source: string, theme: Theme, inner: number): React.ReactNode {
  const where = source === 'default' ? '[default]' : `[profile ${source}]`;
  return (
    <Text key="save" wrap="truncate" color={toneColor(theme, save ? 'ok' : 'muted')}>
      {truncate(
        `${'Save'.padEnd(10)}[${save ? 'x' : ' '}] keep it as mfa_serial in ${where} of the config file (s)`,
        inner,
      )}
    </Text>
  );
}
