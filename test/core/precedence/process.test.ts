// credential_process links: judged by how each client starts the line (botocore without a shell,
// the JS and Go SDKs through sh), by a run when one was made, and never "used" on faith.
import {describe, expect, it} from 'vitest';
import {
  resolvePrecedence,
  type ClientId,
  type PrecedenceInput,
} from '../../../source/core/precedence/index.js';
import {directStart, programsOf, shellStart} from '../../../source/core/precedence/process-line.js';

const now = new Date('2026-06-01T12:00:00Z');

function verdicts(line: string, input: Partial<PrecedenceInput> = {}) {
  const result = resolvePrecedence({
    now,
    warnSeconds: 900,
    env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'proc'},
    configText: `[profile proc]\ncredential_process = ${line}\n`,
    ...input,
  });
  const out = {} as Record<ClientId, {status: string; code: string; link: string}>;
  for (const c of result.clients) {
    const link = c.chain.find((l) => l.source === 'custom-process')!;
    out[c.client] = {status: c.winner.status, code: c.winner.code, link: link.code};
  }
  return out;
}

describe('credential_process line', () => {
  it('splits like shlex and finds an unquoted operator', () => {
    expect(directStart(`"/opt/my tool" --a 'b c'`)).toEqual({program: '/opt/my tool'});
    expect(directStart('cat f | jq .')).toEqual({program: 'cat', operator: '|'});
    expect(directStart(`sh -c "a | b"`)).toEqual({program: 'sh'});
    expect(directStart(`tool 'open`)).toEqual({problem: 'no-closing-quotation'});
  });

  it('names the programs sh starts, builtins aside', () => {
    expect(shellStart('cat f | jq .')).toEqual({programs: ['cat', 'jq']});
    expect(shellStart('exec /x/creds.sh')).toEqual({programs: []});
    expect(shellStart('FOO=1 tool && other')).toEqual({programs: ['tool', 'other']});
    expect(shellStart('tool $(other)')).toEqual({programs: 'unknown'});
    expect(programsOf('exec /x/creds.sh')).toEqual(['exec']);
  });
});

describe('credential_process verdicts', () => {
  it('a process that was not looked at is used but not run, and says so', () => {
    const v = verdicts('/x/creds.sh');
    for (const c of Object.values(v))
      expect(c).toEqual({status: 'used', code: 'not-run', link: 'not-run'});
  });

  it('a missing program fails everywhere: botocore and Go stop, the JS SDK moves on', () => {
    const v = verdicts('/x/missing.sh', {programs: {'/x/missing.sh': 'not-found'}});
    expect(v['aws-cli-v2']).toEqual({status: 'broken', code: 'fails', link: 'fails'});
    expect(v['go-sdk-v2']).toEqual({status: 'broken', code: 'fails', link: 'fails'});
    expect(v['js-sdk-v3']).toEqual({
      status: 'broken',
      code: 'no-credentials',
      link: 'fails-moves-on',
    });
  });

  it('a pipeline or a builtin fails only without a shell', () => {
    for (const line of ['cat /x/c.json | cat', 'exec /x/creds.sh']) {
      const v = verdicts(line, {
        programs: {cat: 'found', exec: 'not-found', '/x/creds.sh': 'found'},
      });
      expect(v['aws-cli-v2'].status, line).toBe('broken');
      expect(v['aws-cli-v1/boto3'].status, line).toBe('broken');
      expect(v['js-sdk-v3'], line).toEqual({status: 'used', code: 'not-run', link: 'not-run'});
      expect(v['go-sdk-v2'], line).toEqual({status: 'used', code: 'not-run', link: 'not-run'});
    }
  });

  it('a run decides: its key, or its error', () => {
    const line = '/x/creds.sh';
    const good = resolvePrecedence({
      now,
      warnSeconds: 900,
      env: {AWS_PROFILE: 'proc'},
      configText: `[profile proc]\ncredential_process = ${line}\n`,
      processRuns: {[line]: {way: 'direct', ok: true, accessKeyIdLast4: 'PR08', expiresAt: null}},
    });
    const cli = good.clients[0];
    expect([cli.winner.code, cli.winner.accessKeyIdLast4]).toEqual(['used', 'PR08']);
    const bad = verdicts(line, {
      processRuns: {[line]: {way: 'direct', ok: false, message: 'boom'}},
    });
    expect(bad['aws-cli-v2'].status).toBe('broken');
    expect(bad['js-sdk-v3'].link).toBe('fails-moves-on');
  });
});
