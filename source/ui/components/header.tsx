import {memo, useEffect, useState} from 'react';
import {truncate, seg, type Line} from '../format.js';
import type {ActiveIdentity, BannerInfo} from '../ports.js';
import {LineView} from './screen.js';

/** Who the AWS CLI would use, in words: the marker's legend. */
function activeText(active: ActiveIdentity | undefined): string {
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
  const plural = conflicts === 1 ? '' : 's';
  const conflictText = conflicts ? `  ⚠ ${conflicts} conflict${plural} (p)` : '';
  const more = warnings.length > 1 ? ` (+${warnings.length - 1} more)` : '';
  const lines: Line[] = [
    [seg('mfa-tui', 'title', {bold: true}), seg(truncate(`  ${title}`, width - 7))],
    [
      seg(truncate(activeText(active), Math.max(0, width - conflictText.length))),
      seg(truncate(conflictText, width), 'warn'),
    ],
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
