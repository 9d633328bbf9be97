// The TUI's renew port on the app use case: Esc's AbortSignal reaches the renewal (nothing is
// written once it is aborted), and a session that could not be written is written again from
// memory, without a new code. The sandbox STS behind a relay that acts once STS has answered.
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {tuiPorts} from '../../source/commands/tui-app.js';
import {useTestHome} from '../helpers/env.js';
import {startRelay, type Relay} from '../helpers/relay.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';
import type {SandboxUser} from '../../source/sandbox/state.js';
import {testContext} from '../helpers/context.js';

const sandbox = useTestSandbox();
const h = useTestHome();
let alice: SandboxUser;
let relay: Relay | undefined;
let onAnswer: () => void = () => {};
beforeAll(() => {
  alice = sandbox.user('alice');
});
beforeEach(async () => {
  onAnswer = () => {};
  relay = await startRelay(sandbox.endpoint, async () => onAnswer());
  h.env.AWS_ENDPOINT_URL_STS = relay.endpoint;
});
afterEach(async () => {
  await relay?.close();
});

const original = () => userProfile(alice);
const ctx = (env = h.env) => testContext(env);
const sessionRequests = () => sandbox.requests.filter((r) => r.action === 'GetSessionToken').length;

describe('the renew port', () => {
  it('writes nothing when Esc aborts while STS answers', async () => {
    h.write('credentials', original());
    const esc = new AbortController();
    onAnswer = () => esc.abort();
    const before = sessionRequests();
    const r = await tuiPorts(ctx()).renew(
      {profile: 'default', code: sandbox.code(alice)},
      esc.signal,
    );
    expect(r.ok ? 'renewed' : r.error.code).toBe('renew-stopped');
    expect(sessionRequests()).toBe(before + 1);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original());
    expect(readdirSync(h.awsDir).sort()).toEqual(['credentials']);
    expect(existsSync(path.join(h.configDir, 'settings.json'))).toBe(false);
  });

  it('sends no code once aborted', async () => {
    h.write('credentials', original());
    const esc = new AbortController();
    esc.abort();
    const before = sessionRequests();
    const r = await tuiPorts(ctx()).renew(
      {profile: 'default', code: sandbox.code(alice)},
      esc.signal,
    );
    expect(r.ok ? 'renewed' : r.error.code).toBe('renew-stopped');
    expect(sessionRequests()).toBe(before);
    expect(readFileSync(h.credentialsFile, 'utf8')).toBe(original());
  });

  it('writes no role cache when Esc aborts while STS answers AssumeRole', async () => {
    h.write('credentials', original().replace(/mfa_serial.*\n/, ''));
    h.write(
      'config',
      `[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = default\nmfa_serial = ${alice.mfaSerial}\n`,
    );
    const esc = new AbortController();
    onAnswer = () => esc.abort();
    const r = await tuiPorts(ctx()).renew(
      {profile: 'admin', code: sandbox.code(alice), newCode: true},
      esc.signal,
    );
    expect(r.ok ? 'renewed' : r.error.code).toBe('renew-stopped');
    expect(sandbox.requests.at(-1)?.action).toBe('AssumeRole');
    expect(existsSync(path.join(h.home, '.aws', 'cli', 'cache'))).toBe(false);
  });

  const root = process.geteuid?.() === 0;
  it.skipIf(!root)(
    'keeps a session the full disk refused, and writes it again without a new code',
    async () => {
      const mnt = path.join(h.home, 'mnt');
      mkdirSync(mnt);
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mnt]);
      if (m.status !== 0) throw new Error(`mount: ${m.stderr}`);
      try {
        const file = path.join(mnt, 'credentials');
        writeFileSync(file, original(), {mode: 0o600});
        const fill = path.join(mnt, 'fill');
        onAnswer = () => void spawnSync('dd', ['if=/dev/zero', `of=${fill}`, 'bs=1k']);
        const ports = tuiPorts(ctx({...h.env, AWS_SHARED_CREDENTIALS_FILE: file}));
        const first = await ports.renew({profile: 'default', code: sandbox.code(alice)});
        expect(first.ok ? 'renewed' : first.error.code).toBe('session-unwritten');
        expect(first.ok ? '' : first.error.fix).toContain('Enter writes it again');
        expect(readFileSync(file, 'utf8')).toBe(original());
        rmSync(fill);
        onAnswer = () => {};
        const before = sessionRequests();
        const again = await ports.renew({profile: 'default'});
        expect(again.ok).toBe(true);
        expect(sessionRequests()).toBe(before);
        const keyId = /\[mfa\]\naws_access_key_id = (ASIA\w+)/.exec(
          readFileSync(file, 'utf8'),
        )?.[1];
        expect([...sandbox.state.sessions.values()].some((s) => s.accessKeyId === keyId)).toBe(
          true,
        );
      } finally {
        spawnSync('umount', [mnt]);
      }
    },
  );
});
