import {describe, expect, it} from 'vitest';
import {clientsDisagree, precedenceLines} from '../../source/ui/screens/precedence-screen.js';
import {helpLines} from '../../source/ui/screens/help-overlay.js';
import type {Line} from '../../source/ui/format.js';
import {helpSections, keymap} from '../../source/ui/keymap.js';
import {fixedNow, sampleConfig, sampleCredentials, snapshotFrom} from './fixtures.js';

const lineText = (line: Line) => line.map((s) => s.text).join('');

const env = {
  AWS_PROFILE: 'mfa',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEENVKEY009',
  AWS_SECRET_ACCESS_KEY: 'x',
};

function text(options: Parameters<typeof snapshotFrom>[0], client = 0, width = 80) {
  const snapshot = snapshotFrom({credentials: sampleCredentials, config: sampleConfig, ...options});
  return precedenceLines({
    report: snapshot.precedence(),
    client,
    width,
    verify: {phase: 'idle'},
    now: fixedNow,
    warnSeconds: 900,
  }).map(lineText);
}

describe('precedence lines', () => {
  it('puts every client’s winner first, then the disagreement and the conflict with its fix', () => {
    const lines = text({env});
    expect(lines[0]).toMatch(/CLIENT\s+WINS WITH\s+IDENTITY/);
    expect(lines.slice(1, 5).map((l) => l.slice(2).split(/\s+/)[0])).toEqual([
      'aws-cli-v2',
      'aws-cli-v1/boto3',
      'js-sdk-v3',
      'go-sdk-v2',
    ]);
    const all = lines.join('\n');
    expect(all).toContain('The clients disagree');
    expect(all).toContain('Conflicts (1)');
    expect(all).toMatch(/fix: .*unset AWS_ACCESS_KEY_ID/);
  });

  it('shows the chosen client’s chain, every link with its status', () => {
    const lines = text({env}, 2);
    const start = lines.findIndex((l) => l.startsWith('Chain of JS SDK v3'));
    expect(start).toBeGreaterThan(0);
    const links = lines.slice(start + 1).filter((l) => /^ {2}\S /.test(l));
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const l of links) expect(l).toMatch(/ (used|shadowed|absent|broken) /);
  });

  it('agrees when nothing conflicts', () => {
    const lines = text({env: {}});
    expect(lines.join('\n')).not.toContain('The clients disagree');
    const snapshot = snapshotFrom({credentials: sampleCredentials, config: sampleConfig});
    const report = snapshot.precedence();
    expect(report.ok && clientsDisagree(report.value.clients)).toBe(false);
  });

  it('never exceeds the width', () => {
    for (const width of [60, 80, 120]) {
      for (const l of text({env}, 0, width)) expect(l.length, l).toBeLessThanOrEqual(width);
    }
  });
});

describe('help lines', () => {
  it('draws every binding of every table', () => {
    const all = helpLines(helpSections(), 80).map(lineText).join('\n');
    for (const scope of Object.values(keymap)) {
      expect(all).toContain(scope.title);
      for (const b of scope.bindings) expect(all).toContain(b.help);
    }
  });
});
