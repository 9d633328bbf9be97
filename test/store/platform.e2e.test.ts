// The built CLI on each platform, with process.platform replaced before it loads. The settings
// folder is the platform's (~/Library/Preferences/mfa-tui on macOS, %APPDATA%\mfa-tui\Config on
// Windows, ~/.config/mfa-tui on Linux: where the conf package kept it), and MFA_TUI_CONFIG_DIR wins
// on each: broken settings in a folder make `list` fail exactly when that folder is the one read.
// A credentials file others can read draws a warning, except on Windows.
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {cliPath, runCommand} from '../helpers/cli.js';
import {cleanEnv} from '../helpers/env.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'mfa-tui-platform-'));
});
afterEach(() => rmSync(home, {recursive: true, force: true}));

const folders = {
  linux: ['.config', 'mfa-tui'],
  darwin: ['Library', 'Preferences', 'mfa-tui'],
  win32: ['AppData', 'Roaming', 'mfa-tui', 'Config'],
} as const;

function settingsIn(parts: readonly string[], text: string): string {
  const dir = path.join(home, ...parts);
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, 'config.json'), text);
  return dir;
}

async function listOn(platform: keyof typeof folders, extra: NodeJS.ProcessEnv = {}) {
  const env = {
    ...cleanEnv(),
    HOME: home,
    USERPROFILE: home,
    APPDATA: path.join(home, 'AppData', 'Roaming'),
    XDG_CONFIG_HOME: '',
    // Node's tmpdir on Windows (its compile cache goes there) is TEMP, else under SystemRoot.
    TEMP: path.join(home, 'temp'),
    ...extra,
  };
  const fake = `data:text/javascript,Object.defineProperty(process,'platform',{value:'${platform}'})`;
  return runCommand(process.execPath, ['--import', fake, cliPath, 'list'], {env, cwd: home});
}

describe.each(Object.keys(folders) as (keyof typeof folders)[])('settings on %s', (platform) => {
  it('are read from the platform’s config folder (the one conf used to name)', async () => {
    // Broken settings in every other platform's folder: only this platform's may be read.
    for (const [other, parts] of Object.entries(folders)) {
      settingsIn(parts, other === platform ? '{}' : '{broken');
    }
    expect((await listOn(platform)).code).toBe(0);
    settingsIn(folders[platform], '{broken');
    expect((await listOn(platform)).code).toBe(1);
  });

  it('come from MFA_TUI_CONFIG_DIR when it is set', async () => {
    settingsIn(folders[platform], '{broken');
    const own = settingsIn(['own'], '{}');
    expect((await listOn(platform, {MFA_TUI_CONFIG_DIR: own})).code).toBe(0);
  });
});

describe('a credentials file others can read', () => {
  it.each([
    ['linux', true],
    ['darwin', true],
    ['win32', false],
  ] as const)('on %s draws a warning: %s', async (platform, warns) => {
    const file = path.join(home, 'credentials');
    writeFileSync(
      file,
      '[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n',
    );
    chmodSync(file, 0o666);
    const own = settingsIn(['own'], '{}');
    // An absolute path, read as it is on every platform.
    const run = await listOn(platform, {
      AWS_SHARED_CREDENTIALS_FILE: file,
      MFA_TUI_CONFIG_DIR: own,
    });
    expect(run.code).toBe(0);
    expect(run.stderr !== '').toBe(warns);
  });
});
