// The renew panel after a session STS issued could not be written: Enter writes it again (the
// port holds it in memory), no new code asked for; any other failure still wants a full code.
import {describe, expect, it} from 'vitest';
import type {AppError} from '../../source/core/errors.js';
import {loaded, run, select} from './reducer-helpers.js';
import {wrongCode} from './fixtures.js';

const open = () => run(select(loaded(), 'default'), {type: 'renew/opened'});
const unwritten: AppError = {
  code: 'session-unwritten',
  message: 'STS accepted the code (it is used now), but the session for mfa could not be written.',
  fix: 'The session is kept until you quit: Enter writes it again.',
};

describe('renew panel: a session that could not be written', () => {
  it('sends the write again on Enter, with no code typed', () => {
    let s = run(open(), {type: 'renew/code-typed', text: '123456'});
    const attempt = s.renew!.attempt;
    s = run(s, {type: 'renew/failed', error: unwritten, attempt});
    expect(s.renew?.phase).toBe('failed');
    s = run(s, {type: 'renew/started'});
    expect(s.renew?.phase).toBe('submitting');
    expect(s.renew?.attempt).toBe(attempt + 1);
    expect(s.renew?.error).toBeUndefined();
  });

  it('still wants a full code after any other failure', () => {
    let s = run(open(), {type: 'renew/code-typed', text: '123456'});
    s = run(s, {type: 'renew/failed', error: wrongCode, attempt: s.renew!.attempt});
    s = run(s, {type: 'renew/started'});
    expect(s.renew?.phase).toBe('failed');
    expect(s.renew?.error?.code).toBe('code-incomplete');
  });
});
