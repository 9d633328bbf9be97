import {describe, expect, it} from 'vitest';
import path from 'node:path';
import {awsPaths, roleCacheDir} from '../../source/store/paths.js';

describe('awsPaths', () => {
  it('defaults to ~/.aws under HOME', () => {
    expect(awsPaths({HOME: '/h'})).toEqual({
      credentialsFile: path.join('/h', '.aws', 'credentials'),
      configFile: path.join('/h', '.aws', 'config'),
    });
  });
  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, expanding a leading ~', () => {
    expect(
      awsPaths({HOME: '/h', AWS_SHARED_CREDENTIALS_FILE: '~/c', AWS_CONFIG_FILE: '/x/config'}),
    ).toEqual({credentialsFile: path.join('/h', 'c'), configFile: '/x/config'});
  });
});

describe('roleCacheDir', () => {
  it('is the AWS CLI’s ~/.aws/cli/cache, or MFA_TUI_ROLE_CACHE_DIR (a leading ~ expanded)', () => {
    expect(roleCacheDir({HOME: '/h'})).toBe(path.join('/h', '.aws', 'cli', 'cache'));
    expect(roleCacheDir({HOME: '/h', MFA_TUI_ROLE_CACHE_DIR: '/demo/cli/cache'})).toBe(
      '/demo/cli/cache',
    );
    expect(roleCacheDir({HOME: '/h', MFA_TUI_ROLE_CACHE_DIR: '~/c'})).toBe(path.join('/h', 'c'));
  });
});
