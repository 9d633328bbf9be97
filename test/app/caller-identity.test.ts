import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {callerIdentity} from '../../source/app/caller-identity.js';
import {readAwsText} from '../../source/store/aws-files.js';
import {useTestHome} from '../helpers/env.js';
import {userProfile, useTestSandbox} from '../helpers/sandbox.js';

// Every read of an AWS file goes through readAwsText: counting its calls counts the reads, and
// `afterRead` changes a file the moment it has been read (a renewal writing meanwhile).
const seam = vi.hoisted(() => ({afterRead: undefined as ((file: string) => void) | undefined}));
vi.mock('../../source/store/aws-files.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../source/store/aws-files.js')>();
  return {
    ...real,
    readAwsText: vi.fn(async (file: string, platform?: NodeJS.Platform) => {
      const read = await real.readAwsText(file, platform);
      seam.afterRead?.(file);
      return read;
    }),
  };
});

const sandbox = useTestSandbox();
const h = useTestHome({sandbox});
beforeEach(() => {
  vi.mocked(readAwsText).mockClear();
});
afterEach(() => {
  seam.afterRead = undefined;
});

describe('callerIdentity', () => {
  it('signs with the version of the files its verdict was made from, read once (a file changed between two reads)', async () => {
    const alice = sandbox.user('alice');
    const bob = sandbox.user('bob');
    h.write('credentials', userProfile(alice, {mfa: false}));
    h.write('config', '[default]\nregion = us-east-1\n');
    seam.afterRead = (file) => {
      if (file === h.credentialsFile) h.write('credentials', userProfile(bob, {mfa: false}));
    };
    const id = await callerIdentity(h.env, {now: new Date()});
    expect(id).toMatchObject({ok: true, value: {arn: alice.arn}});
    const reads = vi.mocked(readAwsText).mock.calls.map(([file]) => file);
    expect(reads.filter((f) => f === h.credentialsFile)).toHaveLength(1);
    expect(reads.filter((f) => f === h.configFile)).toHaveLength(1);
  });
});
