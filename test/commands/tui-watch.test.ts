// The TUI's file watch, at its port: a change made after the files were read but before the UI
// subscribed (it subscribes after its first frame) must still reach it, and nothing else should.
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {watchAwsFiles} from '../../source/app/watch.js';
import {tuiPorts} from '../../source/commands/tui-app.js';
import {changedSince, readAwsText, type ReadVersion} from '../../source/store/aws-files.js';
import {useTestHome} from '../helpers/env.js';
import {testContext} from '../helpers/context.js';

const h = useTestHome();
let stop: (() => void) | undefined;
beforeEach(() => {
  h.write(
    'credentials',
    '[default]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = x\n',
  );
  h.write('config', '[default]\nregion = us-east-1\n');
});
afterEach(() => {
  stop?.();
  stop = undefined;
});

const ctx = () => testContext(h.env, {now: () => new Date('2026-03-01T12:00:00Z')});

/**
 * Loads through the ports, lets `between` change the disk, then subscribes. The port compares
 * what it read with the disk as it subscribes: the call, if any, comes before watch() returns.
 */
async function reportedAtSubscription(between: () => void): Promise<boolean> {
  const ports = tuiPorts(ctx());
  expect((await ports.load()).ok).toBe(true);
  between();
  let calls = 0;
  stop = ports.watch(() => calls++);
  return calls > 0;
}

/** Resolves once `done()` holds, or after 5 s: events arrive on their own; the limit only guards against a hang. */
async function until(done: () => boolean): Promise<void> {
  const started = Date.now();
  while (!done() && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
}

describe('the TUI watch port', () => {
  it('reports a change made between the read and the subscription (appended in place)', async () => {
    expect(
      await reportedAtSubscription(() =>
        appendFileSync(h.credentialsFile, '\n[added]\naws_access_key_id = AKIAEXAMPLE000000002\n'),
      ),
    ).toBe(true);
  });

  it('reports a config file replaced by rename in that gap', async () => {
    expect(
      await reportedAtSubscription(() => {
        writeFileSync(`${h.configFile}.tmp`, '[default]\nregion = eu-west-1\n');
        renameSync(`${h.configFile}.tmp`, h.configFile);
      }),
    ).toBe(true);
  });

  it('reports a same-size rewrite whose modification time was set back (cp -p, touch -d)', async () => {
    // A whole second, which utimes sets exactly: the rewrite can then carry the very same mtime.
    const when = new Date('2026-01-01T00:00:00Z');
    utimesSync(h.configFile, when, when);
    expect(
      await reportedAtSubscription(() => {
        writeFileSync(h.configFile, '[default]\nregion = us-west-1\n');
        utimesSync(h.configFile, when, when);
        expect(statSync(h.configFile).mtimeMs).toBe(when.getTime());
      }),
    ).toBe(true);
  });

  it('reports a file created in that gap', async () => {
    rmSync(h.configFile);
    expect(
      await reportedAtSubscription(() => h.write('config', '[default]\nregion = us-east-1\n')),
    ).toBe(true);
  });

  it('reports nothing at subscription when nothing changed', async () => {
    expect(await reportedAtSubscription(() => {})).toBe(false);
  });

  it('still reports changes made after the subscription', async () => {
    const ports = tuiPorts(ctx());
    expect((await ports.load()).ok).toBe(true);
    let calls = 0;
    stop = ports.watch(() => calls++);
    expect(calls).toBe(0);
    appendFileSync(h.configFile, '\n[profile later]\nregion = eu-west-1\n');
    await until(() => calls > 0);
    expect(calls).toBeGreaterThan(0);
  });

  it('polls a folder it cannot watch, and sees the folder and the file appear', async () => {
    const dir = path.join(h.home, 'not-yet');
    const file = path.join(dir, 'credentials');
    let calls = 0;
    stop = watchAwsFiles([file], () => calls++, 10, 50);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(0);
    mkdirSync(dir);
    writeFileSync(file, '[default]\n');
    await until(() => calls > 0);
    expect(calls).toBeGreaterThan(0);
  });

  it('polls a folder removed while watched, and sees it come back', async () => {
    const dir = path.join(h.home, 'aws');
    const file = path.join(dir, 'credentials');
    mkdirSync(dir);
    writeFileSync(file, '[default]\n');
    let calls = 0;
    stop = watchAwsFiles([file], () => calls++, 10, 50);
    // A second watch of the same file, stopped at once, must not stop the first one's poll.
    const other = watchAwsFiles([file], () => {}, 10, 50);
    rmSync(dir, {recursive: true});
    await new Promise((r) => setTimeout(r, 300));
    other();
    calls = 0;
    mkdirSync(dir);
    writeFileSync(file, '[default]\nregion = eu-west-1\n');
    await until(() => calls > 0);
    expect(calls).toBeGreaterThan(0);
  });
});

// Stamps come from a coarse clock on many kernels (a 1–10 ms tick before Linux 6.13): two writes in
// one tick can leave the same stamp. A recent stamp is therefore checked against the text read.
describe('changedSince', () => {
  /** The file's stamp as a read sees it now, with another text and read time. */
  const version = async (text: string, readAt: number): Promise<ReadVersion> => {
    const read = await readAwsText(h.configFile);
    if (!read.ok) throw new Error(read.error.message);
    return {stamp: read.value.stamp, text, readAt};
  };

  it('compares the text when the stamp is as recent as the read', async () => {
    const text = readFileSync(h.configFile, 'utf8');
    expect(changedSince(h.configFile, await version(text, statSync(h.configFile).ctimeMs))).toBe(
      false,
    );
    // The same stamp, other bytes: what a second write in the same tick leaves.
    const other = text.replace('east', 'west');
    expect(changedSince(h.configFile, await version(other, statSync(h.configFile).ctimeMs))).toBe(
      true,
    );
  });

  it('trusts an equal stamp that is older than the read by more than a coarse tick', async () => {
    const changed = statSync(h.configFile).ctimeMs;
    expect(changedSince(h.configFile, await version('other text', changed + 60_000))).toBe(false);
  });

  it('sees a different stamp, and a file that went away or appeared', async () => {
    const read = await version(readFileSync(h.configFile, 'utf8'), Date.now());
    appendFileSync(h.configFile, '\n');
    expect(changedSince(h.configFile, read)).toBe(true);
    rmSync(h.configFile);
    expect(changedSince(h.configFile, read)).toBe(true);
    expect(changedSince(h.configFile, {stamp: '', text: '', readAt: Date.now()})).toBe(false);
    h.write('config', '');
    expect(changedSince(h.configFile, {stamp: '', text: '', readAt: Date.now()})).toBe(true);
  });
});
