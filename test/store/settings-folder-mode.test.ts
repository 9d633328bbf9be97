// A new folder whose mode cannot be set (a file system without POSIX modes, as vfat): settings are
// saved there anyway, as they always were; the role cache, which holds secrets, refuses it.
import {existsSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {roleCacheKeyText} from '../../source/core/role-cache.js';
import {writeRoleCache} from '../../source/store/role-cache.js';
import {loadSettings, updateSettings} from '../../source/store/settings.js';
import {useTestHome} from '../helpers/env.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const refused = async () => {
    throw Object.assign(new Error('EPERM: operation not permitted, chmod'), {code: 'EPERM'});
  };
  return {...fs, default: {...fs, chmod: refused}, chmod: refused};
});

const h = useTestHome();

describe('a new folder whose mode cannot be set', () => {
  it('still takes the settings', async () => {
    expect(existsSync(h.configDir)).toBe(false);
    const r = await updateSettings(h.env, (s) => ({...s, targets: {dev: 'dev-mfa'}}));
    expect(r.ok).toBe(true);
    const back = await loadSettings(h.env);
    expect(back.ok && back.value.targets).toEqual({dev: 'dev-mfa'});
  });

  it('does not take a role cache entry', async () => {
    const r = await writeRoleCache(
      h.env,
      roleCacheKeyText({RoleArn: 'arn:aws:iam::1:role/A'}),
      '{}',
    );
    expect(r).toMatchObject({ok: false, error: {code: 'role-cache-unwritable'}});
  });
});
