// The HTTP surface: headers, unsigned and unknown requests, clock skew as each real client meets it,
// and throttling with the SDK's retries.
import {request} from 'node:http';
import {GetCallerIdentityCommand, GetSessionTokenCommand} from '@aws-sdk/client-sts';
import {Hash} from '@smithy/hash-node';
import {HttpRequest} from '@smithy/protocol-http';
import {SignatureV4} from '@smithy/signature-v4';
import {describe, expect, test} from 'vitest';
import {messages} from '../../source/sandbox/errors.js';
import {awsCliMissingReason} from '../helpers/aws-cli.js';
import {useIsolatedProcessEnv, useTestSandbox} from '../helpers/sandbox.js';
import {cliErrorLine, client, keys, runAwsSts} from './clients.js';

const cliMissing = awsCliMissingReason();
useIsolatedProcessEnv();
const sb = useTestSandbox({each: true});

type Reply = {status: number; rawHeaders: string[]; body: string};

async function post(
  body: string,
  sign: boolean,
  extra: Record<string, string> = {},
): Promise<Reply> {
  const url = new URL(sb.endpoint);
  let headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    ...extra,
  };
  if (sign) {
    const alice = sb.user('alice');
    const signer = new SignatureV4({
      service: 'sts',
      region: 'us-east-1',
      sha256: Hash.bind(null, 'sha256'),
      credentials: keys(alice),
    });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers,
        body,
      }),
    );
    headers = signed.headers;
  }
  return new Promise((resolve, reject) => {
    const req = request(sb.endpoint, {method: 'POST', headers}, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () =>
        resolve({status: res.statusCode!, rawHeaders: res.rawHeaders, body: text}),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const headerValues = (reply: Reply, name: string) =>
  reply.rawHeaders.filter((_, i) => i % 2 === 1 && reply.rawHeaders[i - 1].toLowerCase() === name);

describe('sandbox HTTP', () => {
  test('answers with x-amzn-RequestId, text/xml and exactly one Date header, from the signing clock', async () => {
    sb.signingClock.offsetMs = 7 * 60_000;
    const reply = await post('Action=GetCallerIdentity&Version=2011-06-15', true);
    expect(reply.status).toBe(200);
    const [requestId] = headerValues(reply, 'x-amzn-requestid');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.body).toContain(`<RequestId>${requestId}</RequestId>`);
    expect(headerValues(reply, 'content-type')).toEqual(['text/xml']);
    const dates = headerValues(reply, 'date');
    expect(dates).toHaveLength(1);
    const skew = Date.parse(dates[0]) - Date.now();
    expect(Math.abs(skew - 7 * 60_000)).toBeLessThan(60_000);
    expect(reply.body).toContain(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
    );
    expect(reply.body).toContain('<Arn>arn:aws:iam::111122223333:user/alice</Arn>');
  });

  test('an unsigned request is MissingAuthenticationToken; an unknown action is InvalidAction', async () => {
    const unsigned = await post('Action=GetCallerIdentity&Version=2011-06-15', false);
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(unsigned.body).toContain(`<Message>${messages.missingAuth}</Message>`);
    const unknown = await post('Action=GetFederationToken&Version=2011-06-15', true);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<Code>InvalidAction</Code>');
    expect(unknown.body).toMatch(/<ErrorResponse [^>]+>\s*<Error>\s*<Type>Sender<\/Type>/);
  });

  test('a header named __proto__ or constructor is a header like any other', async () => {
    const named = (name: string) => Object.fromEntries([[name, 'x']]);
    const unsigned = await post(
      'Action=GetCallerIdentity&Version=2011-06-15',
      false,
      named('__proto__'),
    );
    expect(unsigned.body).toContain('<Code>MissingAuthenticationToken</Code>');
    for (const name of ['__proto__', 'constructor']) {
      const signed = await post('Action=GetCallerIdentity&Version=2011-06-15', true, named(name));
      expect(signed.status).toBe(200);
    }
  });

  test('a body over 1 MiB is RequestEntityTooLarge, answered once it is read, and not logged', async () => {
    const reply = await post(
      `Action=GetCallerIdentity&Version=2011-06-15&x=${'a'.repeat(1 << 20)}`,
      false,
    );
    expect(reply.status).toBe(413);
    expect(reply.body).toContain('<Code>RequestEntityTooLarge</Code>');
    expect(reply.body).toMatch(/<Type>Sender<\/Type>/);
    expect(sb.requests).toEqual([]);
    const next = await post('Action=GetCallerIdentity&Version=2011-06-15', true);
    expect(next.status).toBe(200);
  });

  test('a client 20 minutes fast: the SDK corrects its clock from the Date header and retries', async () => {
    sb.signingClock.offsetMs = -20 * 60_000;
    const alice = sb.user('alice');
    const out = await client(sb.endpoint, keys(alice)).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(alice.arn);
    expect(out.$metadata.attempts).toBe(2);
    expect(sb.requests.map((r) => r.errorCode ?? r.status)).toEqual(['SignatureDoesNotMatch', 200]);
  });

  test.skipIf(cliMissing !== undefined)(
    `a client 20 minutes fast: the AWS CLI fails with "Signature not yet current"${cliMissing ? ` (skipped: ${cliMissing})` : ''}`,
    async () => {
      sb.signingClock.offsetMs = -20 * 60_000;
      const alice = sb.user('alice');
      const result = await runAwsSts(sb.endpoint, keys(alice), ['get-caller-identity']);
      expect(result.code).toBe(254);
      const line = cliErrorLine.exec(result.stderr);
      expect(line?.[1]).toBe('SignatureDoesNotMatch');
      expect(line?.[3]).toMatch(
        /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
      );
    },
    60_000,
  );

  test.skipIf(cliMissing !== undefined)(
    `a client 20 minutes slow: the AWS CLI fails with "Signature expired"${cliMissing ? ` (skipped: ${cliMissing})` : ''}`,
    async () => {
      sb.signingClock.offsetMs = 20 * 60_000;
      const alice = sb.user('alice');
      const result = await runAwsSts(sb.endpoint, keys(alice), ['get-caller-identity']);
      expect(result.code).toBe(254);
      expect(result.stderr).toMatch(
        /^An error occurred \(SignatureDoesNotMatch\) when calling the GetCallerIdentity operation: Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/m,
      );
    },
    60_000,
  );

  test('a malformed TokenCode is a ValidationError that never echoes the code', async () => {
    const alice = sb.user('alice');
    const error = await client(sb.endpoint, keys(alice))
      .send(new GetSessionTokenCommand({SerialNumber: alice.mfaSerial!, TokenCode: '98765'}))
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    });
  });

  test('the test helper hands out a fresh code each time, moving sandbox time when the window is spent', async () => {
    const alice = sb.user('alice');
    const sts = client(sb.endpoint, keys(alice));
    const before = sb.clock.now().getTime();
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const TokenCode = sb.code('alice');
      codes.push(TokenCode);
      await sts.send(new GetSessionTokenCommand({SerialNumber: alice.mfaSerial!, TokenCode}));
    }
    expect(new Set(codes).size).toBe(4);
    expect(sb.clock.now().getTime()).toBeGreaterThan(before);
    expect(sb.code(alice.mfaSerial!)).toMatch(/^\d{6}$/);
  });

  test('Throttling is retried by the SDK (3 attempts in all), then reported', async () => {
    const alice = sb.user('alice');
    const sts = client(sb.endpoint, keys(alice));
    sb.throttleNext(2);
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    sb.throttleNext(3);
    const error = await sts
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e as Error & {$metadata: {attempts: number; httpStatusCode: number}});
    expect(error).toMatchObject({
      name: 'Throttling',
      message: messages.throttled,
      $metadata: {attempts: 3, httpStatusCode: 400},
    });
  });
});
