// Every STS behaviour the project relies on, driven by the real @aws-sdk/client-sts and again by
// the real AWS CLI against an in-process sandbox (one sandbox per case, so CLI cases run concurrently).
import {describe, test, type ExpectStatic} from 'vitest';
import {messages} from '../../source/sandbox/errors.js';
import {signatureMismatchMessage} from '../../source/sandbox/sigv4.js';
import {totpStepAt} from '../../source/core/code-steps.js';
import {totpCodeAt} from '../../source/sandbox/totp.js';
import type {SandboxUser} from '../../source/sandbox/state.js';
import {awsCliMissingReason} from '../helpers/aws-cli.js';
import {startTestSandbox, useIsolatedProcessEnv, type TestSandbox} from '../helpers/sandbox.js';
import {
  cliDriver,
  cliErrorLine,
  keys,
  runAwsSts,
  sdkDriver,
  type Creds,
  type StsDriver,
} from './clients.js';

const cliMissing = awsCliMissingReason();
const cliTimeout = 120_000;
useIsolatedProcessEnv();

const session = (c: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}): Creds => ({
  accessKeyId: c.accessKeyId,
  secretAccessKey: c.secretAccessKey,
  sessionToken: c.sessionToken,
});

async function withSandbox<T>(fn: (sb: TestSandbox) => Promise<T>): Promise<T> {
  const sb = await startTestSandbox();
  try {
    return await fn(sb);
  } finally {
    await sb.close();
  }
}

/** The MFA fields of a request: the user's device and a fresh code for it. */
const mfa = (sb: TestSandbox, u: SandboxUser) => ({
  SerialNumber: u.mfaSerial!,
  TokenCode: sb.code(u),
});

/** A 6-digit code that matches none of the device's steps around now. */
function wrongCode(sb: TestSandbox, serial: string): string {
  const device = sb.state.devices.get(serial)!;
  const step = totpStepAt(sb.clock.now());
  const near = new Set([-1, 0, 1].map((d) => totpCodeAt(device.key, step + d)));
  let n = 123456;
  while (near.has(String(n))) n += 1;
  return String(n);
}

const account = '111122223333';
const arn = {
  alice: `arn:aws:iam::${account}:user/alice`,
  bob: `arn:aws:iam::${account}:user/bob`,
  admin: `arn:aws:iam::${account}:role/Admin`,
  readOnly: `arn:aws:iam::${account}:role/ReadOnly`,
  deploy: 'arn:aws:iam::444455556666:role/Deploy',
};
const denied = (who: string, role: string) =>
  `User: ${who} is not authorized to perform: sts:AssumeRole on resource: ${role}`;

type It = (name: string, fn: (ctx: {expect: ExpectStatic}) => Promise<unknown>) => void;

function cases(d: StsDriver, it: It) {
  it('GetSessionToken with a valid code returns session credentials for the asked duration', ({
    expect,
  }) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const code = sb.code(alice);
      const issuedAt = Math.floor(sb.clock.now().getTime() / 1000) * 1000;
      const r = await d.getSessionToken(sb.endpoint, keys(alice), {
        SerialNumber: alice.mfaSerial!,
        TokenCode: code,
        DurationSeconds: 3600,
      });
      expect(r).toMatchObject({ok: true});
      if (!r.ok) return;
      expect(r.value.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(r.value.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
      expect(r.value.sessionToken.length).toBeGreaterThan(100);
      expect(r.value.expiration.getTime()).toBe(issuedAt + 3600_000);
      expect(sb.state.sessions.get(r.value.accessKeyId)).toMatchObject({mfa: true});
    }));

  it('GetSessionToken lasts 43200 s by default', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const issuedAt = Math.floor(sb.clock.now().getTime() / 1000) * 1000;
      const r = await d.getSessionToken(sb.endpoint, keys(alice), mfa(sb, alice));
      expect(r.ok && r.value.expiration.getTime() - issuedAt).toBe(43200_000);
    }));

  it('the same code again is AccessDenied (a step is good once per device)', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const input = {
        ...mfa(sb, alice),
        DurationSeconds: 900,
      };
      expect((await d.getSessionToken(sb.endpoint, keys(alice), input)).ok).toBe(true);
      const again = await d.getSessionToken(sb.endpoint, keys(alice), input);
      expect(again).toMatchObject({ok: false, code: 'AccessDenied', message: messages.invalidCode});
      if (d.name === 'sdk') expect(again).toMatchObject({status: 403});
    }));

  it('a wrong code is AccessDenied', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const r = await d.getSessionToken(sb.endpoint, keys(alice), {
        SerialNumber: alice.mfaSerial!,
        TokenCode: wrongCode(sb, alice.mfaSerial!),
      });
      expect(r).toMatchObject({ok: false, code: 'AccessDenied', message: messages.invalidCode});
    }));

  it('an unknown serial, or another user’s device, is AccessDenied with the serial message', ({
    expect,
  }) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const bob = sb.user('bob');
      const [unknown, notHers] = await Promise.all([
        d.getSessionToken(sb.endpoint, keys(alice), {
          SerialNumber: `arn:aws:iam::${account}:mfa/nobody`,
          TokenCode: '123456',
        }),
        d.getSessionToken(sb.endpoint, keys(alice), mfa(sb, bob)),
      ]);
      expect(messages.unknownSerial).toContain('code.  Please');
      expect(unknown).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        message: messages.unknownSerial,
      });
      expect(notHers).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        message: messages.unknownSerial,
      });
    }));

  it('an unknown or deleted access key is InvalidClientTokenId', ({expect}) =>
    withSandbox(async (sb) => {
      const deleted = [...sb.state.deletedKeys.values()][0]!;
      const [unknown, old] = await Promise.all([
        d.getCallerIdentity(sb.endpoint, {
          accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ',
          secretAccessKey: sb.user('alice').secretAccessKey!,
        }),
        d.getSessionToken(
          sb.endpoint,
          {
            accessKeyId: deleted.accessKeyId,
            secretAccessKey: deleted.secretAccessKey,
          },
          {},
        ),
      ]);
      for (const r of [unknown, old]) {
        expect(r).toMatchObject({
          ok: false,
          code: 'InvalidClientTokenId',
          message: messages.invalidToken,
        });
      }
    }));

  it('a wrong secret is SignatureDoesNotMatch', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const r = await d.getSessionToken(
        sb.endpoint,
        {accessKeyId: alice.accessKeyId!, secretAccessKey: sb.user('bob').secretAccessKey!},
        mfa(sb, alice),
      );
      expect(r).toMatchObject({
        ok: false,
        code: 'SignatureDoesNotMatch',
        message: signatureMismatchMessage,
      });
    }));

  it('a duration above 129600 is a ValidationError', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const r = await d.getSessionToken(sb.endpoint, keys(alice), {DurationSeconds: 129601});
      expect(r).toMatchObject({
        ok: false,
        code: 'ValidationError',
        message:
          "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
      });
    }));

  it('a duration below 900 is refused (by the sandbox for the SDK, by the CLI itself)', ({
    expect,
  }) =>
    withSandbox(async (sb) => {
      const r = await d.getSessionToken(sb.endpoint, keys(sb.user('alice')), {
        DurationSeconds: 600,
      });
      if (d.name === 'sdk') {
        expect(r).toMatchObject({
          ok: false,
          code: 'ValidationError',
          status: 400,
          message:
            "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
        });
      } else {
        expect(r).toMatchObject({ok: false, code: 'ParamValidation', status: 252});
        expect(r.ok ? '' : r.message).toContain('valid min value: 900');
        expect(sb.requests).toHaveLength(0);
      }
    }));

  it('the root user’s session is cut to 3600 s, not refused', ({expect}) =>
    withSandbox(async (sb) => {
      const root = sb.user('root');
      const issuedAt = Math.floor(sb.clock.now().getTime() / 1000) * 1000;
      const r = await d.getSessionToken(sb.endpoint, keys(root), {
        ...mfa(sb, root),
        DurationSeconds: 7200,
      });
      expect(root.mfaSerial).toBe(`arn:aws:iam::${account}:mfa/root-account-mfa-device`);
      expect(r.ok && r.value.expiration.getTime() - issuedAt).toBe(3600_000);
      if (!r.ok) return;
      const who = await d.getCallerIdentity(sb.endpoint, session(r.value));
      expect(who).toEqual({
        ok: true,
        value: {Arn: `arn:aws:iam::${account}:root`, UserId: account, Account: account},
      });
    }));

  it('GetCallerIdentity with the session reports the IAM user; after expiry it is ExpiredToken', ({
    expect,
  }) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const r = await d.getSessionToken(sb.endpoint, keys(alice), {
        ...mfa(sb, alice),
        DurationSeconds: 900,
      });
      if (!r.ok) throw new Error(r.message);
      const creds = session(r.value);
      const who = await d.getCallerIdentity(sb.endpoint, creds);
      expect(who).toMatchObject({ok: true, value: {Arn: arn.alice, Account: account}});
      expect(who.ok && who.value.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);

      sb.clock.advance(899_000);
      expect((await d.getCallerIdentity(sb.endpoint, creds)).ok).toBe(true);
      sb.clock.advance(1_000);
      const late = await d.getCallerIdentity(sb.endpoint, creds);
      expect(late).toMatchObject({ok: false, code: 'ExpiredToken', message: messages.expiredToken});
      // Hours later it is still ExpiredToken, and the real clients never saw a skewed signature.
      sb.clock.advance(10 * 3600_000);
      expect(await d.getCallerIdentity(sb.endpoint, creds)).toMatchObject({code: 'ExpiredToken'});
    }));

  it('a session token that does not match its key is InvalidClientTokenId', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const r = await d.getSessionToken(sb.endpoint, keys(alice), {});
      if (!r.ok) throw new Error(r.message);
      const forged = {
        ...session(r.value),
        sessionToken: `${r.value.sessionToken.slice(0, -4)}AAAA`,
      };
      expect(await d.getCallerIdentity(sb.endpoint, forged)).toMatchObject({
        ok: false,
        code: 'InvalidClientTokenId',
        message: messages.invalidToken,
      });
    }));

  it('GetSessionToken signed with session credentials is refused', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const first = await d.getSessionToken(sb.endpoint, keys(alice), mfa(sb, alice));
      if (!first.ok) throw new Error(first.message);
      const again = await d.getSessionToken(sb.endpoint, session(first.value), mfa(sb, alice));
      expect(again).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        message: messages.sessionCredentials,
      });
    }));

  it('AssumeRole with MFA is allowed when the role trusts the caller', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const issuedAt = Math.floor(sb.clock.now().getTime() / 1000) * 1000;
      const r = await d.assumeRole(sb.endpoint, keys(alice), {
        RoleArn: arn.admin,
        RoleSessionName: 'alice-admin',
        ...mfa(sb, alice),
      });
      if (!r.ok) throw new Error(r.message);
      const assumed = `arn:aws:sts::${account}:assumed-role/Admin/alice-admin`;
      expect(r.value.arn).toBe(assumed);
      expect(r.value.assumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:alice-admin$/);
      expect(r.value.credentials.expiration.getTime() - issuedAt).toBe(3600_000);
      const who = await d.getCallerIdentity(sb.endpoint, session(r.value.credentials));
      expect(who).toEqual({
        ok: true,
        value: {Arn: assumed, UserId: r.value.assumedRoleId, Account: account},
      });
    }));

  it('AssumeRole without MFA is denied when the role requires it, allowed when not', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const [admin, readOnly] = await Promise.all([
        d.assumeRole(sb.endpoint, keys(alice), {RoleArn: arn.admin, RoleSessionName: 'no-mfa'}),
        d.assumeRole(sb.endpoint, keys(sb.user('carol')), {
          RoleArn: arn.readOnly,
          RoleSessionName: 'carol',
        }),
      ]);
      expect(admin).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        message: denied(arn.alice, arn.admin),
      });
      expect(readOnly).toMatchObject({
        ok: true,
        value: {arn: `arn:aws:sts::${account}:assumed-role/ReadOnly/carol`},
      });
    }));

  it('AssumeRole with a valid code is still denied when the role does not trust the caller', ({
    expect,
  }) =>
    withSandbox(async (sb) => {
      const bob = sb.user('bob');
      const [admin, missing] = await Promise.all([
        d.assumeRole(sb.endpoint, keys(bob), {
          RoleArn: arn.admin,
          RoleSessionName: 'bob',
          ...mfa(sb, bob),
        }),
        d.assumeRole(sb.endpoint, keys(sb.user('carol')), {
          RoleArn: `arn:aws:iam::${account}:role/NoSuchRole`,
          RoleSessionName: 'carol',
        }),
      ]);
      expect(admin).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        message: denied(arn.bob, arn.admin),
      });
      expect(missing).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        message: denied(
          `arn:aws:iam::${account}:user/carol`,
          `arn:aws:iam::${account}:role/NoSuchRole`,
        ),
      });
    }));

  it('AssumeRole with a wrong code is AccessDenied for the code', ({expect}) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const r = await d.assumeRole(sb.endpoint, keys(alice), {
        RoleArn: arn.admin,
        RoleSessionName: 'alice',
        SerialNumber: alice.mfaSerial!,
        TokenCode: wrongCode(sb, alice.mfaSerial!),
      });
      expect(r).toMatchObject({ok: false, code: 'AccessDenied', message: messages.invalidCode});
    }));

  it('an MFA session may assume an MFA role without a new code; a session without MFA may not', ({
    expect,
  }) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const [withMfa, without] = await Promise.all([
        d.getSessionToken(sb.endpoint, keys(alice), mfa(sb, alice)),
        d.getSessionToken(sb.endpoint, keys(alice), {}),
      ]);
      if (!withMfa.ok || !without.ok) throw new Error('GetSessionToken failed');
      const [allowed, refused] = await Promise.all([
        d.assumeRole(sb.endpoint, session(withMfa.value), {
          RoleArn: arn.admin,
          RoleSessionName: 'via-session',
        }),
        d.assumeRole(sb.endpoint, session(without.value), {
          RoleArn: arn.admin,
          RoleSessionName: 'via-session',
        }),
      ]);
      expect(allowed).toMatchObject({
        ok: true,
        value: {arn: `arn:aws:sts::${account}:assumed-role/Admin/via-session`},
      });
      expect(refused).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        message: denied(arn.alice, arn.admin),
      });
    }));

  it('AssumeRole beyond the role’s MaxSessionDuration is a ValidationError', ({expect}) =>
    withSandbox(async (sb) => {
      const bob = sb.user('bob');
      const r = await d.assumeRole(sb.endpoint, keys(bob), {
        RoleArn: arn.deploy,
        RoleSessionName: 'deploy',
        ...mfa(sb, bob),
        DurationSeconds: 10800,
      });
      expect(r).toMatchObject({
        ok: false,
        code: 'ValidationError',
        message: messages.roleMaxDuration,
      });
    }));

  it('role chaining is capped at one hour', ({expect}) =>
    withSandbox(async (sb) => {
      const first = await d.assumeRole(sb.endpoint, keys(sb.user('carol')), {
        RoleArn: arn.readOnly,
        RoleSessionName: 'first',
      });
      if (!first.ok) throw new Error(first.message);
      const creds = session(first.value.credentials);
      const [long, hour] = await Promise.all([
        d.assumeRole(sb.endpoint, creds, {
          RoleArn: arn.readOnly,
          RoleSessionName: 'long',
          DurationSeconds: 7200,
        }),
        d.assumeRole(sb.endpoint, creds, {
          RoleArn: arn.readOnly,
          RoleSessionName: 'hour',
          DurationSeconds: 3600,
        }),
      ]);
      expect(long).toMatchObject({
        ok: false,
        code: 'ValidationError',
        message: messages.roleChaining,
      });
      expect(hour).toMatchObject({
        ok: true,
        value: {arn: `arn:aws:sts::${account}:assumed-role/ReadOnly/hour`},
      });
    }));

  it('AssumeRole signed by a GetSessionToken session is role chaining too: one hour at most', ({
    expect,
  }) =>
    withSandbox(async (sb) => {
      const alice = sb.user('alice');
      const first = await d.getSessionToken(sb.endpoint, keys(alice), mfa(sb, alice));
      if (!first.ok) throw new Error(first.message);
      const [long, hour] = await Promise.all([
        d.assumeRole(sb.endpoint, session(first.value), {
          RoleArn: arn.admin,
          RoleSessionName: 'long',
          DurationSeconds: 7200,
        }),
        d.assumeRole(sb.endpoint, session(first.value), {
          RoleArn: arn.admin,
          RoleSessionName: 'hour',
          DurationSeconds: 3600,
        }),
      ]);
      expect(long).toMatchObject({
        ok: false,
        code: 'ValidationError',
        message: messages.roleChaining,
      });
      expect(hour).toMatchObject({ok: true});
    }));

  it('the root user may not assume a role', ({expect}) =>
    withSandbox(async (sb) => {
      const r = await d.assumeRole(sb.endpoint, keys(sb.user('root')), {
        RoleArn: arn.readOnly,
        RoleSessionName: 'root',
      });
      expect(r).toMatchObject({ok: false, code: 'AccessDenied', message: messages.rootAssumeRole});
    }));
}

describe('with @aws-sdk/client-sts', () => cases(sdkDriver, test));

describe.skipIf(cliMissing !== undefined)(
  `with the AWS CLI (/usr/bin/aws)${cliMissing ? ` — skipped: ${cliMissing}` : ''}`,
  () => {
    // Each AWS CLI run costs about a second of CPU; under a loaded parallel suite give them room.
    cases(cliDriver, (name, fn) => test.concurrent(name, fn, cliTimeout));

    test.concurrent(
      'prints the exact error line for a wrong code',
      ({expect}) =>
        withSandbox(async (sb) => {
          const alice = sb.user('alice');
          const result = await runAwsSts(sb.endpoint, keys(alice), [
            'get-session-token',
            '--serial-number',
            alice.mfaSerial!,
            '--token-code',
            wrongCode(sb, alice.mfaSerial!),
          ]);
          expect(result.code).toBe(254);
          expect(result.stderr.split('\n')).toContain(
            'An error occurred (AccessDenied) when calling the GetSessionToken operation: MultiFactorAuthentication failed with invalid MFA one time pass code.',
          );
          expect(cliErrorLine.test(result.stderr)).toBe(true);
        }),
      cliTimeout,
    );
  },
);
