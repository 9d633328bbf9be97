// IAM's access-key operations on the sandbox, driven by the real @aws-sdk/client-iam and AWS CLI:
// the two-key limit, IAM's errors, and STS refusing a key once it is deleted or made Inactive.
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {describe, expect, it} from 'vitest';
import {iamMessages} from '../../source/sandbox/iam.js';
import {messages} from '../../source/sandbox/errors.js';
import {awsCliMissingReason} from '../helpers/aws-cli.js';
import {useIsolatedProcessEnv, useTestSandbox} from '../helpers/sandbox.js';
import {keys, runAwsWith, type Creds} from './clients.js';

useIsolatedProcessEnv();
const sb = useTestSandbox({each: true});

const keysOf = (name: string) => keys(sb.user(name));
const client = {region: 'us-east-1', maxAttempts: 1};
const iam = (credentials: Creds) => new IAMClient({...client, credentials, endpoint: sb.endpoint});
const sts = (credentials: Creds) => new STSClient({...client, credentials, endpoint: sb.endpoint});

/** The error's code and HTTP status, or 'ok'. */
async function outcome(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (error) {
    const e = error as {name: string; message: string; $metadata?: {httpStatusCode?: number}};
    return {code: e.name, status: e.$metadata?.httpStatusCode, message: e.message};
  }
}

describe('access keys with @aws-sdk/client-iam', () => {
  it('lists, creates up to two, deactivates and deletes; STS refuses a dead key', async () => {
    const bob = keysOf('bob');
    const listed = await iam(bob).send(new ListAccessKeysCommand({}));
    expect(listed.AccessKeyMetadata).toEqual([
      {
        UserName: 'bob',
        AccessKeyId: bob.accessKeyId,
        Status: 'Active',
        CreateDate: new Date('2024-01-01T00:00:00Z'),
      },
    ]);
    expect(listed.IsTruncated).toBe(false);

    const made = (await iam(bob).send(new CreateAccessKeyCommand({}))).AccessKey!;
    expect(made.UserName).toBe('bob');
    expect(made.Status).toBe('Active');
    expect(made.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(made.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    const fresh = {accessKeyId: made.AccessKeyId!, secretAccessKey: made.SecretAccessKey!};
    const who = await sts(fresh).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(sb.user('bob').arn);

    expect(await outcome(iam(fresh).send(new CreateAccessKeyCommand({})))).toEqual({
      code: 'LimitExceededException',
      status: 409,
      message: iamMessages.keyLimit,
    });

    await iam(fresh).send(
      new UpdateAccessKeyCommand({AccessKeyId: bob.accessKeyId, Status: 'Inactive'}),
    );
    const refused = {code: 'InvalidClientTokenId', status: 403, message: messages.invalidToken};
    expect(await outcome(sts(bob).send(new GetCallerIdentityCommand({})))).toEqual(refused);
    await iam(fresh).send(
      new UpdateAccessKeyCommand({AccessKeyId: bob.accessKeyId, Status: 'Active'}),
    );
    expect(await outcome(sts(bob).send(new GetCallerIdentityCommand({})))).toBe('ok');

    await iam(fresh).send(new DeleteAccessKeyCommand({AccessKeyId: bob.accessKeyId}));
    expect(await outcome(sts(bob).send(new GetCallerIdentityCommand({})))).toEqual(refused);
    const after = await iam(fresh).send(new ListAccessKeysCommand({UserName: 'bob'}));
    expect(after.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([fresh.accessKeyId]);
  });

  it('answers IAM’s errors: unknown key, another user’s key, a bad status, someone else', async () => {
    const bob = keysOf('bob');
    const alice = keysOf('alice');
    expect(
      await outcome(iam(bob).send(new DeleteAccessKeyCommand({AccessKeyId: alice.accessKeyId}))),
    ).toEqual({
      code: 'NoSuchEntityException',
      status: 404,
      message: iamMessages.noSuchKey(alice.accessKeyId),
    });
    expect(
      await outcome(
        iam(bob).send(
          new UpdateAccessKeyCommand({AccessKeyId: 'AKIA0000000000000000', Status: 'Inactive'}),
        ),
      ),
    ).toMatchObject({code: 'NoSuchEntityException', status: 404});
    expect(
      await outcome(
        iam(bob).send(
          new UpdateAccessKeyCommand({AccessKeyId: bob.accessKeyId, Status: 'Sleepy' as 'Active'}),
        ),
      ),
    ).toEqual({
      code: 'ValidationError',
      status: 400,
      message:
        "1 validation error detected: Value 'Sleepy' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    });
    expect(await outcome(iam(bob).send(new ListAccessKeysCommand({UserName: 'alice'})))).toEqual({
      code: 'AccessDenied',
      status: 403,
      message: iamMessages.notAuthorized(sb.state.principals[2]!, 'alice', 'ListAccessKeys'),
    });
    // alice's old demo key is deleted: it neither counts against the limit nor works.
    const old = sb.state.deletedKeyOf(sb.state.principals.find((p) => p.name === 'alice')!)!;
    expect(await outcome(iam(alice).send(new CreateAccessKeyCommand({})))).toBe('ok');
    expect(
      await outcome(
        sts({accessKeyId: old.accessKeyId, secretAccessKey: old.secretAccessKey}).send(
          new GetCallerIdentityCommand({}),
        ),
      ),
    ).toMatchObject({code: 'InvalidClientTokenId'});
  });

  it('a new key is refused until it has settled, as at AWS', async () => {
    sb.delayNewKeys(5000);
    const made = (await iam(keysOf('bob')).send(new CreateAccessKeyCommand({}))).AccessKey!;
    const fresh = {accessKeyId: made.AccessKeyId!, secretAccessKey: made.SecretAccessKey!};
    expect(await outcome(sts(fresh).send(new GetCallerIdentityCommand({})))).toMatchObject({
      code: 'InvalidClientTokenId',
    });
    sb.clock.advance(5000);
    expect(await outcome(sts(fresh).send(new GetCallerIdentityCommand({})))).toBe('ok');
  });

  it('refuses an action once when told to (failure injection)', async () => {
    sb.refuseNext('DeleteAccessKey', 'AccessDenied', 'denied');
    const bob = keysOf('bob');
    expect(
      await outcome(iam(bob).send(new DeleteAccessKeyCommand({AccessKeyId: bob.accessKeyId}))),
    ).toMatchObject({code: 'AccessDenied', status: 403});
    expect(sb.state.longTermKeys.has(bob.accessKeyId)).toBe(true);
    // Once: the next DeleteAccessKey is answered as usual.
    await iam(bob).send(new DeleteAccessKeyCommand({AccessKeyId: bob.accessKeyId}));
    expect(sb.state.longTermKeys.has(bob.accessKeyId)).toBe(false);
  });
});

const cliMissing = awsCliMissingReason();

describe.skipIf(cliMissing !== undefined)('access keys with the AWS CLI (/usr/bin/aws)', () => {
  const cli = (creds: Creds, args: string[]) => runAwsWith(sb.endpoint, creds, args);

  it('list, create, update, delete; the deleted key is refused by STS', async () => {
    const bob = keysOf('bob');
    const listed = await cli(bob, ['iam', 'list-access-keys']);
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout).AccessKeyMetadata).toEqual([
      {
        UserName: 'bob',
        AccessKeyId: bob.accessKeyId,
        Status: 'Active',
        CreateDate: '2024-01-01T00:00:00+00:00',
      },
    ]);
    const created = await cli(bob, ['iam', 'create-access-key']);
    expect(created.stderr).toBe('');
    const made = JSON.parse(created.stdout).AccessKey;
    const fresh = {accessKeyId: made.AccessKeyId, secretAccessKey: made.SecretAccessKey};
    const limit = await cli(fresh, ['iam', 'create-access-key']);
    expect(limit.code).toBe(254);
    expect(limit.stderr).toContain(
      `An error occurred (LimitExceeded) when calling the CreateAccessKey operation: ${iamMessages.keyLimit}`,
    );
    const update = ['iam', 'update-access-key', '--access-key-id', bob.accessKeyId];
    expect((await cli(fresh, [...update, '--status', 'Inactive'])).code).toBe(0);
    const del = await cli(fresh, ['iam', 'delete-access-key', '--access-key-id', bob.accessKeyId]);
    expect(del).toMatchObject({code: 0, stdout: ''});
    const old = await cli(bob, ['sts', 'get-caller-identity']);
    expect(old.code).toBe(254);
    expect(old.stderr).toContain('(InvalidClientTokenId)');
    const again = await cli(fresh, [
      'iam',
      'delete-access-key',
      '--access-key-id',
      bob.accessKeyId,
    ]);
    expect(again.stderr).toContain(
      `(NoSuchEntity) when calling the DeleteAccessKey operation: ${iamMessages.noSuchKey(bob.accessKeyId)}`,
    );
  }, 120_000);
});
