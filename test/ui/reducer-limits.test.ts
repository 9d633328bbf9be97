// The renew panel at its limits: Esc while the code is on its way (the fields again at once, the
// late answer dropped), and a panel the terminal is too short to draw (no key but Esc acts).
import {describe, expect, it} from 'vitest';
import {focusOf} from '../../source/ui/state/focus.js';
import {reducer} from '../../source/ui/state/reducer.js';
import type {State} from '../../source/ui/state/state.js';
import {fixedNow, wrongCode} from './fixtures.js';
import {key, keyBarText, keyOf} from './keys.js';
import {loaded, run, select} from './reducer-helpers.js';

const press = (state: State, input: string, flags: Parameters<typeof key>[0] = {}) =>
  reducer(state, {type: 'key/pressed', key: keyOf(input, flags)});
const esc = (state: State) => press(state, '', {escape: true});

/** The panel on [default] with a full code typed: the code is on its way. */
const sending = () => press(run(select(loaded(), 'default'), {type: 'renew/opened'}), '123456');
const done = {source: 'default', target: 'mfa', expiresAt: new Date('2026-03-02T00:00:00Z')};

describe('a renewal in flight', () => {
  it('has a key bar that says Esc stops waiting', () => {
    const s = sending();
    expect(s.renew?.phase).toBe('submitting');
    expect(focusOf(s)).toBe('renew-sending');
    expect(keyBarText(focusOf(s), 80)).toContain('Esc stop waiting');
    // Typing goes nowhere while the code is on its way.
    expect(press(s, '7')).toBe(s);
  });

  it('goes back to the fields on Esc, and drops the answer that comes after', () => {
    const s = esc(sending());
    expect(s.renew?.phase).toBe('editing');
    expect(s.renew?.code).toBe('');
    expect(s.renew?.error?.code).toBe('renew-stopped');
    const attempt = s.renew!.attempt;
    const late = run(s, {type: 'renew/succeeded', done, now: fixedNow, attempt});
    expect(late).toBe(s);
    expect(late.reloads).toBe(0);
    expect(late.message).toBeUndefined();
    expect(run(s, {type: 'renew/failed', error: wrongCode, attempt})).toBe(s);
    // A second Esc closes the panel; an answer then still changes nothing.
    const closed = esc(s);
    expect(closed.renew).toBeUndefined();
    expect(run(closed, {type: 'renew/succeeded', done, now: fixedNow, attempt})).toBe(closed);
  });

  it('drops the answer to an earlier attempt once the code is sent again', () => {
    const first = sending().renew!.attempt;
    const again = press(esc(sending()), '654321');
    expect(again.renew?.attempt).toBe(first + 1);
    expect(run(again, {type: 'renew/succeeded', done, now: fixedNow, attempt: first})).toBe(again);
    const answered = run(again, {type: 'renew/succeeded', done, now: fixedNow, attempt: first + 1});
    expect(answered.renew).toBeUndefined();
    expect(answered.reloads).toBe(1);
  });
});

describe('a panel the terminal is too short for', () => {
  const short = (s: State) => run(s, {type: 'terminal/resized', columns: 80, rows: 12});
  const opened = () => short(run(select(loaded(), 'default'), {type: 'renew/opened'}));

  it('takes no key but Esc', () => {
    const s = opened();
    expect(focusOf(s)).toBe('renew-hidden');
    expect(keyBarText('renew-hidden', 80)).toBe('Esc close');
    for (const input of ['1', '123456', 'd', 's', 'n', 'r', '\t']) expect(press(s, input)).toBe(s);
    for (const flags of [{return: true}, {tab: true}, {backspace: true}, {upArrow: true}])
      expect(press(s, '', flags)).toBe(s);
    expect(esc(s).renew).toBeUndefined();
  });

  it('hears the keys again once the terminal is tall enough', () => {
    const s = run(opened(), {type: 'terminal/resized', columns: 80, rows: 24});
    expect(focusOf(s)).toBe('renew-code');
    expect(press(s, '12').renew?.code).toBe('12');
  });

  it('stops waiting on Esc while the code is on its way, then closes on the next', () => {
    const s = esc(short(sending()));
    expect(s.renew?.phase).toBe('editing');
    expect(focusOf(s)).toBe('renew-hidden');
    expect(esc(s).renew).toBeUndefined();
  });
});
