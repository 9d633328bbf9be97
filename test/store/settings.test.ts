import {describe, expect, it} from 'vitest';
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {useTestHome, type TestHome} from '../helpers/env.js';
import {defaultSettings, loadSettings, updateSettings} from '../../source/store/settings.js';

const h = useTestHome();

const settingsFile = (home: TestHome) => path.join(home.configDir, 'config.json');

function writeSettings(home: TestHome, text: string): string {
  mkdirSync(home.configDir, {recursive: true});
  writeFileSync(settingsFile(home), text);
  return text;
}

describe('settings', () => {
  it('gives defaults when there is no file, and a read writes none', async () => {
    expect(await loadSettings(h.env)).toEqual({ok: true, value: defaultSettings});
    expect(existsSync(settingsFile(h))).toBe(false);
  });

  it('saves under MFA_TUI_CONFIG_DIR with mode 0600 and reads back', async () => {
    const r = await updateSettings(h.env, (s) => ({
      ...s,
      targets: {dev: 'dev-mfa'},
      warnSeconds: 600,
    }));
    expect(r.ok).toBe(true);
    const file = settingsFile(h);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const back = await loadSettings(h.env);
    expect(back.ok && back.value.targets).toEqual({dev: 'dev-mfa'});
    expect(back.ok && back.value.warnSeconds).toBe(600);
    expect(JSON.parse(readFileSync(file, 'utf8')).targets).toEqual({dev: 'dev-mfa'});
  });

  it('makes a file others could read 0600 when it saves', async () => {
    writeSettings(h, '{"warnSeconds": 300}');
    chmodSync(settingsFile(h), 0o644);
    const r = await updateSettings(h.env, (s) => ({...s, serials: {dev: 'arn:aws:iam::1:mfa/d'}}));
    expect(r.ok).toBe(true);
    expect(statSync(settingsFile(h)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(settingsFile(h), 'utf8')).warnSeconds).toBe(300);
  });

  it('finds nothing remembered for a profile named like one of Object’s members', async () => {
    const names = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
    const none = await loadSettings(h.env);
    writeSettings(h, JSON.stringify({targets: {dev: 'dev-mfa'}, serials: {}}));
    const some = await loadSettings(h.env);
    for (const loaded of [none, some]) {
      if (!loaded.ok) throw new Error(loaded.error.message);
      for (const name of names) {
        expect(loaded.value.targets[name], name).toBeUndefined();
        expect(loaded.value.serials[name], name).toBeUndefined();
      }
    }
    expect(some.ok && some.value.targets.dev).toBe('dev-mfa');
  });

  it('reports a file the schema refuses with its path and a fix, and leaves it as it is', async () => {
    const text = writeSettings(h, '{"warnSeconds": "soon", "targets": {"a": "b"}}');
    for (const r of [await loadSettings(h.env), await updateSettings(h.env, (s) => s)]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('settings-invalid');
      expect(r.error.message).toContain(settingsFile(h));
      expect(r.error.message).toContain('warnSeconds');
      expect(r.error.fix).toMatch(/delete/);
    }
    expect(readFileSync(settingsFile(h), 'utf8')).toBe(text);
  });

  it('reports a file that is not JSON with its path, and leaves it as it is', async () => {
    const text = writeSettings(h, '{"targets": {"dev": "dev-mfa"},');
    for (const r of [await loadSettings(h.env), await updateSettings(h.env, (s) => s)]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('settings-invalid');
      expect(r.error.message).toContain(settingsFile(h));
      expect(r.error.message).not.toContain('dev-mfa');
    }
    expect(readFileSync(settingsFile(h), 'utf8')).toBe(text);
  });

  it('refuses to save a value the schema does not allow, and keeps what the file had', async () => {
    const text = writeSettings(h, '{"warnSeconds": 300}');
    const r = await updateSettings(h.env, (s) => ({...s, warnSeconds: -1, targets: {a: 'b'}}));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('settings-invalid');
      expect(r.error.message).toContain('warnSeconds');
      expect(r.error.message).toContain(settingsFile(h));
    }
    expect(readFileSync(settingsFile(h), 'utf8')).toBe(text);
  });

  it('keeps keys it does not know (a newer version’s) when it saves', async () => {
    writeSettings(h, '{"futureKey": [1, 2]}');
    const r = await updateSettings(h.env, (s) => ({...s, warnSeconds: 60}));
    expect(r.ok).toBe(true);
    expect(JSON.parse(readFileSync(settingsFile(h), 'utf8'))).toMatchObject({
      futureKey: [1, 2],
      warnSeconds: 60,
    });
  });
});
