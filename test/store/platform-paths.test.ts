// Where the AWS files and caches are on Linux, macOS and Windows, as the AWS CLI finds them (its
// Python's expanduser: HOME on POSIX; USERPROFILE, then HOMEDRIVE + HOMEPATH, on Windows).
import {describe, expect, it} from 'vitest';
import {awsPaths, homeDir, roleCacheDir, ssoCacheDir} from '../../source/store/paths.js';

// Git Bash and MSYS set HOME on Windows too: the AWS CLI does not read it there.
const windowsEnv = {HOME: '/c/Users/ana', USERPROFILE: 'C:\\Users\\ana'};

describe('homeDir', () => {
  it('is HOME on Linux and macOS', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(homeDir({HOME: '/home/ana', USERPROFILE: 'C:\\x'}, platform)).toBe('/home/ana');
    }
  });
  it('is USERPROFILE on Windows, not HOME', () => {
    expect(homeDir(windowsEnv, 'win32')).toBe('C:\\Users\\ana');
  });
  it('is HOMEDRIVE + HOMEPATH on Windows without USERPROFILE', () => {
    expect(homeDir({HOME: '/c/x', HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\ana'}, 'win32')).toBe(
      'D:\\Users\\ana',
    );
  });
});

describe('awsPaths on each platform', () => {
  it('Linux and macOS: ~/.aws under HOME', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(awsPaths({HOME: '/Users/ana'}, platform)).toEqual({
        credentialsFile: '/Users/ana/.aws/credentials',
        configFile: '/Users/ana/.aws/config',
      });
    }
  });
  it('Windows: %USERPROFILE%\\.aws, with backslashes', () => {
    expect(awsPaths(windowsEnv, 'win32')).toEqual({
      credentialsFile: 'C:\\Users\\ana\\.aws\\credentials',
      configFile: 'C:\\Users\\ana\\.aws\\config',
    });
  });
  it('Windows: a leading ~/ or ~\\ in the variables is USERPROFILE', () => {
    const env = {...windowsEnv, AWS_SHARED_CREDENTIALS_FILE: '~\\c', AWS_CONFIG_FILE: '~/k/config'};
    expect(awsPaths(env, 'win32')).toEqual({
      credentialsFile: 'C:\\Users\\ana\\c',
      configFile: 'C:\\Users\\ana\\k\\config',
    });
  });
  it('Linux: ~\\ is a file name, not the home folder (as Python reads it there)', () => {
    expect(awsPaths({HOME: '/h', AWS_CONFIG_FILE: '~\\c'}, 'linux').configFile).toBe('~\\c');
  });
});

describe('the AWS CLI’s cache folders on each platform', () => {
  it('the role cache is ~/.aws/cli/cache, the SSO cache ~/.aws/sso/cache', () => {
    expect(roleCacheDir({HOME: '/Users/ana'}, 'darwin')).toBe('/Users/ana/.aws/cli/cache');
    expect(roleCacheDir(windowsEnv, 'win32')).toBe('C:\\Users\\ana\\.aws\\cli\\cache');
    expect(ssoCacheDir({HOME: '/home/ana'}, 'linux')).toBe('/home/ana/.aws/sso/cache');
    expect(ssoCacheDir(windowsEnv, 'win32')).toBe('C:\\Users\\ana\\.aws\\sso\\cache');
  });
  it('MFA_TUI_ROLE_CACHE_DIR wins on Windows too', () => {
    expect(roleCacheDir({...windowsEnv, MFA_TUI_ROLE_CACHE_DIR: 'D:\\demo'}, 'win32')).toBe(
      'D:\\demo',
    );
  });
});
