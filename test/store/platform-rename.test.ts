// Windows refuses to rename over a file another program holds open (EPERM, EBUSY, EACCES): the
// atomic write tries again a few times, then gives a clear error. Windows is injected.
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {rename} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {fileBusy, ioError} from '../../source/store/write-errors.js';
import {RENAME_PAUSES_MS, renameRetrying, writeFileAtomic} from '../../source/store/safe-write.js';

let dir: string;
let target: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfa-tui-rename-'));
  target = path.join(dir, 'credentials');
  writeFileSync(target, 'old\n');
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

const refusal = (code: string) => Object.assign(new Error(`${code}: rename`), {code});

/** A rename that is refused `times` times with `code`, then does the real rename; counts calls. */
function heldOpen(times: number, code = 'EPERM') {
  const calls = {count: 0};
  const move = async (from: string, to: string) => {
    calls.count++;
    if (calls.count <= times) throw refusal(code);
    await rename(from, to);
  };
  return {calls, move};
}

const quick = [1, 1, 1, 1, 1];

describe('renameRetrying on Windows', () => {
  it.each(['EPERM', 'EBUSY', 'EACCES'])(
    'tries again after %s and replaces the file',
    async (code) => {
      const {calls, move} = heldOpen(3, code);
      await writeFileAtomic(
        target,
        'new\n',
        {mode: 0o600},
        {platform: 'win32', rename: move, pausesMs: quick},
      );
      expect(calls.count).toBe(4);
      expect(readFileSync(target, 'utf8')).toBe('new\n');
      expect(readdirSync(dir)).toEqual(['credentials']);
    },
  );

  it('gives up after a bounded number of tries: the temporary file removed, the file intact', async () => {
    const {calls, move} = heldOpen(Infinity);
    const error = await writeFileAtomic(
      target,
      'new\n',
      {mode: 0o600},
      {
        platform: 'win32',
        rename: move,
        pausesMs: quick,
      },
    ).catch((e: unknown) => e);
    expect(calls.count).toBe(quick.length + 1);
    expect((error as NodeJS.ErrnoException).code).toBe('EPERM');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['credentials']);
    // Mapped as the other write errors are: a code, a message and a fix of its own.
    const mapped = ioError('file-unwritable', target, error, 'generic fix');
    expect(mapped).toEqual(fileBusy('file-unwritable', target, error));
    expect(mapped.error.code).toBe('file-unwritable');
    expect(mapped.error.fix).not.toBe('generic fix');
  });

  it('waits about a second in all by default before giving up', async () => {
    const {calls, move} = heldOpen(Infinity, 'EBUSY');
    await expect(renameRetrying('a', 'b', {platform: 'win32', rename: move})).rejects.toMatchObject(
      {
        code: 'EBUSY',
      },
    );
    // One try more than pauses, the pauses adding up to about a second (no clock read here).
    expect(calls.count).toBe(RENAME_PAUSES_MS.length + 1);
    const pauses = RENAME_PAUSES_MS.reduce((a, b) => a + b, 0);
    expect(pauses).toBeGreaterThanOrEqual(900);
    expect(pauses).toBeLessThanOrEqual(1500);
  });

  it('does not wait on Linux or macOS, where EPERM is a permission that waiting does not change', async () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const {calls, move} = heldOpen(1);
      const error = await renameRetrying('a', 'b', {platform, rename: move}).catch(
        (e: unknown) => e,
      );
      expect(calls.count).toBe(1);
      expect(fileBusy('file-unwritable', target, error)).toBeUndefined();
    }
  });

  it('does not retry an error that is not a held file (ENOENT)', async () => {
    const {calls, move} = heldOpen(1, 'ENOENT');
    await expect(renameRetrying('a', 'b', {platform: 'win32', rename: move})).rejects.toMatchObject(
      {
        code: 'ENOENT',
      },
    );
    expect(calls.count).toBe(1);
  });
});
