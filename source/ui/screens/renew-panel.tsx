// The renew panel: source, device, target, duration and the 6-digit code; a spinner while STS
// answers; the error and its fix. Its lines are worked out from the panel alone; only the spinner
// and the countdown are live.
import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import {codeWaitMs, countdownText, type CodeLedger} from '../../core/code-steps.js';
import {formatSeconds, parseDuration} from '../../core/durations.js';
import {configSection} from '../../core/ini/names.js';
import {LineView, useNow} from '../components/screen.js';
import {truncate, wrap, seg, type Line} from '../format.js';
import {durationNote, keymap, type Scope} from '../keymap.js';
import {renewPanelHeight} from '../layout.js';
import type {RenewPreview} from '../ports.js';
import {waitingFor, type DeviceChoice, type RenewPanel} from '../state/renew-plan.js';
import {toneColor, useTheme, type Tone} from '../theme.js';

/** A line of the panel, or one of its two live parts. */
type Row = Line | {spinner: string} | {countdown: {serial: string; ledger: CodeLedger}};

const content = renewPanelHeight - 2;

/** The error and its fix (the message gives up lines first), or the field’s note from the keymap. */
function statusRows(panel: RenewPanel, scope: Scope, width: number, max: number): Line[] {
  const error = panel.error ?? (panel.preview.ok ? undefined : panel.preview.error);
  const lines = (text: string, tone?: Tone) => wrap(text, width).map((l) => [seg(l, tone)]);
  const note = scope === 'renew-duration' ? durationNote(panel.plan?.kind) : keymap[scope].note;
  if (!error) return lines(note ?? '', 'muted');
  const message = lines(`✗ ${error.message}`, 'bad');
  const fix = error.fix ? lines(`→ ${error.fix}`) : [];
  const shown = message.slice(0, max - Math.min(fix.length, Math.ceil(max / 2)));
  return [...shown, ...fix.slice(0, max - shown.length)];
}

function codeBoxes(code: string, active: boolean): string {
  const blank = (i: number) => (active && i === code.length ? '▁' : '_');
  const cells = Array.from({length: 6}, (_, i) => code[i] ?? blank(i));
  return `${cells.slice(0, 3).join(' ')}  ${cells.slice(3).join(' ')}`;
}

function title(panel: RenewPanel): string {
  const {plan, batch} = panel;
  let text = `Renew ${plan ? plan.target : panel.profile}${plan?.kind === 'role' ? ' (role)' : ''}`;
  if (batch && batch.queue.length > 1) {
    text += ` · ${batch.index + 1} of ${batch.queue.length}`;
    for (const r of batch.results) text += ` · ${r.ok ? '✓' : '✗'} ${r.profile}`;
  }
  return text;
}

const field = (name: string, value: string, width: number, tone?: Tone): Line => [
  seg(name.padEnd(10)),
  seg(truncate(value, width - 10), tone),
];

function saveRow({save, source}: DeviceChoice, width: number): Line {
  const text = `${'Save'.padEnd(10)}[${save ? 'x' : ' '}] keep it as mfa_serial in ${configSection(source)} of the config file (s)`;
  return [seg(truncate(text, width), save ? 'ok' : 'muted')];
}

function deviceRows(devices: DeviceChoice, width: number): Line[] {
  const user = devices.devices[0]?.userName;
  const count = `IAM lists ${devices.devices.length} devices${user ? ` for user ${user}` : ''}`;
  const rows = [field('Device', `${count}; choose one:`, width)];
  const room = content - 1 - rows.length - 2;
  const top = Math.max(0, Math.min(devices.index - room + 1, devices.devices.length - room));
  for (const [i, d] of devices.devices.slice(top, top + room).entries()) {
    const selected = top + i === devices.index;
    rows.push([
      seg(truncate(`${selected ? '›' : ' '} ${d.serial}`, width), undefined, {inverse: selected}),
    ]);
  }
  return [...rows, saveRow(devices, width)];
}

function planRows(panel: RenewPanel, plan: RenewPreview, width: number): Row[] {
  const key = plan.accessKeyIdLast4;
  const rows: Row[] =
    plan.kind === 'role'
      ? [
          field('Role', plan.roleArn ?? plan.target, width),
          field('Source', `${plan.source}  (key …${key} signs)`, width),
          field('Signing', plan.signing ?? '', width),
        ]
      : [
          field('Source', `${plan.source}  (long-term key …${key})`, width),
          field('Device', `${plan.serial}${panel.devices ? '  (found in IAM)' : ''}`, width),
          field('Target', `${plan.target}  (session keys written to the credentials file)`, width),
        ];
  const editing = panel.field === 'duration';
  const parsed = parseDuration(panel.durationText);
  let note = editing ? '' : '  Tab to change';
  if (editing && parsed.ok) note = `  = ${formatSeconds(parsed.value)} (${parsed.value} s)`;
  rows.push([
    seg('Duration'.padEnd(10)),
    seg(panel.durationText || ' ', undefined, {inverse: editing, bold: editing}),
    seg(truncate(note, width - 12 - panel.durationText.length), 'muted'),
  ]);
  const waiting = waitingFor(panel);
  if (waiting) rows.push({countdown: waiting});
  else if (plan.needsCode) {
    const active = panel.field === 'code' && panel.phase !== 'submitting';
    rows.push([
      seg('Code'.padEnd(10)),
      seg(codeBoxes(panel.code, active), panel.field === 'code' ? 'accent' : 'muted', {bold: true}),
    ]);
  } else {
    const why = plan.bySession ? 'not needed (n: sign with a new code instead)' : 'not needed';
    rows.push(field('Code', why, width, 'muted'));
  }
  if (panel.devices && plan.kind === 'session') rows.push(saveRow(panel.devices, width));
  return rows;
}

/** Every row of the panel under its title, cut to the panel's height. */
function panelRows(panel: RenewPanel, scope: Scope, width: number): Row[] {
  const {plan, devices, phase} = panel;
  const rows: Row[] = [[seg(truncate(title(panel), width), undefined, {bold: true})]];
  const room = () => content - rows.length;
  if (plan && phase === 'discovering') {
    rows.push(field('Source', `${plan.source}  (long-term key …${plan.accessKeyIdLast4})`, width));
    rows.push({spinner: 'Asking IAM (ListMFADevices) for the MFA device…'});
  } else if (plan && devices && phase === 'choosing') {
    rows.push(...deviceRows(devices, width));
  } else if (!plan) {
    rows.push(...statusRows(panel, scope, width, room()));
  } else {
    rows.push(...planRows(panel, plan, width));
    if (phase !== 'submitting') rows.push(...statusRows(panel, scope, width, Math.min(4, room())));
    else if (plan.kind === 'role')
      rows.push({spinner: 'Asking STS to assume the role (AssumeRole)…'});
    else
      rows.push({
        spinner: `Asking STS for a session (GetSessionToken, ${plan.serial.split(':').pop()})…`,
      });
  }
  return rows.slice(0, content);
}

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

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A braille spinner; it animates only while mounted. */
function Spinner({label}: {label: string}) {
  const theme = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % frames.length), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text>
      <Text color={toneColor(theme, 'accent')}>{frames[frame]}</Text> {label}
    </Text>
  );
}

function RowView({row, width}: {row: Row; width: number}) {
  if ('spinner' in row) return <Spinner label={truncate(row.spinner, width - 2)} />;
  if ('countdown' in row) return <Countdown {...row.countdown} />;
  return <LineView line={row} />;
}

type Props = {panel: RenewPanel; width: number; focus: Scope};

export function RenewPanelView({panel, width, focus}: Props) {
  const theme = useTheme();
  const inner = Math.max(10, width - 4);
  const rows = panelRows(panel, focus, inner);
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={toneColor(theme, panel.error ? 'bad' : 'accent')}
      paddingX={1}
      width={width}
      height={renewPanelHeight}
    >
      {rows.map((row, i) => (
        <RowView key={i} row={row} width={inner} />
      ))}
      {Array.from({length: content - rows.length}, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
    </Box>
  );
}
