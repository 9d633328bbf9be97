// Endpoints that misbehave, on real sockets: `renew` and `whoami` end within their deadline, send a
// one-time code once, write nothing, and say what happened (no answer, not an answer, too large).
import {afterEach, describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {createServer, type AddressInfo, type Socket} from 'node:net';
import {callAws} from '../../source/app/aws-call.js';
import {resolveSdkSettings, type Endpoint} from '../../source/aws/endpoint.js';
import {getCallerIdentity, getSessionToken} from '../../source/aws/sts.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

type Behaviour =
  | 'stall'
  | 'close'
  | 'drip-head'
  | 'drip-body'
  | 'stream'
  | 'html'
  | 'empty'
  | 'hostile-key'
  | 'empty-identity';

const keyId = 'AKIAIOSFODNN7EXAMPLE';
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const code = '123456';

/** A GetSessionToken answer in STS's own XML, whose access key id is `accessKeyId`. */
const sessionXml = (accessKeyId: string) =>
  `<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetSessionTokenResult><Credentials>` +
  `<AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>c2VjcmV0</SecretAccessKey>` +
  `<SessionToken>dG9rZW4=</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>` +
  `</Credentials></GetSessionTokenResult></GetSessionTokenResponse>`;
const hostileKeyId = `ASIA';touch /tmp/pwned;'&amp;calc&amp;"$(id)"%PATH%`;
const emptyIdentityXml =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<Arn></Arn><UserId></UserId><Account></Account></GetCallerIdentityResult></GetCallerIdentityResponse>';

const head = (type: string | undefined, length?: number) =>
  `HTTP/1.1 200 OK\r\n${type ? `Content-Type: ${type}\r\n` : ''}` +
  `${length === undefined ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`}\r\n\r\n`;
const whole = (type: string | undefined, body: string) =>
  head(type, Buffer.byteLength(body)) + body;

/** Writes `text` one byte a second, for as long as the socket is open. */
function drip(socket: Socket, text: string) {
  let i = 0;
  const timer = setInterval(() => socket.write(text[i++ % text.length]!), 1000);
  socket.once('close', () => clearInterval(timer));
}

/** An answer that never ends: 64 KiB chunks as fast as the client takes them. */
function stream(socket: Socket) {
  socket.write(head('text/xml'));
  const chunk = `10000\r\n${'<'.repeat(0x10000)}\r\n`;
  const pump = () => {
    while (!socket.destroyed && socket.write(chunk));
    if (!socket.destroyed) socket.once('drain', pump);
  };
  pump();
}

const behaviours: Record<Behaviour, (socket: Socket) => void> = {
  stall: () => {},
  close: (socket) => socket.destroy(),
  'drip-head': (socket) => drip(socket, whole('text/xml', sessionXml('ASIAEXAMPLEEXAMPLE12'))),
  'drip-body': (socket) => {
    socket.write(head('text/xml', 100_000));
    drip(socket, sessionXml('ASIAEXAMPLEEXAMPLE12'));
  },
  stream,
  html: (socket) =>
    socket.write(
      whole('text/html; charset=utf-8', '<html><body>Sign in to the Wi-Fi</body></html>'),
    ),
  empty: (socket) => socket.write(whole(undefined, '')),
  'hostile-key': (socket) => socket.write(whole('text/xml', sessionXml(hostileKeyId))),
  'empty-identity': (socket) => socket.write(whole('text/xml', emptyIdentityXml)),
};

type Server = {url: string; bodies: string[]; close(): Promise<void>};

/** A server on 127.0.0.1 that reads each HTTP request whole, keeps its body, then misbehaves. */
async function hostileEndpoint(behaviour: Behaviour): Promise<Server> {
  const bodies: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    socket.on('data', (data) => {
      buffer += data.toString('latin1');
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(buffer.slice(0, end))?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      bodies.push(buffer.slice(end + 4, end + 4 + length));
      buffer = buffer.slice(end + 4 + length);
      behaviours[behaviour](socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const h = useTestHome();
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const original = `[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n`;
const withCode = (body: string) => body.includes(`TokenCode=${code}`);

/** Runs `mfa-tui renew` against a fresh hostile endpoint with a short deadline. */
async function renewAgainst(behaviour: Behaviour) {
  server = await hostileEndpoint(behaviour);
  h.write('credentials', original);
  const env = {...h.env, MFA_TUI_STS_TIMEOUT_MS: '1500'};
  const args = ['renew', 'default', '--code', code, '--endpoint-url', server.url];
  // Far beyond the deadline: a hang is the process killed (exit null), not a slow test.
  const r = await runCli(args, {env, timeoutMs: 15_000});
  expect(r.code, r.stderr).toBe(1);
  expect(server.bodies.filter(withCode)).toHaveLength(1);
  expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(server.url);
  for (const leak of [secret, code, '$response', 'Deserialization', 'pwned']) {
    expect(r.stderr).not.toContain(leak);
  }
  return r.stderr;
}

describe('renew against a hostile endpoint: ends, sends the code once, writes nothing', () => {
  it('an endpoint that takes the request and never answers is not "unreachable"', async () => {
    const stderr = await renewAgainst('stall');
    expect(stderr).not.toMatch(/unreachable/);
  });
  it('an endpoint that closes the connection after the request', async () => {
    const stderr = await renewAgainst('close');
    expect(stderr).not.toMatch(/unreachable/);
  });
  it('an answer that drips one byte a second, head or body', async () => {
    await renewAgainst('drip-head');
    await server!.close();
    expect(await renewAgainst('drip-body')).toContain('HTTP 200, text/xml');
  });
  it('an answer that never ends', async () => {
    expect(await renewAgainst('stream')).toContain('HTTP 200, text/xml');
  });
  it('an HTML page and an empty 200 name the status and the content type', async () => {
    expect(await renewAgainst('html')).toContain('HTTP 200, text/html');
    await server!.close();
    expect(await renewAgainst('empty')).toContain('HTTP 200, no content type');
  });
  it('an access key id with shell metacharacters is refused before anything is written', async () => {
    await renewAgainst('hostile-key');
  });
});

describe('whoami against an answer that is not GetCallerIdentity', () => {
  for (const behaviour of ['empty', 'empty-identity', 'html'] as const) {
    it(`${behaviour}: exit 1, no ✓, no empty ARN`, async () => {
      server = await hostileEndpoint(behaviour);
      const env = {...h.env, AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret};
      const r = await runCli(['whoami', '--endpoint-url', server.url], {env});
      expect(r.code).toBe(1);
      expect(r.stdout).not.toContain('✓');
      expect(r.stdout).not.toMatch(/Arn/);
      expect(r.stderr).not.toContain('$response');
    });
  }
});

describe('the mapped error of each misbehaviour (in process)', () => {
  const endpointOf = (url: string): Endpoint => ({
    url,
    region: 'us-east-1',
    sdk: resolveSdkSettings({}),
    deadlineMs: 1000,
  });
  const credentials = {accessKeyId: keyId, secretAccessKey: secret};
  const expected: [Behaviour, string][] = [
    ['stall', 'endpoint-no-answer'],
    ['close', 'endpoint-no-answer'],
    ['drip-head', 'endpoint-no-answer'],
    ['drip-body', 'endpoint-no-answer'],
    ['stream', 'endpoint-answer-too-large'],
    ['html', 'endpoint-not-an-answer'],
    ['empty', 'endpoint-not-an-answer'],
    ['hostile-key', 'endpoint-not-an-answer'],
  ];
  for (const [behaviour, errorCode] of expected) {
    it(`GetSessionToken, ${behaviour}: ${errorCode}, one request`, async () => {
      server = await hostileEndpoint(behaviour);
      const endpoint = endpointOf(server.url);
      const context = {operation: 'GetSessionToken' as const, endpoint};
      const request = {serialNumber: 'arn:aws:iam::123456789012:mfa/alice', tokenCode: code};
      const r = await callAws(context, () =>
        getSessionToken(credentials, endpoint, {...request, durationSeconds: 3600}),
      );
      expect(r.ok ? 'ok' : r.error.code).toBe(errorCode);
      expect(server.bodies).toHaveLength(1);
    });
  }

  it('nothing listens: unreachable (connection refused)', async () => {
    const endpoint = endpointOf('http://127.0.0.1:9');
    const context = {operation: 'GetSessionToken' as const, endpoint};
    const r = await callAws(context, () =>
      getSessionToken(credentials, endpoint, {durationSeconds: 3600}),
    );
    expect(r.ok ? 'ok' : r.error.code).toBe('sts-unreachable');
  });

  it('a call without a code keeps the SDK retries; with a code it is sent once', async () => {
    server = await hostileEndpoint('close');
    const endpoint = {...endpointOf(server.url), deadlineMs: 10_000};
    const context = {operation: 'GetCallerIdentity' as const, endpoint};
    const r = await callAws(context, () => getCallerIdentity(credentials, endpoint));
    expect(r.ok ? 'ok' : r.error.code).toBe('endpoint-no-answer');
    expect(server.bodies).toHaveLength(3);
    const once = await getSessionToken(credentials, endpoint, {
      durationSeconds: 3600,
      tokenCode: code,
    }).catch(() => 'failed');
    expect(once).toBe('failed');
    expect(server.bodies.filter(withCode)).toHaveLength(1);
  });

  it('an empty GetCallerIdentity answer is no identity', async () => {
    server = await hostileEndpoint('empty-identity');
    const endpoint = endpointOf(server.url);
    const context = {operation: 'GetCallerIdentity' as const, endpoint};
    const r = await callAws(context, () => getCallerIdentity(credentials, endpoint));
    expect(r.ok ? 'ok' : r.error.code).toBe('endpoint-not-an-answer');
  });
});
