// `mfa-tui rotate` when IAM answers CreateAccessKey with 200 and a key that is missing or not
// shaped as AWS makes it: the sandbox makes the key, a relay on 127.0.0.1 spoils its answer on
// the way back. The rotation fails, the answer's key never signs anything nor reaches the file or
// the terminal, and the key IAM made is deleted again.
import {readFileSync} from 'node:fs';
import {createServer, request} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';

type Relay = {endpoint: string; secrets: string[]; close(): Promise<void>};

/**
 * An IAM endpoint that passes every request to the sandbox and every answer back, but the
 * answers to CreateAccessKey through `spoil` (the secrets they held are kept for the test).
 */
async function spoilingRelay(
  upstream: string,
  spoil: (xml: string) => string,
  {refuseListAfterCreate = false} = {},
): Promise<Relay> {
  const to = new URL(upstream);
  const secrets: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = new URLSearchParams(body.toString()).get('Action');
      const create = action === 'CreateAccessKey';
      if (refuseListAfterCreate && action === 'ListAccessKeys' && secrets.length > 0) {
        const refusal =
          '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
          '<Message>not now</Message></Error><RequestId>1</RequestId></ErrorResponse>';
        res.writeHead(403, {'content-type': 'text/xml'}).end(refusal);
        return;
      }
      const options = {host: to.hostname, port: to.port, path: req.url, method: req.method};
      const out = request({...options, headers: req.headers}, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          let xml = Buffer.concat(parts).toString();
          if (create) {
            secrets.push(/<SecretAccessKey>([^<]*)</.exec(xml)?.[1] ?? '');
            xml = spoil(xml);
          }
          const headers = {...answer.headers, 'content-length': String(Buffer.byteLength(xml))};
          res.writeHead(answer.statusCode ?? 502, headers).end(xml);
        });
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sb = useTestSandbox({each: true});
const h = useTestHome({sandbox: sb, env: {MFA_TUI_KEY_SETTLE_SECONDS: '1'}});
let relay: Relay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

const field = (name: string, value: string) => (xml: string) =>
  xml.replace(new RegExp(`<${name}>[^<]*</${name}>`), `<${name}>${value}</${name}>`);

const spoilers: [string, (xml: string) => string][] = [
  ['no key at all', (xml) => xml.replace(/<AccessKey>[^]*<\/AccessKey>/, '')],
  ['an empty secret', field('SecretAccessKey', '')],
  ['a secret with a line of its own', field('SecretAccessKey', 'c2VjcmV0\n[evil]\nx = y')],
  ['a key id with shell metacharacters', field('AccessKeyId', "AKIA';touch pwned;'")],
];

describe('rotate against an IAM whose CreateAccessKey answer is not a key', () => {
  for (const [name, spoil] of spoilers) {
    it(`${name}: exit 1, the file untouched, the key IAM made deleted`, async () => {
      const bob = sb.user('bob');
      const before = userProfile(bob, {name: 'bob'});
      h.write('credentials', before);
      relay = await spoilingRelay(sb.endpoint, spoil);
      const args = [
        'rotate',
        'bob',
        '--code',
        sb.code('bob'),
        '--iam-endpoint-url',
        relay.endpoint,
      ];
      const r = await runCli(args, {env: h.env, timeoutMs: 60_000});
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      const file = readFileSync(h.credentialsFile, 'utf8');
      // The renewal before the rotation wrote [bob-mfa]; [bob] is as it was.
      expect(file.startsWith(before)).toBe(true);
      expect(sb.keysOf('bob')).toEqual([{id: bob.accessKeyId, status: 'Active'}]);
      expect(r.stderr).toContain(`CreateAccessKey from ${relay.endpoint}`);
      expect(r.stderr).toContain('HTTP 200, text/xml');
      expect(relay.secrets).toHaveLength(1);
      for (const leak of [relay.secrets[0]!, 'pwned', 'evil', '$response']) {
        expect(r.stderr).not.toContain(leak);
        expect(file).not.toContain(leak);
      }
      // Nothing was signed with what the answer held: after it, only the clean-up.
      const actions = sb.requests.map((q) => q.action);
      const after = actions.slice(actions.lastIndexOf('CreateAccessKey') + 1);
      expect(after).toEqual(['ListAccessKeys', 'DeleteAccessKey']);
    }, 60_000);
  }
});

describe('rotate when the key IAM may have made cannot be found', () => {
  it('says a key may exist without its secret, and how to find and delete it', async () => {
    const bob = sb.user('bob');
    const before = userProfile(bob, {name: 'bob'});
    h.write('credentials', before);
    relay = await spoilingRelay(sb.endpoint, field('SecretAccessKey', ''), {
      refuseListAfterCreate: true,
    });
    const args = ['rotate', 'bob', '--code', sb.code('bob'), '--iam-endpoint-url', relay.endpoint];
    const r = await runCli(args, {env: h.env, timeoutMs: 60_000});
    expect(r.code, r.stderr).toBe(1);
    expect(readFileSync(h.credentialsFile, 'utf8').startsWith(before)).toBe(true);
    // The key IAM made is still there: the message must not say none was made.
    expect(sb.keysOf('bob')).toHaveLength(2);
    expect(r.stderr).not.toContain('IAM did not create a new key');
    expect(r.stderr).toContain('IAM may have made a new key whose answer was lost');
    expect(r.stderr).toContain('aws iam list-access-keys');
    expect(r.stderr).toContain(`delete any but …${bob.accessKeyId!.slice(-4)}`);
    expect(r.stderr).not.toContain(relay.secrets[0]!);
  }, 60_000);
});
