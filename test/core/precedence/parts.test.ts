// precedenceParts: the engine's parses in pieces, for the TUI to run one per turn of the event loop.
import {describe, expect, it, vi} from 'vitest';
import {
  botocoreView,
  goView,
  jsView,
  precedenceParts,
  resolvePrecedence,
} from '../../../source/core/precedence/index.js';
import {sampleConfig, sampleCredentials, snapshotFrom} from '../../ui/fixtures.js';

// The real parsers, wrapped to count their calls: the engine must take the pieces' parses.
vi.mock('../../../source/core/precedence/parsers.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../source/core/precedence/parsers.js')>();
  return {
    ...real,
    botocoreView: vi.fn(real.botocoreView),
    jsView: vi.fn(real.jsView),
    goView: vi.fn(real.goView),
  };
});

const parserCalls = () =>
  [botocoreView, jsView, goView].reduce((n, f) => n + vi.mocked(f).mock.calls.length, 0);

const credentialsText = `[default]
aws_access_key_id = AKIADEFAULTKEY0001
aws_secret_access_key = s

[mfa]
aws_access_key_id = ASIAMFASESSIONK002
aws_secret_access_key = s
aws_session_token = t
`;
const configText = `[default]
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default
`;
const input = {
  env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'mfa'},
  credentialsText,
  configText,
  now: new Date('2026-06-01T12:00:00Z'),
  warnSeconds: 900,
};

describe('precedenceParts', () => {
  it("is each client's parse of each file: botocore, JS SDK, Go SDK, credentials then config", () => {
    const views = precedenceParts(input).map((part) => part());
    expect(views).toEqual([
      botocoreView(credentialsText, 'credentials'),
      botocoreView(configText, 'config'),
      jsView(credentialsText, 'credentials'),
      jsView(configText, 'config'),
      goView(credentialsText, 'credentials'),
      goView(configText, 'config'),
    ]);
  });

  it('parses once: a piece run again while its result is held gives that same result', () => {
    const first = precedenceParts(input).map((part) => part());
    const again = precedenceParts(input).map((part) => part());
    again.forEach((view, i) => expect(view).toBe(first[i]));
  });

  it('parses new text anew', () => {
    const before = precedenceParts(input).map((part) => part());
    const changed = `${credentialsText}\n[later]\naws_access_key_id = AKIALATERKEY000003\naws_secret_access_key = s\n`;
    const after = precedenceParts({...input, credentialsText: changed}).map((part) => part());
    for (const i of [0, 2, 4]) {
      expect(after[i]).not.toBe(before[i]);
      expect(after[i]!.profiles.has('later')).toBe(true);
    }
    for (const i of [1, 3, 5]) expect(after[i]).toBe(before[i]);
  });

  it('leaves the engine nothing to parse once they have run, and the report unchanged', () => {
    // Texts no earlier test parsed, so nothing is remembered yet.
    const fresh = {...input, credentialsText: `${credentialsText}\n# fresh\n`};
    const alone = resolvePrecedence({...fresh, configText: `${configText}\n# alone\n`});
    const held = precedenceParts(fresh).map((part) => part());
    const before = parserCalls();
    const report = resolvePrecedence(fresh);
    expect(parserCalls()).toBe(before);
    expect(held).toHaveLength(6);
    expect(report.clients).toEqual(alone.clients);
    // The count does see the engine's own parses: new text is parsed again.
    resolvePrecedence({...fresh, credentialsText: `${credentialsText}\n# newer\n`});
    expect(parserCalls()).toBeGreaterThan(before);
  });

  it("are none once the TUI snapshot's report is made (the precedence screen asked first)", () => {
    const snapshot = snapshotFrom({credentials: sampleCredentials, config: sampleConfig});
    expect(snapshot.precedenceParts!()).toHaveLength(6);
    expect(snapshot.precedence().ok).toBe(true);
    expect(snapshot.precedenceParts!()).toEqual([]);
  });

  it('end, in the TUI, with a read of the SSO tokens (its first read loads node:crypto)', () => {
    let reads = 0;
    const snapshot = snapshotFrom({
      credentials: sampleCredentials,
      config: sampleConfig,
      ssoTokens: () => {
        reads++;
        return {};
      },
    });
    const parts = snapshot.precedenceParts!();
    expect(parts).toHaveLength(7);
    parts.slice(0, 6).forEach((part) => part());
    expect(reads).toBe(0);
    parts[6]!();
    expect(reads).toBe(1);
  });
});
