// IAM's answers are read against the same field shapes as STS's: a server on 127.0.0.1 answers
// 200 in IAM's XML, and a field that is missing or misshapen makes the call not-an-answer.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {callAws} from '../../source/app/aws-call.js';
import {resolveSdkSettings, type Endpoint} from '../../source/aws/endpoint.js';
import {createAccessKey, listAccessKeys, listMfaDevices} from '../../source/aws/iam.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

/** An IAM endpoint whose every answer is `result` inside the operation's response. */
async function iamAnswering(operation: string, result: string): Promise<Endpoint> {
  const xml =
    `<${operation}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">` +
    `<${operation}Result>${result}</${operation}Result>` +
    `<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${operation}Response>`;
  server = createServer((req, res) => {
    req.resume().on('end', () => res.writeHead(200, {'content-type': 'text/xml'}).end(xml));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {url, region: 'us-east-1', sdk: resolveSdkSettings({}), deadlineMs: 5000};
}

const credentials = {accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'c2VjcmV0'};
const keyId = 'AKIAIOSFODNN7NEWKEY1';
const serial = 'arn:aws:iam::123456789012:mfa/alice';

const device = (serialNumber: string, user = 'alice') =>
  `<MFADevices><member><UserName>${user}</UserName><SerialNumber>${serialNumber}</SerialNumber>` +
  `<EnableDate>2024-01-01T00:00:00Z</EnableDate></member></MFADevices><IsTruncated>false</IsTruncated>`;
const listedKey = (id: string, status = 'Active') =>
  `<AccessKeyMetadata><member><AccessKeyId>${id}</AccessKeyId><Status>${status}</Status>` +
  `<CreateDate>2024-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata><IsTruncated>false</IsTruncated>`;
const newKey = (id: string, secret: string) =>
  `<AccessKey><UserName>alice</UserName><AccessKeyId>${id}</AccessKeyId><Status>Active</Status>` +
  `<SecretAccessKey>${secret}</SecretAccessKey></AccessKey>`;

const calls = {
  ListMFADevices: listMfaDevices,
  ListAccessKeys: listAccessKeys,
  CreateAccessKey: createAccessKey,
} as const;

async function outcome(operation: keyof typeof calls, result: string) {
  const endpoint = await iamAnswering(operation, result);
  const call: () => Promise<unknown> = () => calls[operation](credentials, endpoint);
  const r = await callAws({operation, endpoint}, call);
  return r.ok ? r.value : r.error.code;
}

describe('IAM answers as AWS makes them are read', () => {
  const at = new Date('2024-01-01T00:00:00Z');
  it('ListMFADevices', async () => {
    expect(await outcome('ListMFADevices', device(serial))).toEqual([
      {serial, userName: 'alice', enabledAt: at},
    ]);
  });
  it('ListAccessKeys', async () => {
    expect(await outcome('ListAccessKeys', listedKey(keyId))).toEqual([
      {accessKeyId: keyId, status: 'Active', createdAt: at},
    ]);
  });
  it('CreateAccessKey', async () => {
    expect(await outcome('CreateAccessKey', newKey(keyId, 'c2VjcmV0+/='))).toEqual({
      accessKeyId: keyId,
      secretAccessKey: 'c2VjcmV0+/=',
      createdAt: undefined,
    });
  });
});

describe('a misshapen IAM answer is not an answer', () => {
  const cases: [keyof typeof calls, string, string][] = [
    ['ListMFADevices', 'a device without a serial', device('')],
    ['ListMFADevices', 'a serial with a line break', device(`${serial}\nregion = x`)],
    ['ListMFADevices', 'a user name with an escape', device(serial, 'alice\u001b[2J')],
    ['ListAccessKeys', 'a key id with a space', listedKey('AKIA EXAMPLE EXAMPLE')],
    ['ListAccessKeys', 'an unknown status', listedKey(keyId, 'Gone')],
    ['CreateAccessKey', 'no key', ''],
    ['CreateAccessKey', 'an empty secret', newKey(keyId, '')],
    ['CreateAccessKey', 'a secret with a line break', newKey(keyId, 'c2Vj\n[x]')],
    ['CreateAccessKey', 'a key id with quotes', newKey(`AKIA'"EXAMPLE"'12345`, 'c2VjcmV0')],
  ];
  for (const [operation, name, result] of cases) {
    it(`${operation}: ${name}`, async () => {
      expect(await outcome(operation, result)).toBe('endpoint-not-an-answer');
    });
  }
});
