// IAM ListMFADevices on the sandbox, driven by the real @aws-sdk/client-iam and the real AWS CLI.
import {IAMClient, ListMFADevicesCommand} from '@aws-sdk/client-iam';
import {AssumeRoleCommand, GetSessionTokenCommand, STSClient} from '@aws-sdk/client-sts';
import {request as httpRequest} from 'node:http';
import {Hash} from '@smithy/hash-node';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {describe, expect, it} from 'vitest';
import {iamMessages} from '../../source/sandbox/iam.js';
import type {SandboxUser} from '../../source/sandbox/state.js';
import {awsCliMissingReason} from '../helpers/aws-cli.js';
import {discoveryAccount, discoveryState, serialOf} from '../helpers/mfa-state.js';
import {useIsolatedProcessEnv, useTestSandbox} from '../helpers/sandbox.js';
import {keys, runAwsWith, type Creds} from './clients.js';

useIsolatedProcessEnv();
const sb = useTestSandbox({state: discoveryState()});

const iam = (creds: Creds) =>
  new IAMClient({credentials: creds, region: 'us-east-1', endpoint: sb.endpoint, maxAttempts: 1});
const sts = (creds: Creds) =>
  new STSClient({credentials: creds, region: 'us-east-1', endpoint: sb.endpoint, maxAttempts: 1});

async function list(
  creds: Creds,
  input: {UserName?: string; MaxItems?: number; Marker?: string} = {},
) {
  try {
    const out = await iam(creds).send(new ListMFADevicesCommand(input));
    return {ok: true as const, out};
  } catch (error) {
    const e = error as {name: string; message: string; $metadata?: {httpStatusCode?: number}};
    return {
      ok: false as const,
      code: e.name,
      message: e.message,
      status: e.$metadata?.httpStatusCode,
    };
  }
}

/** A form POST signed for `service`, sent as is: how a client aimed at the wrong service would call. */
async function signedPost(creds: Creds, service: string, body: string) {
  const url = new URL(sb.endpoint);
  const signer = new SignatureV4({
    credentials: creds,
    region: 'us-east-1',
    service,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: {host: url.host, 'content-type': 'application/x-www-form-urlencoded'},
      body,
    }),
  );
  return new Promise<{status: number; body: string}>((resolve, reject) => {
    const req = httpRequest(
      {host: url.hostname, port: url.port, method: 'POST', path: '/', headers: signed.headers},
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({status: res.statusCode ?? 0, body: text}));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('ListMFADevices with @aws-sdk/client-iam', () => {
  it('lists the caller’s own devices: none, one, two', async () => {
    const [none, one, two] = await Promise.all(
      ['none', 'one', 'two'].map((u) => list(keys(sb.user(u)))),
    );
    expect(none.ok && none.out.MFADevices).toEqual([]);
    expect(none.ok && none.out.IsTruncated).toBe(false);
    expect(one.ok && one.out.MFADevices).toEqual([
      {
        UserName: 'one',
        SerialNumber: serialOf('one'),
        EnableDate: new Date('2025-03-04T05:06:07Z'),
      },
    ]);
    expect(two.ok && two.out.MFADevices?.map((d) => d.SerialNumber)).toEqual([
      serialOf('two-phone'),
      serialOf('two-yubikey'),
    ]);
  });

  it('pages with MaxItems and Marker', async () => {
    const creds = keys(sb.user('two'));
    const first = await list(creds, {MaxItems: 1});
    if (!first.ok) throw new Error(first.message);
    expect(first.out.IsTruncated).toBe(true);
    expect(first.out.MFADevices?.map((d) => d.SerialNumber)).toEqual([serialOf('two-phone')]);
    const second = await list(creds, {MaxItems: 1, Marker: first.out.Marker});
    expect(second.ok && second.out.MFADevices?.map((d) => d.SerialNumber)).toEqual([
      serialOf('two-yubikey'),
    ]);
    expect(second.ok && second.out.IsTruncated).toBe(false);
    expect(await list(creds, {Marker: 'bm90IGEgbWFya2Vy'})).toMatchObject({
      ok: false,
      code: 'ValidationError',
    });
    expect(await list(creds, {MaxItems: 0})).toMatchObject({
      ok: false,
      code: 'ValidationError',
      status: 400,
    });
  });

  it('UserName: another user is AccessDenied, an unknown one NoSuchEntity, the root user may list anyone', async () => {
    const one = keys(sb.user('one'));
    expect(await list(one, {UserName: 'two'})).toMatchObject({
      ok: false,
      code: 'AccessDenied',
      status: 403,
      message: iamMessages.notAuthorized(
        {
          kind: 'user',
          name: 'one',
          accountId: discoveryAccount,
          arn: sb.user('one').arn,
          userId: '',
        },
        'two',
      ),
    });
    expect(await list(one, {UserName: 'ghost'})).toMatchObject({
      ok: false,
      // The SDK names the wire code NoSuchEntity after its model's NoSuchEntityException.
      code: 'NoSuchEntityException',
      status: 404,
      message: iamMessages.noSuchUser('ghost'),
    });
    const root = await list(keys(sb.user('root')), {UserName: 'two'});
    expect(root.ok && root.out.MFADevices?.length).toBe(2);
    const own = await list(keys(sb.user('root')));
    expect(own.ok && own.out.MFADevices?.map((d) => d.SerialNumber)).toEqual([
      serialOf('root-account-mfa-device'),
    ]);
  });

  it('a GetSessionToken session lists its user’s devices; a role session must name a user', async () => {
    const user = sb.user('one');
    const session = await sts(keys(user)).send(
      new GetSessionTokenCommand({SerialNumber: user.mfaSerial!, TokenCode: sb.code(user)}),
    );
    const sessionCreds = {
      accessKeyId: session.Credentials!.AccessKeyId!,
      secretAccessKey: session.Credentials!.SecretAccessKey!,
      sessionToken: session.Credentials!.SessionToken!,
    };
    const viaSession = await list(sessionCreds);
    expect(viaSession.ok && viaSession.out.MFADevices?.map((d) => d.SerialNumber)).toEqual([
      serialOf('one'),
    ]);

    const role = await sts(keys(sb.user('none'))).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${discoveryAccount}:role/Reader`,
        RoleSessionName: 'reader',
      }),
    );
    const viaRole = await list({
      accessKeyId: role.Credentials!.AccessKeyId!,
      secretAccessKey: role.Credentials!.SecretAccessKey!,
      sessionToken: role.Credentials!.SessionToken!,
    });
    expect(viaRole).toMatchObject({
      ok: false,
      code: 'ValidationError',
      message: iamMessages.userNameRequired,
    });
  });

  it('tells IAM from STS by the signature’s service: IAM’s action signed for sts is unknown to STS', async () => {
    const user = keys(sb.user('one'));
    expect(await list({...user, secretAccessKey: 'x'.repeat(40)})).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    const asSts = await signedPost(user, 'sts', 'Action=ListMFADevices&Version=2010-05-08');
    expect(asSts.status).toBe(400);
    expect(asSts.body).toContain('<Code>InvalidAction</Code>');
    expect(asSts.body).toContain('https://sts.amazonaws.com/doc/2011-06-15/');
    const asIam = await signedPost(user, 'iam', 'Action=ListMFADevices&Version=2010-05-08');
    expect(asIam.status).toBe(200);
    expect(asIam.body).toContain(
      '<ListMFADevicesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">',
    );
    expect(asIam.body).toMatch(/<MFADevices>\s*<member>\s*<UserName>one<\/UserName>/);
    const other = await signedPost(user, 'iam', 'Action=CreateUser&Version=2010-05-08&UserName=x');
    expect(other.body).toContain('<Code>InvalidAction</Code>');
  });
});

const cliMissing = awsCliMissingReason();

describe.skipIf(cliMissing !== undefined)('ListMFADevices with the AWS CLI (/usr/bin/aws)', () => {
  const cli = (user: SandboxUser, args: string[] = []) =>
    runAwsWith(sb.endpoint, keys(user), ['iam', 'list-mfa-devices', ...args]);

  it.concurrent(
    'parses none, one and two devices (following pages), and prints IAM’s errors',
    async () => {
      const [none, one, two, paged, denied] = await Promise.all([
        cli(sb.user('none')),
        cli(sb.user('one')),
        cli(sb.user('two')),
        cli(sb.user('two'), ['--max-items', '1']),
        cli(sb.user('one'), ['--user-name', 'two']),
      ]);
      expect(none.stderr).toBe('');
      expect(JSON.parse(none.stdout).MFADevices).toEqual([]);
      expect(JSON.parse(one.stdout).MFADevices).toEqual([
        {UserName: 'one', SerialNumber: serialOf('one'), EnableDate: '2025-03-04T05:06:07+00:00'},
      ]);
      expect(
        JSON.parse(two.stdout).MFADevices.map((d: {SerialNumber: string}) => d.SerialNumber),
      ).toEqual([serialOf('two-phone'), serialOf('two-yubikey')]);
      // The CLI's paginator asks with MaxItems and hands back its own NextToken.
      const page = JSON.parse(paged.stdout);
      expect(page.MFADevices).toHaveLength(1);
      expect(page.NextToken).toBeTruthy();
      expect(denied.code).toBe(254);
      expect(denied.stderr).toContain(
        'An error occurred (AccessDenied) when calling the ListMFADevices operation: User: arn:aws:iam::123456789012:user/one is not authorized to perform: iam:ListMFADevices on resource: user two',
      );
    },
    120_000,
  );
});
