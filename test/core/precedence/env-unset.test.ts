// The `unset` a conflict's fix names must leave no credential variable that a client still reads:
// after following the fix, no client may pick the environment any more.
import {describe, expect, it} from 'vitest';
import {
  resolvePrecedence,
  type Conflict,
  type PrecedenceInput,
} from '../../../source/core/precedence/index.js';

const now = new Date('2026-06-01T12:00:00Z');
// Written out: a client missing from the result must fail the comparison.
const CLIENTS = ['aws-cli-v2', 'aws-cli-v1/boto3', 'js-sdk-v3', 'go-sdk-v2'];
const CREDS = '[dev]\naws_access_key_id = AKIADEVKEY00000003\naws_secret_access_key = s\n';

const resolve = (env: Record<string, string>) =>
  resolvePrecedence({
    now,
    warnSeconds: 900,
    credentialsText: CREDS,
    env: {AWS_EC2_METADATA_DISABLED: 'true', ...env},
  } satisfies Partial<PrecedenceInput> as PrecedenceInput);

/** The environment after running the fix's `unset`. */
function afterUnset(env: Record<string, string>, conflict: Conflict | undefined) {
  const unset = conflict && 'unset' in conflict ? conflict.unset : [];
  return Object.fromEntries(Object.entries(env).filter(([name]) => !unset.includes(name)));
}

describe('the unset in a fix names every credential variable a client reads', () => {
  it('env-keys-beat-profile with the Go SDK’s AWS_ACCESS_KEY / AWS_SECRET_KEY set too', () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT004',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_ACCESS_KEY: 'AKIALEGACYNAME0005',
      AWS_SECRET_KEY: 's',
      AWS_PROFILE: 'dev',
    };
    const before = resolve(env);
    const conflict = before.conflicts.find((c) => c.code === 'env-keys-beat-profile');
    expect(conflict).toBeDefined();
    const after = resolve(afterUnset(env, conflict));
    expect(after.clients.map((c) => [c.client, c.winner.source, c.winner.profile])).toEqual(
      CLIENTS.map((client) => [client, 'shared-credentials-file', 'dev']),
    );
  });

  it('env-session-breaks-renewal: no client keeps the environment’s session', () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'ASIASESSIONENV0005',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
      AWS_SECRET_KEY: 's',
      AWS_ACCESS_KEY: 'AKIALEGACYNAME0005',
      AWS_PROFILE: 'dev',
    };
    const conflict = resolve(env).conflicts.find((c) => c.code === 'env-session-breaks-renewal');
    const after = resolve(afterUnset(env, conflict));
    expect(after.clients.filter((c) => c.winner.source === 'env')).toEqual([]);
  });
});
