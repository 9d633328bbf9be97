// The TUI's file watch, at its port: a change made after the files were read but before the UI
// subscribed (it subscribes after the first frame) must still reach it, and nothing else should.
import {appendFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {PassThrough} from 'node:stream';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {CommandContext} from '../../source/commands/context.js';
import {tuiPorts} from '../../source/commands/tui-app.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';

let h: TestHome;
let stop: (() => void) | undefined;
beforeEach(() => {
  h = makeTestHome();
  h.write(
    'credentials',
    '[default]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = x\n',
  );
  h.write('config', '[default]\nregion = us-east-1\n');
});
afterEach(() => {
  stop?.();
  stop = undefined;
  h.cleanup();
});

const ctx = (): CommandContext => ({
  argv: [],
  env: h.env,
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  stdin: new PassThrough(),
  now: () => new Date('2026-03-01T12:00:00Z'),
});

/** Loads through the ports, lets `between` change the disk, then subscribes; counts the calls. */
async function changesSeen(between: () => void, settleMs = 400): Promise<number> {
  const ports = tuiPorts(ctx());
  const loaded = await ports.load();
  expect(loaded.ok).toBe(true);
  between();
  let calls = 0;
  stop = ports.watch(() => calls++);
  await new Promise((r) => setTimeout(r, settleMs));
  return calls;
}

describe('the TUI watch port', () => {
  it('reports a change made between the read and the subscription (appended in place)', async () => {
    expect(
      await changesSeen(() =>
        appendFileSync(h.credentialsFile, '\n[added]\naws_access_key_id = AKIAEXAMPLE000000002\n'),
      ),
    ).toBeGreaterThan(0);
  });

  it('reports a config file replaced by rename in that gap', async () => {
    expect(
      await changesSeen(() => {
        writeFileSync(`${h.configFile}.tmp`, '[default]\nregion = eu-west-1\n');
        renameSync(`${h.configFile}.tmp`, h.configFile);
      }),
    ).toBeGreaterThan(0);
  });

  it('reports a file created in that gap', async () => {
    rmSync(h.configFile);
    expect(
      await changesSeen(() => h.write('config', '[default]\nregion = us-east-1\n')),
    ).toBeGreaterThan(0);
  });

  it('stays quiet when nothing changed', async () => {
    expect(await changesSeen(() => {})).toBe(0);
  });

  it('still reports changes made after the subscription', async () => {
    const ports = tuiPorts(ctx());
    expect((await ports.load()).ok).toBe(true);
    let calls = 0;
    stop = ports.watch(() => calls++);
    expect(calls).toBe(0);
    appendFileSync(h.configFile, '\n[profile later]\nregion = eu-west-1\n');
    const started = Date.now();
    while (calls === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBeGreaterThan(0);
  });
});
