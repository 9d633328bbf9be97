// Long-term or session, for a key pair: the profile list and the precedence engine decide it by one
// rule (keyPairClass), so a row and the precedence winner never name the same keys differently.
import {describe, expect, it} from 'vitest';
import {listSections, parseIni} from '../../source/core/ini/index.js';
import {resolvePrecedence} from '../../source/core/precedence/index.js';
import {keyPairClass} from '../../source/core/profile-keys.js';
import {buildProfiles, type FileSection} from '../../source/core/profiles.js';

const now = new Date('2026-06-01T12:00:00Z');

function sections(text: string): FileSection[] {
  return listSections(parseIni(text), 'credentials').flatMap((s) =>
    s.profile === undefined ? [] : [{profile: s.profile, keys: s.keys, line: s.line}],
  );
}

describe('keyPairClass', () => {
  it('a token makes a session, an ASIA key id is one even without its token', () => {
    expect(keyPairClass('AKIAEXAMPLE0000001', false)).toBe('long-term');
    expect(keyPairClass('AKIAEXAMPLE0000001', true)).toBe('session');
    expect(keyPairClass('ASIAEXAMPLE0000001', true)).toBe('session');
    expect(keyPairClass('ASIAEXAMPLE0000001', false)).toBe('session');
    expect(keyPairClass('LOCALKEY', true)).toBe('session');
    expect(keyPairClass('LOCALKEY', false)).toBe('long-term');
  });

  // Regression: [p] with an AKIA key and aws_session_token was "MFA session" in the list and
  // "long-term" as the precedence winner.
  for (const [keyId, token] of [
    ['AKIAEXAMPLE0000001', 't'],
    ['AKIAEXAMPLE0000001', undefined],
    ['ASIAEXAMPLE0000001', 't'],
    ['LOCALKEY00000001', 't'],
    ['LOCALKEY00000001', undefined],
  ] as const) {
    it(`list and precedence agree on ${keyId.slice(0, 4)}… ${token ? 'with' : 'without'} a token`, () => {
      const text = `[p]\naws_access_key_id = ${keyId}\naws_secret_access_key = s\n${token ? `aws_session_token = ${token}\n` : ''}`;
      const [row] = buildProfiles(
        {credentials: sections(text), config: []},
        {now, warnSeconds: 900, mappings: {}},
      );
      const report = resolvePrecedence({
        now,
        warnSeconds: 900,
        env: {AWS_EC2_METADATA_DISABLED: 'true'},
        explicitProfile: 'p',
        credentialsText: text,
      });
      const cli = report.clients.find((c) => c.client === 'aws-cli-v2')!;
      expect(cli.winner.kind).toBe(row!.keyClass);
    });
  }
});
