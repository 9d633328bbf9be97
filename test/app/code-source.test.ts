// Every surface's code is checked once where the renewal takes it (codeOf), and every command
// takes its code from the same sources in the same order (codeCommand).
import {describe, expect, it} from 'vitest';
import {codeOf, type CodeNeed} from '../../source/app/renew-types.js';
import {codeCommand} from '../../source/commands/code-input.js';
import {ok} from '../../source/core/errors.js';

const need: CodeNeed = {
  profile: 'default',
  source: 'default',
  target: 'mfa',
  serial: 'arn:aws:iam::123456789012:mfa/alice',
  mfaProcess: 'ykman oath accounts code --single aws',
};

describe('codeOf', () => {
  it('normalises a code given as text or by a source', async () => {
    expect(await codeOf(' 123 456 ', need)).toEqual({ok: true, value: '123456'});
    expect(await codeOf(async () => ok('123\u00a0456'), need)).toEqual({ok: true, value: '123456'});
  });

  it.each(['12345', '1) 654321', '123456789'])('refuses %j from any surface', async (code) => {
    for (const source of [code, async () => ok(code)]) {
      const r = await codeOf(source, need);
      expect(r.ok ? undefined : r.error.code).toBe('mfa-code-malformed');
    }
  });
});

describe('codeCommand', () => {
  it('--code first (no command), then --code-from, then the profile’s mfa_process', () => {
    expect(codeCommand({code: '123456', codeFrom: 'cmd'}, need)).toBeUndefined();
    expect(codeCommand({codeFrom: 'cmd'}, need)).toBe('cmd');
    expect(codeCommand({}, need)).toBe(need.mfaProcess);
    expect(codeCommand({}, {...need, mfaProcess: undefined})).toBeUndefined();
  });
});
