// `env`'s shell code leaves exactly the exported credentials: no credential variable any client
// reads survives from before.
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {exportText} from '../../source/commands/export-lines.js';

/** What a POSIX shell's environment holds after running `code` over `env`. */
function envAfter(code: string, env: Record<string, string>): Record<string, string> {
  const r = spawnSync('sh', ['-c', `${code}\nenv`], {env: {PATH: process.env.PATH!, ...env}});
  return Object.fromEntries(
    r.stdout
      .toString()
      .split('\n')
      .filter((line) => line.startsWith('AWS_'))
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
}

// Written out, not taken from the list under test: a name dropped from it must fail here.
const STALE = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_SESSION_EXPIRATION',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'AWS_DEFAULT_PROFILE',
];

describe('exportText (sh)', () => {
  it('clears every credential variable it does not set, the Go SDK’s fallbacks included', () => {
    const stale = Object.fromEntries(STALE.map((name) => [name, 'stale']));
    const code = exportText('env', {accessKeyId: 'AKIAEXAMPLEKEY00001', secretAccessKey: 's'});
    expect(envAfter(code, {...stale, AWS_PROFILE: 'dev'})).toEqual({
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEKEY00001',
      AWS_SECRET_ACCESS_KEY: 's',
    });
  });

  it('a session keeps its token and expiry, and nothing else from before', () => {
    const stale = Object.fromEntries(STALE.map((name) => [name, 'stale']));
    const code = exportText('env', {
      accessKeyId: 'ASIAEXAMPLEKEY00001',
      secretAccessKey: 's',
      sessionToken: 't',
      expiresAt: new Date('2026-06-01T12:00:00Z'),
    });
    expect(envAfter(code, stale)).toEqual({
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEKEY00001',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
      AWS_CREDENTIAL_EXPIRATION: '2026-06-01T12:00:00Z',
    });
  });
});
