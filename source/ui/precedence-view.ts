// The precedence screen and the help overlay as lines of text, so the screens only window them.
import type {Result} from '../core/errors.js';
import {describeExpiry} from '../core/expiry.js';
import {conflictText} from '../core/precedence/conflict-text.js';
import {linkReason} from '../core/precedence/format.js';
import type {ChainLink, ClientResult, PrecedenceResult, Winner} from '../core/precedence/types.js';
import {truncate, wrap} from './format.js';
import type {HelpSection} from './keymap.js';
import type {VerifyState} from './reducer.js';
import type {Tone} from './theme.js';

export type Segment = {text: string; tone?: Tone; bold?: boolean; inverse?: boolean};
export type Line = Segment[];

export const clientLabels: Record<string, string> = {
  'aws-cli-v2': 'AWS CLI v2',
  'aws-cli-v1/boto3': 'boto3 and AWS CLI v1',
  'js-sdk-v3': 'JS SDK v3',
  'go-sdk-v2': 'Go SDK v2',
};

const statusGlyph: Record<ChainLink['status'], string> = {
  used: '●',
  shadowed: '○',
  absent: '·',
  broken: '✗',
};

const statusTone: Record<ChainLink['status'], Tone> = {
  used: 'ok',
  shadowed: 'warn',
  absent: 'muted',
  broken: 'bad',
};

/** What a winner yields, in one phrase: `mfa …WXYZ session valid 11h 02m`. */
export function identityText(w: Winner, now: Date, warnSeconds: number): string {
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
  const ids = new Set(
    clients.map(
      (c) => `${c.winner.source}|${c.winner.profile ?? ''}|${c.winner.accessKeyIdLast4 ?? ''}`,
    ),
  );
  return ids.size > 1;
}

const text = (t: string, tone?: Tone, extra: Partial<Segment> = {}): Segment => ({
  text: t,
  tone,
  ...extra,
});

function wrapped(
  prefix: string,
  body: string,
  width: number,
  tone?: Tone,
  indent = prefix.length,
): Line[] {
  const lines = wrap(body, Math.max(10, width - indent));
  return lines.map((l, i) => [text(i === 0 ? prefix : ' '.repeat(indent)), text(l, tone)]);
}

function verifyLines(verify: VerifyState, width: number): Line[] {
  switch (verify.phase) {
    case 'idle':
      return [];
    case 'running':
      return [[text('… Calling STS GetCallerIdentity', 'accent')], []];
    case 'done': {
      const id = verify.identity;
      return [
        [
          text('✓ Verified ', 'ok', {bold: true}),
          text(truncate(id.arn, width - 11), undefined, {bold: true}),
        ],
        [
          text(
            truncate(`  account ${id.account} · user id ${id.userId} · using ${id.using}`, width),
            'muted',
          ),
        ],
        [],
      ];
    }
    case 'failed':
      return [
        ...wrapped('✗ ', verify.error.message, width, 'bad'),
        ...(verify.error.fix ? wrapped('→ ', verify.error.fix, width) : []),
        [],
      ];
  }
}

export type PrecedenceViewInput = {
  report: Result<PrecedenceResult>;
  client: number;
  width: number;
  verify: VerifyState;
  now: Date;
  warnSeconds: number;
};

/** Every line of the precedence screen: winners, verification, conflicts, then the chosen client's chain. */
export function precedenceLines(input: PrecedenceViewInput): Line[] {
  const {report, width, now, warnSeconds} = input;
  const lines: Line[] = [];
  if (!report.ok) {
    lines.push(
      ...wrapped('✗ ', report.error.message, width, 'bad'),
      ...wrapped('→ ', report.error.fix, width),
    );
    return lines;
  }
  const {clients, conflicts} = report.value;
  const clientWidth = 18;
  const sourceWidth = 24;
  const rest = Math.max(8, width - 2 - clientWidth - sourceWidth);
  lines.push([
    text(
      `  ${'CLIENT'.padEnd(clientWidth)}${'WINS WITH'.padEnd(sourceWidth)}${truncate('IDENTITY', rest)}`,
      'muted',
      {
        bold: true,
      },
    ),
  ]);
  const chosen = Math.max(0, Math.min(input.client, clients.length - 1));
  clients.forEach((c, i) => {
    const selected = i === chosen;
    const tone: Tone =
      c.winner.status === 'broken' ? 'bad' : c.winner.source === 'none' ? 'warn' : 'plain';
    lines.push([
      text(selected ? '› ' : '  ', 'accent', {bold: true}),
      text(c.client.padEnd(clientWidth), undefined, {bold: selected}),
      text(c.winner.source.padEnd(sourceWidth), tone === 'plain' ? 'accent' : tone),
      text(truncate(identityText(c.winner, now, warnSeconds), rest), tone),
    ]);
  });
  if (clientsDisagree(clients)) {
    lines.push(
      ...wrapped(
        '⚠ ',
        'The clients disagree: they would not all use the same credentials.',
        width,
        'warn',
      ),
    );
  }
  lines.push([]);
  lines.push(...verifyLines(input.verify, width));

  if (conflicts.length === 0) {
    lines.push([text('No conflicts: nothing shadows what you set.', 'ok')]);
  } else {
    lines.push([text(`Conflicts (${conflicts.length})`, 'title', {bold: true})]);
    for (const conflict of conflicts) {
      const glyph =
        conflict.severity === 'error' ? '✗ ' : conflict.severity === 'warning' ? '! ' : 'i ';
      const tone: Tone =
        conflict.severity === 'error' ? 'bad' : conflict.severity === 'warning' ? 'warn' : 'accent';
      const {message, fix} = conflictText(conflict);
      lines.push(...wrapped(glyph, message, width, tone));
      if (fix) lines.push(...wrapped('  fix: ', fix, width));
    }
  }
  lines.push([]);

  const c = clients[chosen];
  if (c) {
    lines.push([
      text(`Chain of ${clientLabels[c.client] ?? c.client}`, 'title', {bold: true}),
      text(
        truncate(
          `  profile ${c.profile.name} (from ${c.profile.from})  ←/→ other clients`,
          Math.max(0, width - 30),
        ),
        'muted',
      ),
    ]);
    const indent = 2 + 2 + sourceWidth + 9;
    for (const link of c.chain) {
      const head = `  ${statusGlyph[link.status]} ${link.source.padEnd(sourceWidth)}${link.status.padEnd(9)}`;
      const body = wrap(linkReason(link, c.winner), Math.max(10, width - indent));
      body.forEach((l, i) => {
        lines.push(
          i === 0
            ? [
                text(head.slice(0, 4), statusTone[link.status]),
                text(head.slice(4), link.status === 'used' ? undefined : 'muted'),
                text(l),
              ]
            : [text(' '.repeat(indent)), text(l)],
        );
      });
    }
  }
  return lines;
}

/** The help overlay's lines, drawn from the keymap's sections. */
export function helpLines(sections: HelpSection[], width: number): Line[] {
  const lines: Line[] = [];
  const keyWidth = 22;
  for (const section of sections) {
    lines.push([text(section.title, 'title', {bold: true})]);
    if (section.note) lines.push(...wrapped('  ', section.note, width, 'muted'));
    for (const row of section.rows) {
      const body = wrap(row.help, Math.max(10, width - 2 - keyWidth));
      body.forEach((l, i) =>
        lines.push(
          i === 0
            ? [text('  '), text(row.keys.padEnd(keyWidth), 'accent', {bold: true}), text(l)]
            : [text(' '.repeat(2 + keyWidth)), text(l)],
        ),
      );
    }
    lines.push([]);
  }
  return lines;
}

/** A line as plain text (for tests and captures). */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}
