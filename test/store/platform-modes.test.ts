// Windows files have ACLs, not POSIX modes, and report 0666 when writable: the "readable by
// others" warnings say nothing there. Windows is injected.
import {chmodSync} from 'node:fs';
import {beforeEach, describe, expect, it} from 'vitest';
import {looseCredentialsWarning, looseModeWarning} from '../../source/app/load.js';
import {readAwsText} from '../../source/store/aws-files.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();
beforeEach(() => {
  h.write('credentials', '[default]\naws_access_key_id = AKIAEXAMPLE\n');
  chmodSync(h.credentialsFile, 0o666);
});

describe('mode warnings by platform', () => {
  it('warn on Linux and macOS about a file others can read', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(looseModeWarning(h.credentialsFile, 0o666, platform)).toBeDefined();
      expect(looseCredentialsWarning(h.env, platform)).toBeDefined();
    }
  });
  it('say nothing on Windows, where every writable file reports 0666', () => {
    expect(looseModeWarning(h.credentialsFile, 0o666, 'win32')).toBeUndefined();
    // The env points at a POSIX path, which the Windows home would not find: give it directly.
    const env = {...h.env, AWS_SHARED_CREDENTIALS_FILE: h.credentialsFile};
    expect(looseCredentialsWarning(env, 'win32')).toBeUndefined();
  });
  it('the file read on Windows carries no mode, so no later check judges one', async () => {
    const posix = await readAwsText(h.credentialsFile, 'linux');
    const windows = await readAwsText(h.credentialsFile, 'win32');
    expect(posix.ok && posix.value.mode).toBe(0o666);
    expect(windows.ok && windows.value.mode).toBeUndefined();
  });
});
