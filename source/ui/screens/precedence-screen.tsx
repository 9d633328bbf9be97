// The precedence screen, laid out as lines of text that the screen only windows: per client the
// winner, a verification, the conflicts, then the chosen client's chain.
import {useMemo, type Dispatch} from 'react';
import type {AppError, Result} from '../../core/errors.js';
import {describeExpiry} from '../../core/expiry.js';
import {conflictText} from '../../core/precedence/conflict-text.js';
import {linkReason} from '../../core/precedence/format.js';
import type {
  ChainLink,
  ClientResult,
  Conflict,
  PrecedenceResult,
  Winner,
} from '../../core/precedence/types.js';
import {LinesScreen, useNow} from '../components/screen.js';
import {seg, truncate, wrapped, type Line} from '../format.js';
import type {Action} from '../state/actions.js';
import {focusOf} from '../state/focus.js';
import {asProfileName, shownVerify} from '../state/precedence.js';
import type {State, VerifyState} from '../state/state.js';
import type {Tone} from '../theme.js';

const clientLabels: Record<string, string> = {
  'aws-cli-v2': 'AWS CLI v2',
  'aws-cli-v1/boto3': 'boto3 and AWS CLI v1',
  'js-sdk-v3': 'JS SDK v3',
  'go-sdk-v2': 'Go SDK v2',
};

const linkStatus: Record<ChainLink['status'], {glyph: string; tone: Tone}> = {
  used: {glyph: '●', tone: 'ok'},
  shadowed: {glyph: '○', tone: 'warn'},
  absent: {glyph: '·', tone: 'muted'},
  broken: {glyph: '✗', tone: 'bad'},
};

const severity: Record<Conflict['severity'], {glyph: string; tone: Tone}> = {
  error: {glyph: '✗ ', tone: 'bad'},
  warning: {glyph: '! ', tone: 'warn'},
  info: {glyph: 'i ', tone: 'accent'},
};

const clientWidth = 18;
const sourceWidth = 24;

/** What a winner yields, in one phrase: `mfa …WXYZ session valid 11h 02m`. */
function identityText(w: Winner, now: Date, warnSeconds: number): string {
  if (w.status === 'broken') return `broken: ${w.reason}`;
  const parts = [
    w.profile ?? '',
    w.accessKeyIdLast4 ? `…${w.accessKeyIdLast4}` : '',
    w.kind === 'none' ? '' : w.kind,
    w.roleArn ? w.roleArn.replace(/^arn:aws[\w-]*:iam::/, '') : '',
    w.expiresAt ? describeExpiry(new Date(w.expiresAt), now, warnSeconds) : '',
  ];
  return parts.filter(Boolean).join(' ') || '—';
}

/** True when not every client would sign with the same credentials. */
export function clientsDisagree(clients: ClientResult[]): boolean {
  const id = ({winner: w}: ClientResult) =>
    `${w.source}|${w.profile ?? ''}|${w.accessKeyIdLast4 ?? ''}`;
  return new Set(clients.map(id)).size > 1;
}

const errorLines = (error: {message: string; fix: string}, width: number): Line[] => [
  ...wrapped('✗ ', error.message, width, 'bad'),
  ...(error.fix ? wrapped('→ ', error.fix, width) : []),
];

function verifyLines(verify: VerifyState, width: number): Line[] {
  switch (verify.phase) {
    case 'idle':
      return [];
    case 'running':
      return [[seg('… Calling STS GetCallerIdentity', 'accent')], []];
    case 'done': {
      const id = verify.identity;
      const detail = `  account ${id.account} · user id ${id.userId} · using ${id.using}`;
      const arn = seg(truncate(id.arn, width - 11), undefined, {bold: true});
      return [
        [seg('✓ Verified ', 'ok', {bold: true}), arn],
        [seg(truncate(detail, width), 'muted')],
        [],
      ];
    }
    case 'failed':
      return [...errorLines(verify.error, width), []];
  }
}

type PrecedenceView = {
  report: Result<PrecedenceResult>;
  client: number;
  width: number;
  verify: VerifyState;
  now: Date;
  warnSeconds: number;
};

/** One line per client: what wins, and the identity it yields. */
function winnerLines(clients: ClientResult[], chosen: number, view: PrecedenceView): Line[] {
  const {width, now, warnSeconds} = view;
  const rest = Math.max(8, width - 2 - clientWidth - sourceWidth);
  const head = `  ${'CLIENT'.padEnd(clientWidth)}${'WINS WITH'.padEnd(sourceWidth)}${truncate('IDENTITY', rest)}`;
  const lines: Line[] = [[seg(head, 'muted', {bold: true})]];
  clients.forEach(({client, winner}, i) => {
    const tone: Tone =
      winner.status === 'broken' ? 'bad' : winner.source === 'none' ? 'warn' : 'plain';
    lines.push([
      seg(i === chosen ? '› ' : '  ', 'accent', {bold: true}),
      seg(client.padEnd(clientWidth), undefined, {bold: i === chosen}),
      seg(winner.source.padEnd(sourceWidth), tone === 'plain' ? 'accent' : tone),
      seg(truncate(identityText(winner, now, warnSeconds), rest), tone),
    ]);
  });
  if (clientsDisagree(clients)) {
    const text = 'The clients disagree: they would not all use the same credentials.';
    lines.push(...wrapped('⚠ ', text, width, 'warn'));
  }
  return lines;
}

function conflictLines(conflicts: Conflict[], width: number): Line[] {
  if (conflicts.length === 0) return [[seg('No conflicts: nothing shadows what you set.', 'ok')]];
  const lines: Line[] = [[seg(`Conflicts (${conflicts.length})`, 'title', {bold: true})]];
  for (const conflict of conflicts) {
    const {glyph, tone} = severity[conflict.severity];
    const {message, fix} = conflictText(conflict);
    lines.push(...wrapped(glyph, message, width, tone));
    if (fix) lines.push(...wrapped('  fix: ', fix, width));
  }
  return lines;
}

/** The chosen client's chain: each link, its status and why. */
function chainLines({client, profile, chain, winner}: ClientResult, width: number): Line[] {
  const about = `  profile ${profile.name} (from ${profile.from})  ←/→ other clients`;
  const title = seg(`Chain of ${clientLabels[client] ?? client}`, 'title', {bold: true});
  const lines: Line[] = [[title, seg(truncate(about, Math.max(0, width - 30)), 'muted')]];
  for (const link of chain) {
    const {glyph, tone} = linkStatus[link.status];
    const text = `${link.source.padEnd(sourceWidth)}${link.status.padEnd(9)}`;
    const head = [
      seg(`  ${glyph} `, tone),
      seg(text, link.status === 'used' ? undefined : 'muted'),
    ];
    lines.push(...wrapped(head, linkReason(link, winner), width));
  }
  return lines;
}

/** Every line of the precedence screen: winners, verification, conflicts, then the chosen client's chain. */
export function precedenceLines(input: PrecedenceView): Line[] {
  const {report, width} = input;
  if (!report.ok) return errorLines(report.error, width);
  const {clients, conflicts} = report.value;
  const chosen = Math.max(0, Math.min(input.client, clients.length - 1));
  const chain = clients[chosen];
  return [
    ...winnerLines(clients, chosen, input),
    [],
    ...verifyLines(input.verify, width),
    ...conflictLines(conflicts, width),
    [],
    ...(chain ? chainLines(chain, width) : []),
  ];
}

const reading: AppError = {code: 'loading', message: 'Reading the files…', fix: ''};

/** Per client: the winner, its chain with statuses and reasons; then the conflicts and their fixes. */
export function PrecedenceScreen({state, dispatch}: {state: State; dispatch: Dispatch<Action>}) {
  const now = useNow();
  const {snapshot, selected} = state;
  const asProfile = asProfileName(state);
  const report: Result<PrecedenceResult> = useMemo(
    () => (snapshot ? snapshot.precedence(asProfile) : {ok: false, error: reading}),
    [snapshot, asProfile],
  );
  const width = state.size.columns;
  const lines = precedenceLines({
    report,
    client: state.precedence.client,
    width,
    verify: shownVerify(state),
    now,
    warnSeconds: snapshot?.warnSeconds ?? 0,
  });
  const title = asProfile ? `as if --profile ${asProfile}` : 'current environment';
  const back = asProfile ? 'back to the current environment' : `as if --profile ${selected}`;
  const toggle = selected ? `  (a: ${back})` : '';
  return (
    <LinesScreen
      state={state}
      dispatch={dispatch}
      active={focusOf(state) === 'precedence'}
      title={[
        seg(`Precedence · ${title}`, 'title', {bold: true}),
        seg(truncate(toggle, Math.max(0, width - 15 - title.length)), 'muted'),
      ]}
      lines={lines}
      scroll={state.precedence.scroll}
      clients={report.ok ? report.value.clients.length : 1}
    />
  );
}
