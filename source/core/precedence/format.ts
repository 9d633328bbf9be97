// The two renderings of a precedence result: the JSON report (`precedence --json`) and a plain text one.
import {describeExpiry} from '../expiry.js';
import {conflictText} from './conflict-text.js';
import type {ChainLink, ClientId, PrecedenceResult, Winner} from './types.js';

const TITLES: Record<ClientId, string> = {
  'aws-cli-v2': 'AWS CLI v2',
  'aws-cli-v1/boto3': 'boto3 / AWS CLI v1',
  'js-sdk-v3': 'JS SDK v3',
  'go-sdk-v2': 'Go SDK v2',
};

const FROM: Record<string, string> = {
  explicit: 'given explicitly',
  AWS_PROFILE: 'from AWS_PROFILE',
  AWS_DEFAULT_PROFILE: 'from AWS_DEFAULT_PROFILE',
  default: 'the default',
};

/** A link's reason in words: what the provider found, and why the client did not use it. */
export function linkReason(link: ChainLink, winner: Winner): string {
  switch (link.code) {
    case 'not-reached':
      return `${link.detail}; not reached: ${winner.reason}`;
    case 'after-winner':
      return `${link.detail}; not used: ${winner.source} comes first`;
    case 'after-failure':
      return `${link.detail}; not used: ${winner.source} fails first`;
    case 'not-run':
      return `${link.detail}; not run, so whether it yields credentials is not known (run it with \`mfa-tui precedence --run-processes\`, or press v in the TUI)`;
    case 'fails-moves-on':
      return `${link.detail}; the client moves on`;
    default:
      return link.detail;
  }
}

/** The JSON report's shape, with the winner's status and reason so a failing client shows as broken. */
export function precedenceJson(result: PrecedenceResult): unknown {
  return {
    clients: result.clients.map(({client, winner: w, chain}) => {
      const {source, profile, accessKeyIdLast4, kind, expiresAt, status, reason} = w;
      return {
        client,
        winner: {source, profile, accessKeyIdLast4, kind, expiresAt, status, reason},
        chain: chain.map((l) => ({source: l.source, status: l.status, reason: linkReason(l, w)})),
      };
    }),
    conflicts: result.conflicts.map((c) => ({id: c.id, severity: c.severity, ...conflictText(c)})),
  };
}

function describeWinner(w: Winner, now: Date, warnSeconds: number): string {
  if (w.status === 'broken') return `FAILS: ${w.reason}`;
  if (w.code === 'not-run') return `${w.source} · profile ${w.profile} · not run`;
  const parts: string[] = [w.source];
  if (w.profile) parts.push(`profile ${w.profile}`);
  if (w.accessKeyIdLast4 !== null) parts.push(`key …${w.accessKeyIdLast4}`);
  if (w.roleArn) parts.push(`role ${w.roleArn}`);
  parts.push(w.kind);
  if (w.kind === 'long-term') parts.push('no expiry');
  else if (w.accessKeyIdLast4 !== null) {
    parts.push(describeExpiry(w.expiresAt ? new Date(w.expiresAt) : undefined, now, warnSeconds));
  }
  return parts.join(' · ');
}

/** A plain text report: per client the winner and its chain, then the conflicts with their fixes. */
export function formatPrecedenceText(
  result: PrecedenceResult,
  options: {now: Date; warnSeconds: number},
): string {
  const out: string[] = [];
  const width = Math.max(...result.clients.flatMap((c) => c.chain.map((l) => l.source.length)));
  for (const c of result.clients) {
    const profile = `profile ${c.profile.name === '' ? '""' : c.profile.name} (${FROM[c.profile.from]})`;
    out.push(`${TITLES[c.client]} — ${profile}`);
    out.push(`  uses: ${describeWinner(c.winner, options.now, options.warnSeconds)}`);
    for (const link of c.chain) {
      out.push(
        `    ${link.status.padEnd(8)}  ${link.source.padEnd(width)}  ${linkReason(link, c.winner)}`,
      );
    }
    out.push('');
  }
  if (result.conflicts.length === 0) {
    out.push('No conflicts.');
  } else {
    out.push(`Conflicts (${result.conflicts.length}):`);
    for (const conflict of result.conflicts) {
      const {message, fix} = conflictText(conflict);
      out.push(`  ${conflict.severity.toUpperCase().padEnd(7)}  ${message}`);
      out.push(`  ${''.padEnd(7)}  fix: ${fix}`);
    }
  }
  return `${out.join('\n')}\n`;
}
