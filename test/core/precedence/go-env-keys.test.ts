// The Go SDK reads AWS_ACCESS_KEY and AWS_SECRET_KEY in place of a missing AWS_ACCESS_KEY_ID or
// AWS_SECRET_ACCESS_KEY: a pair only it sees must be flagged, and no message may say every client
// ignores what the Go SDK uses.
import {describe, expect, it} from 'vitest';
import {
  conflictText,
  resolvePrecedence,
  type PrecedenceInput,
} from '../../../source/core/precedence/index.js';

const CREDS = '[dev]\naws_access_key_id = AKIADEVKEY00000003\naws_secret_access_key = s\n';

function resolve(env: Record<string, string>) {
  const result = resolvePrecedence({
    now: new Date('2026-06-01T12:00:00Z'),
    warnSeconds: 900,
    credentialsText: CREDS,
    env: {AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'dev', ...env},
  } satisfies Partial<PrecedenceInput> as PrecedenceInput);
  const sources = Object.fromEntries(result.clients.map((c) => [c.client, c.winner.source]));
  const rendered = result.conflicts.map((c) => ({code: c.code, ...conflictText(c)}));
  return {sources, rendered, goReason: result.clients.find((c) => c.client === 'go-sdk-v2')};
}

describe('environment keys only the Go SDK reads', () => {
  it('AWS_ACCESS_KEY with AWS_SECRET_ACCESS_KEY: flagged, not called ignored by every client', () => {
    const {sources, rendered} = resolve({
      AWS_ACCESS_KEY: 'AKIALEGACYNAME0005',
      AWS_SECRET_ACCESS_KEY: 's',
    });
    expect(sources['go-sdk-v2']).toBe('env');
    expect(sources['aws-cli-v2']).toBe('shared-credentials-file');
    expect(rendered.map((c) => c.code)).not.toContain('partial-env-secret');
    const c = rendered.find((r) => r.code === 'go-only-env-keys');
    expect(c?.message).toContain('AWS_ACCESS_KEY is set: only the Go SDK reads that name');
    expect(c?.message).toContain('(…0005)');
    expect(c?.fix).toContain('unset AWS_ACCESS_KEY');
  });

  it('AWS_ACCESS_KEY and AWS_SECRET_KEY alone: flagged, and following the fix ends it', () => {
    const env = {AWS_ACCESS_KEY: 'AKIALEGACYNAME0005', AWS_SECRET_KEY: 's'};
    const {sources, rendered, goReason} = resolve(env);
    expect(sources['go-sdk-v2']).toBe('env');
    const c = rendered.find((r) => r.code === 'go-only-env-keys');
    expect(c?.message).toContain('AWS_ACCESS_KEY and AWS_SECRET_KEY are set');
    // The Go chain names the variables it read, not the ones it did not.
    expect(JSON.stringify(goReason)).toContain('AWS_ACCESS_KEY (…0005) and AWS_SECRET_KEY');
    const after = resolve({});
    expect(after.sources).toEqual({
      'aws-cli-v2': 'shared-credentials-file',
      'aws-cli-v1/boto3': 'shared-credentials-file',
      'js-sdk-v3': 'shared-credentials-file',
      'go-sdk-v2': 'shared-credentials-file',
    });
  });

  it('AWS_ACCESS_KEY_ID with AWS_SECRET_KEY: the partial pair says the Go SDK pairs it', () => {
    const {sources, rendered} = resolve({
      AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004',
      AWS_SECRET_KEY: 's',
    });
    expect(sources['go-sdk-v2']).toBe('env');
    const c = rendered.find((r) => r.code === 'partial-env-keys');
    expect(c?.message).toContain('the Go SDK pairs it with AWS_SECRET_KEY');
    expect(c?.message).not.toContain('the JS and Go SDKs silently fall through');
  });

  it('the usual pair sets no Go-only conflict', () => {
    const {rendered} = resolve({
      AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004',
      AWS_SECRET_ACCESS_KEY: 's',
    });
    expect(rendered.map((c) => c.code)).not.toContain('go-only-env-keys');
  });
});

describe('an empty explicit profile', () => {
  it('the AWS CLI v2 passes over it and uses the environment keys, and the env conflicts still show', () => {
    const result = resolvePrecedence({
      now: new Date('2026-06-01T12:00:00Z'),
      warnSeconds: 900,
      credentialsText: CREDS,
      explicitProfile: '',
      env: {
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PROFILE: 'dev',
        AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004',
        AWS_SECRET_ACCESS_KEY: 's',
      },
    } satisfies Partial<PrecedenceInput> as PrecedenceInput);
    const cli = result.clients.find((c) => c.client === 'aws-cli-v2');
    expect(cli?.profile).toEqual({name: 'dev', from: 'AWS_PROFILE'});
    expect(cli?.winner.source).toBe('env');
    expect(result.conflicts.map((c) => c.code)).toContain('env-keys-beat-profile');
  });
});
