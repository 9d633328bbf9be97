import {afterEach, describe, expect, it} from 'vitest';
import {readFileSync, statSync, writeFileSync, mkdirSync} from 'node:fs';
import {makeTestHome, type TestHome} from '../helpers/env.js';
import {
  defaultSettings,
  loadSettings,
  settingsFile,
  updateSettings,
} from '../../source/store/settings.js';

let h: TestHome | undefined;
afterEach(() => h?.cleanup());

describe('settings', () => {
  it('gives defaults when there is no file', () => {
    h = makeTestHome();
    expect(loadSettings(h.env)).toEqual({ok: true, value: defaultSettings});
  });

  it('saves under MFA_TUI_CONFIG_DIR with mode 0600 and reads back', async () => {
    h = makeTestHome();
    const r = await updateSettings(h.env, (s) => ({
      ...s,
      targets: {dev: 'dev-mfa'},
      warnSeconds: 600,
    }));
    expect(r.ok).toBe(true);
    const file = settingsFile(h.env);
    expect(file.startsWith(h.configDir)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const back = loadSettings(h.env);
    expect(back.ok && back.value.targets).toEqual({dev: 'dev-mfa'});
    expect(back.ok && back.value.warnSeconds).toBe(600);
    expect(JSON.parse(readFileSync(file, 'utf8')).targets).toEqual({dev: 'dev-mfa'});
  });

  it('finds nothing remembered for a profile named like one of Object’s members', () => {
    h = makeTestHome();
    const names = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
    const none = loadSettings(h.env);
    mkdirSync(h.configDir, {recursive: true});
    writeFileSync(settingsFile(h.env), JSON.stringify({targets: {dev: 'dev-mfa'}, serials: {}}));
    const some = loadSettings(h.env);
    for (const loaded of [none, some]) {
      if (!loaded.ok) throw new Error(loaded.error.message);
      for (const name of names) {
        expect(loaded.value.targets[name], name).toBeUndefined();
        expect(loaded.value.serials[name], name).toBeUndefined();
      }
    }
    expect(some.ok && some.value.targets.dev).toBe('dev-mfa');
  });

  it('reports a malformed file with its path and a fix', () => {
    h = makeTestHome();
    mkdirSync(h.configDir, {recursive: true});
    writeFileSync(settingsFile(h.env), '{"warnSeconds": "soon"}');
    const r = loadSettings(h.env);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(settingsFile(h.env));
      expect(r.error.message).toContain('warnSeconds');
    }
  });
});
