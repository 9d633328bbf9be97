import {describe, expect, it} from 'vitest';
import path from 'node:path';
import {awsPaths} from '../../source/store/paths.js';

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
