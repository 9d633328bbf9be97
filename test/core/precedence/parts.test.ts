// precedenceParts: the engine's parses in pieces, for the TUI to run one per turn of the event loop.
import {describe, expect, it} from 'vitest';
import {
  botocoreView,
  goView,
  jsView,
  precedenceParts,
  resolvePrecedence,
} from '../../../source/core/precedence/index.js';

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

  it('leaves the report as it would be without them', () => {
    const fresh = resolvePrecedence(input);
    const held = precedenceParts(input).map((part) => part());
    expect(resolvePrecedence(input)).toEqual(fresh);
    expect(held).toHaveLength(6);
  });
});
