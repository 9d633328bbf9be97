// The rotate key: a y/N question on a long-term row, the call, and where the keys stand after.
import {describe, expect, it} from 'vitest';
import {focusOf} from '../../source/ui/state/focus.js';
import type {State} from '../../source/ui/state/state.js';
import type {Key} from '../../source/ui/keymap.js';
import {reducer} from '../../source/ui/state/reducer.js';
import {keyOf} from './keys.js';
import {loaded, run, select} from './reducer-helpers.js';

const press = (state: State, ...keys: Key[]) =>
  keys.reduce((s, key) => reducer(s, {type: 'key/pressed', key}), state);
const keys = {
  profile: 'default',
  old: {accessKeyId: 'AKIAEXAMPLEDEFAULT01', status: 'deleted' as const},
  new: {accessKeyId: 'AKIAEXAMPLENEWKEY099', status: 'Active' as const},
  inFile: 'new' as const,
};

describe('rotate key', () => {
  it('asks y/N on a long-term row; anything but y keeps the key', () => {
    const s = press(select(loaded(), 'default'), keyOf('K'));
    expect(s.rotate).toEqual({phase: 'confirm', profile: 'default', keyLast4: 'LT01'});
    expect(focusOf(s)).toBe('rotate-confirm');
    for (const no of [keyOf('n'), keyOf('', {escape: true}), keyOf('\r', {return: true})]) {
      expect(press(s, no).rotate).toBeUndefined();
    }
    // An unbound key neither answers nor moves the cursor under the question.
    expect(press(s, keyOf('j'))).toBe(s);
    const running = press(s, keyOf('y'));
    expect(running.rotate?.phase).toBe('running');
    expect(focusOf(running)).toBe('rotate-wait');
    expect(press(running, keyOf('n')).rotate?.phase).toBe('running');
  });

  it('refuses a row that is not long-term keys, with no question', () => {
    const s = press(select(loaded(), 'mfa'), keyOf('K'));
    expect(s.rotate).toBeUndefined();
    expect(s.message?.tone).toBe('bad');
    expect(focusOf(s)).toBe('profiles');
  });

  // Regression: K asked y/N on a long-term row that `mfa-tui rotate` refuses (its session target
  // holds long-term keys), and only the rotation said no.
  it('refuses, with no question, a long-term row that `mfa-tui rotate` refuses', () => {
    const credentials =
      '[default]\naws_access_key_id = AKIAEXAMPLEDEFAULT01\naws_secret_access_key = s\n' +
      '[mfa]\naws_access_key_id = AKIAEXAMPLEMFAKEY002\naws_secret_access_key = s\n';
    const s = press(select(loaded({credentials, config: ''}), 'default'), keyOf('K'));
    expect(s.rotate).toBeUndefined();
    expect(s.message?.tone).toBe('bad');
    const verdict = s.snapshot!.rotatable!('default');
    expect(!verdict.ok && verdict.error.code).toBe('target-is-long-term');
    expect(s.message?.text).toContain(!verdict.ok ? verdict.error.message : '?');
  });

  it('says where each key stands after, and reads the files again', () => {
    const running = press(select(loaded(), 'default'), keyOf('K'), keyOf('y'));
    const done = run(running, {type: 'rotate/succeeded', keys});
    expect(done.rotate).toBeUndefined();
    expect(done.reloads).toBe(running.reloads + 1);
    expect(done.message).toEqual({
      tone: 'ok',
      text: 'Rotated: default holds …Y099; new key …Y099 Active; old key …LT01 deleted.',
    });
    const error = {
      code: 'rotate-delete-failed' as const,
      message: 'DeleteAccessKey refused.',
      fix: '',
    };
    const kept = {...keys, old: {...keys.old, status: 'Inactive' as const}};
    const failed = run(running, {type: 'rotate/failed', error, keys: kept});
    expect(failed.message?.tone).toBe('bad');
    expect(failed.message?.text).toContain('old key …LT01 Inactive');
    expect(failed.reloads).toBe(running.reloads + 1);
    // A late answer with no rotation under way changes nothing.
    expect(run(loaded(), {type: 'rotate/succeeded', keys}).message).toBeUndefined();
  });
});
