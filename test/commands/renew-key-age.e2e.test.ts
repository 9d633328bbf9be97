// renew learns when the source's long-term key was made (IAM ListAccessKeys, signed by the new
// session), once per key id, and only where IAM is the same place as STS; list then shows the age.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import path from 'node:path';
import {beforeAll, beforeEach, expect, it} from 'vitest';
import {cliPath, runCli, runCommand} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import type {SandboxUser} from '../../source/sandbox/state.js';

const sb = useTestSandbox();
const h = useTestHome();
let alice: SandboxUser;
beforeAll(() => {
  alice = sb.user('alice');
});
beforeEach(() => {
  h.write('credentials', userProfile(alice));
});

const listings = () => sb.requests.filter((r) => r.action === 'ListAccessKeys').length;
const settingsFile = () => path.join(h.configDir, 'config.json');
const stored = (): Record<string, Record<string, string> | undefined> =>
  existsSync(settingsFile()) ? JSON.parse(readFileSync(settingsFile(), 'utf8')) : {};
const remembered = () => stored().keyCreatedAt;
const failedAt = () => stored().keyLookupFailedAt?.[alice.accessKeyId!];
const madeAt = () => sb.state.longTermKeys.get(alice.accessKeyId!)!.createdAt.toISOString();
const renew = (extra: string[] = []) =>
  runCli(['renew', 'default', '--code', sb.code(alice), ...extra], {env: h.env});
const listed = async () => {
  const r = await runCli(['list', '--json'], {env: h.env});
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).profiles.find((p: {name: string}) => p.name === 'default');
};

it('asks IAM once, keeps the date by key id, and list shows the age', async () => {
  h.env.AWS_ENDPOINT_URL_STS = sb.endpoint;
  h.env.AWS_ENDPOINT_URL_IAM = sb.endpoint;
  const before = listings();
  const first = await renew(['--debug']);
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(/ListAccessKeys → /);
  expect(listings() - before).toBe(1);
  expect(remembered()).toEqual({[alice.accessKeyId!]: madeAt()});
  expect(await listed()).toMatchObject({keyCreatedAt: madeAt(), keyOld: expect.any(Boolean)});
  // The date of a key id never changes: the next renewal does not ask again.
  const second = await renew(['--debug']);
  expect(second.code).toBe(0);
  expect(second.stderr).not.toMatch(/ListAccessKeys/);
  expect(listings() - before).toBe(1);
});

it('does not ask AWS IAM about a session from a custom STS endpoint', async () => {
  const before = listings();
  const r = await renew(['--endpoint-url', sb.endpoint, '--debug']);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/ListAccessKeys/);
  expect(listings()).toBe(before);
  expect(remembered()?.[alice.accessKeyId!]).toBeUndefined();
  expect(await listed()).toMatchObject({keyCreatedAt: null});
});

/** A socket that takes connections and never answers. */
async function silentEndpoint(): Promise<{url: string; server: Server; sockets: Socket[]}> {
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  return {url: `http://127.0.0.1:${port}`, server, sockets};
}

it('an IAM that never answers costs the age only: the renewal succeeds', async () => {
  const silent = await silentEndpoint();
  try {
    h.env.AWS_ENDPOINT_URL_STS = sb.endpoint;
    h.env.AWS_ENDPOINT_URL_IAM = silent.url;
    const r = await renew();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const tried = silent.sockets.length;
    expect(tried).toBeGreaterThan(0);
    expect(readFileSync(h.credentialsFile, 'utf8')).toMatch(/\[mfa\][^[]*aws_session_token/);
    expect(remembered()?.[alice.accessKeyId!]).toBeUndefined();
    // The failure is remembered: the next renewal does not wait on that IAM again.
    expect(failedAt()).toBeDefined();
    const again = await renew();
    expect(again.code).toBe(0);
    expect(silent.sockets.length).toBe(tried);
  } finally {
    for (const s of silent.sockets) s.destroy();
    silent.server.close();
  }
}, 40_000);

it('nothing listening for IAM is not an error either', async () => {
  h.env.AWS_ENDPOINT_URL_STS = sb.endpoint;
  h.env.AWS_ENDPOINT_URL_IAM = 'http://127.0.0.1:9';
  const r = await renew();
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(remembered()?.[alice.accessKeyId!]).toBeUndefined();
});

it('IAM refusing the call (no permission) is not an error either', async () => {
  h.env.AWS_ENDPOINT_URL_STS = sb.endpoint;
  h.env.AWS_ENDPOINT_URL_IAM = sb.endpoint;
  sb.refuseNext('ListAccessKeys', 'AccessDenied', 'not allowed');
  const before = listings();
  const r = await renew();
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(remembered()?.[alice.accessKeyId!]).toBeUndefined();
  // Not asked again within the week after a refusal…
  expect((await renew()).code).toBe(0);
  expect(listings() - before).toBe(1);
  // …and asked again once it has passed: the date is kept, the failure forgotten.
  const settings = stored();
  const weekAgo = new Date(Date.now() - 8 * 24 * 3600e3).toISOString();
  settings.keyLookupFailedAt = {[alice.accessKeyId!]: weekAgo};
  writeFileSync(settingsFile(), JSON.stringify(settings));
  expect((await renew()).code).toBe(0);
  expect(listings() - before).toBe(2);
  expect(remembered()).toEqual({[alice.accessKeyId!]: madeAt()});
  expect(failedAt()).toBeUndefined();
});

it('credential-process --renew (a client waiting) sends no IAM call', async () => {
  h.env.AWS_ENDPOINT_URL_STS = sb.endpoint;
  h.env.AWS_ENDPOINT_URL_IAM = sb.endpoint;
  const codeFile = path.join(h.home, 'code.txt');
  h.write('config', `[default]\nmfa_process = cat '${codeFile}'\n`);
  writeFileSync(codeFile, sb.code(alice));
  const before = listings();
  const tokens = sb.requests.filter((q) => q.action === 'GetSessionToken').length;
  const r = await runCommand(
    'setsid',
    ['-w', process.execPath, cliPath, 'credential-process', 'mfa', '--renew'],
    {env: h.env},
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).Version).toBe(1);
  expect(sb.requests.filter((q) => q.action === 'GetSessionToken').length - tokens).toBe(1);
  expect(listings()).toBe(before);
});
