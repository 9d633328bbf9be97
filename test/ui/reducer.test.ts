import {describe, expect, it} from 'vitest';
import {ok} from '../../source/core/errors.js';
import {focusOf} from '../../source/ui/state/focus.js';
import {filteredProfiles, pageSize, selectedProfile} from '../../source/ui/state/list.js';
import {asProfileName, shownVerify} from '../../source/ui/state/precedence.js';
import {reducer} from '../../source/ui/state/reducer.js';
import type {State} from '../../source/ui/state/state.js';
import {sampleConfig, sampleCredentials, snapshotFrom, wrongCode} from './fixtures.js';
import {key, keyOf} from './keys.js';
import {unwritableTarget} from '../../source/app/renew-write.js';
import {inThePanel} from '../../source/ui/snapshot.js';
import {loaded, run, select} from './reducer-helpers.js';

const ssoConfig = `${sampleConfig}\n[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n`;

function many(n: number): State {
  let text = '';
  for (let i = 0; i < n; i++) {
    text += `[p${String(i).padStart(4, '0')}]\naws_access_key_id = AKIAEXAMPLE${String(i).padStart(9, '0')}\naws_secret_access_key = s${i}\n`;
  }
  return loaded({credentials: text, config: ''});
}

describe('profile list', () => {
  it('starts on the first row once loaded', () => {
    const s = loaded();
    expect(s.cursor).toBe(0);
    expect(s.selected).toBe('admin');
    expect(focusOf(s)).toBe('profiles');
  });

  it('moves and clamps the cursor', () => {
    const s = loaded();
    expect(run(s, {type: 'cursor/moved', move: 'up'}).cursor).toBe(0);
    expect(run(s, {type: 'cursor/moved', move: 'bottom'}).selected).toBe('ops');
    expect(run(s, {type: 'cursor/moved', move: 'page-down'}).cursor).toBe(4);
  });

  it('scrolls 5000 rows a page at a time, keeping the cursor in view', () => {
    let s = many(5000);
    const page = pageSize(s);
    expect(page).toBe(18);
    s = run(s, {type: 'cursor/moved', move: 'page-down'});
    expect(s.cursor).toBe(page);
    expect(s.scrollTop).toBe(1);
    s = run(s, {type: 'cursor/moved', move: 'bottom'});
    expect(s.selected).toBe('p4999');
    expect(s.scrollTop).toBe(5000 - page);
    s = run(s, {type: 'cursor/moved', move: 'top'});
    expect(s.scrollTop).toBe(0);
  });

  it('keeps the selected profile across a reload that adds rows above it', () => {
    let s = select(loaded(), 'ops');
    const more = snapshotFrom({
      credentials: `[aaa]\naws_access_key_id = AKIAEXAMPLEAAAAAAAAA\naws_secret_access_key = x\n${sampleCredentials}`,
      config: sampleConfig,
    });
    s = reducer(s, {type: 'profiles/loaded', result: ok(more)});
    expect(selectedProfile(s)?.name).toBe('ops');
  });

  it('keeps the cursor visible when the terminal shrinks', () => {
    let s = run(
      many(100),
      {type: 'cursor/moved', move: 'page-down'},
      {type: 'cursor/moved', move: 'page-down'},
    );
    s = reducer(s, {type: 'terminal/resized', columns: 80, rows: 12});
    expect(s.cursor).toBeGreaterThanOrEqual(s.scrollTop);
    expect(s.cursor).toBeLessThan(s.scrollTop + pageSize(s));
  });

  it('asks for a reload when the files change', () => {
    expect(reducer(loaded(), {type: 'files/changed'}).reloads).toBe(1);
  });
});

describe('filter', () => {
  it('narrows as you type, Enter keeps it, Esc clears it', () => {
    let s = run(loaded(), {type: 'filter/opened'});
    expect(focusOf(s)).toBe('filter');
    s = run(s, {type: 'filter/typed', text: 'op'}, {type: 'filter/typed', text: 's'});
    expect(filteredProfiles(s).map((p) => p.name)).toEqual(['ops-long-term', 'ops']);
    s = run(s, {type: 'filter/kept'});
    expect(focusOf(s)).toBe('profiles');
    expect(s.filter.text).toBe('ops');
    s = run(s, {type: 'filter/cleared'});
    expect(filteredProfiles(s)).toHaveLength(5);
  });

  it('matches kinds and devices too, case-insensitively, and erases', () => {
    let s = run(loaded(), {type: 'filter/opened'}, {type: 'filter/typed', text: 'ROLE'});
    expect(filteredProfiles(s).map((p) => p.name)).toEqual(['admin']);
    s = run(
      s,
      {type: 'filter/erased'},
      {type: 'filter/erased'},
      {type: 'filter/erased'},
      {type: 'filter/erased'},
      {type: 'filter/typed', text: 'mfa/bob'},
    );
    expect(filteredProfiles(s).map((p) => p.name)).toEqual(['ops-long-term']);
  });

  it('ignores control characters', () => {
    const s = run(loaded(), {type: 'filter/opened'}, {type: 'filter/typed', text: '\u0001'});
    expect(s.filter.text).toBe('');
  });
});

describe('renew panel', () => {
  const open = (name = 'default') => run(select(loaded(), name), {type: 'renew/opened'});

  it('shows the plan of a long-term row before any call', () => {
    const s = open();
    expect(focusOf(s)).toBe('renew-code');
    expect(s.renew?.plan).toEqual({
      kind: 'session',
      needsCode: true,
      source: 'default',
      target: 'mfa',
      serial: 'arn:aws:iam::111122223333:mfa/alice',
      durationSeconds: 43_200,
      accessKeyIdLast4: 'LT01',
    });
    expect(s.renew?.durationText).toBe('12h');
  });

  it('plans a session row from its source', () => {
    expect(open('mfa').renew?.plan?.source).toBe('default');
  });

  it('refuses a row that cannot be renewed, with the reason', () => {
    const s = run(select(loaded({config: ssoConfig}), 'sso'), {type: 'renew/opened'});
    expect(focusOf(s)).toBe('renew-refused');
    expect(s.renew?.preview.ok).toBe(false);
    expect(run(s, {type: 'renew/code-typed', text: '123456'}).renew?.phase).toBe('editing');
  });

  it('takes digits only and submits at six', () => {
    let s = run(open(), {type: 'renew/code-typed', text: '1a2'});
    expect(s.renew?.code).toBe('12');
    s = run(
      s,
      {type: 'renew/code-typed', text: '3'},
      {type: 'renew/code-typed', text: '4'},
      {type: 'renew/code-typed', text: '5'},
    );
    expect(s.renew?.phase).toBe('editing');
    s = run(s, {type: 'renew/code-typed', text: '6'});
    expect(s.renew?.phase).toBe('submitting');
    expect(s.renew?.code).toBe('123456');
    expect(s.renew?.attempt).toBe(1);
  });

  it('takes a paste as one input, spaces and all', () => {
    const s = run(open(), {type: 'renew/code-typed', text: '123 456'});
    expect(s.renew?.phase).toBe('submitting');
    expect(s.renew?.code).toBe('123456');
  });

  it('refuses a paste that is no code rather than cutting it to another one (as the CLI does)', () => {
    for (const text of ['123456789', '1) 654321']) {
      const s = run(open(), {type: 'renew/code-typed', text});
      expect(s.renew?.phase, text).toBe('editing');
      expect(s.renew?.code, text).toBe('');
      expect(s.renew?.error?.code, text).toBe('mfa-code-malformed');
    }
    // Digits typed before a paste count: three and a pasted code are too many.
    const s = run(
      open(),
      {type: 'renew/code-typed', text: '123'},
      {type: 'renew/code-typed', text: '654321'},
    );
    expect(s.renew?.code).toBe('123');
    expect(s.renew?.error?.code).toBe('mfa-code-malformed');
  });

  it('does not send a short code on Enter', () => {
    const s = run(open(), {type: 'renew/code-typed', text: '123'}, {type: 'renew/started'});
    expect(s.renew?.phase).toBe('editing');
    expect(s.renew?.error?.code).toBe('code-incomplete');
  });

  it('erases the last digit', () => {
    const s = run(open(), {type: 'renew/code-typed', text: '12'}, {type: 'renew/erased'});
    expect(s.renew?.code).toBe('1');
  });

  it('shows the error, forgets the code, and starts over on the next digit', () => {
    let s = run(
      open(),
      {type: 'renew/code-typed', text: '000000'},
      {type: 'renew/failed', error: wrongCode},
    );
    expect(s.renew?.phase).toBe('failed');
    expect(s.renew?.code).toBe('');
    expect(s.renew?.error).toEqual(wrongCode);
    s = run(s, {type: 'renew/code-typed', text: '1'});
    expect(s.renew?.phase).toBe('editing');
    expect(s.renew?.error).toBeUndefined();
    s = run(s, {type: 'renew/code-typed', text: '23456'});
    expect(s.renew?.attempt).toBe(2);
  });

  it('cannot be cancelled while STS is answering, and can before', () => {
    const sending = run(open(), {type: 'renew/code-typed', text: '123456'});
    expect(run(sending, {type: 'renew/cancelled'}).renew).toBeDefined();
    expect(run(open(), {type: 'renew/cancelled'}).renew).toBeUndefined();
  });

  it('changes the duration, re-planning as you type', () => {
    let s = run(open(), {type: 'renew/field-toggled'});
    expect(focusOf(s)).toBe('renew-duration');
    s = run(s, {type: 'renew/erased'}, {type: 'renew/erased'}, {type: 'renew/erased'});
    s = run(s, {type: 'renew/duration-typed', text: '1h30m'});
    expect(s.renew?.plan?.durationSeconds).toBe(5400);
    expect(s.renew?.durationEdited).toBe(true);
    s = run(s, {type: 'renew/field-toggled'}, {type: 'renew/code-typed', text: '123456'});
    expect(s.renew?.phase).toBe('submitting');
  });

  it('applies each ⌫ of one read in order, in the code, the duration and the filter', () => {
    // A terminal sends ⌫ as DEL (0x7f); typed quickly after digits it arrives in the same read.
    const typed = (state: State, input: string) =>
      run(state, {type: 'key/pressed', key: keyOf(input)});
    let s = typed(open(), '123\x7f\x7f');
    expect(s.renew?.code).toBe('1');
    s = typed(s, '\t\x7f\x7f\x7f1h');
    expect(focusOf(s)).toBe('renew-duration');
    expect(s.renew?.durationText).toBe('1h');
    s = typed(run(loaded(), {type: 'filter/opened'}), 'mfx\bx\x7fa');
    expect(s.filter).toMatchObject({text: 'mfa'});
  });

  it('says what only a shell can do as the command to run: another target, a take-over', () => {
    const fixOf = (credentials: string, row: string) => {
      const panel = run(select(loaded({credentials}), row), {type: 'renew/opened'}).renew!;
      return panel.preview.ok ? '' : panel.preview.error.fix;
    };
    const managed = sampleCredentials.replace(
      'x_security_token_expires = 2026-03-01T14:00:00Z',
      'x_security_token_expires = 2026-03-01T14:00:00Z\nmanager = awsume',
    );
    expect(fixOf(managed, 'default')).toBe(
      'From a shell, renew into another target (`mfa-tui renew SOURCE --target NAME`), or take it over (`mfa-tui renew SOURCE --force`).',
    );
    const longTermTarget = sampleCredentials.replace(
      'aws_access_key_id = ASIAEXAMPLESESSION02\naws_secret_access_key = secretsecretsecretsecretsecretsecret0002\naws_session_token = tokentokentoken\n',
      'aws_access_key_id = AKIAEXAMPLELONGTERM2\naws_secret_access_key = secretsecretsecretsecretsecretsecret0002\n',
    );
    expect(fixOf(longTermTarget, 'default')).toMatch(
      /^From a shell, renew into another target \(`mfa-tui renew SOURCE --target NAME`\), or rename \[mfa\] to \[mfa-long-term\]/,
    );
  });

  it('names the command for a target no client can read', () => {
    const refused = unwritableTarget('bob sess', {
      code: 'ini-write-refused',
      message: 'the JS SDK ignores a section name with a space',
      fix: 'Rename it.',
    });
    const error = refused.ok ? undefined : refused.error;
    expect(error?.remedy).toEqual({flag: '--target-name', before: 'No code was sent.'});
    expect(inThePanel(error!).fix).toBe(
      'No code was sent. Renew into a target every client reads (from a shell: `mfa-tui renew SOURCE --target NAME`, a name of letters, digits, - _ .), or fix the file by hand.',
    );
  });

  it('refuses an out-of-range duration before any call, keeping the last plan on screen', () => {
    let s = run(
      open(),
      {type: 'renew/field-toggled'},
      {type: 'renew/erased'},
      {type: 'renew/erased'},
      {type: 'renew/erased'},
    );
    s = run(s, {type: 'renew/duration-typed', text: '10m'});
    const preview = s.renew!.preview;
    expect(preview.ok ? 'ok' : preview.error.code).toBe('duration-out-of-range');
    // In the panel's words: its Duration field, not the command line's --duration.
    expect(preview.ok ? '' : preview.error.fix).toBe(
      'Type a duration between 900 and 129600 s (for example 12h).',
    );
    expect(s.renew?.plan?.target).toBe('mfa');
    s = run(s, {type: 'renew/field-toggled'}, {type: 'renew/code-typed', text: '123456'});
    expect(s.renew?.phase).toBe('editing');
  });

  it('closes on success, moves to the written profile and asks for a reload', () => {
    const s = run(
      open(),
      {type: 'renew/code-typed', text: '123456'},
      {
        type: 'renew/succeeded',
        done: {source: 'default', target: 'mfa', expiresAt: new Date('2026-03-02T00:00:00Z')},
        now: new Date('2026-03-01T12:00:00Z'),
      },
    );
    expect(s.renew).toBeUndefined();
    expect(s.selected).toBe('mfa');
    expect(selectedProfile(s)?.name).toBe('mfa');
    expect(s.reloads).toBe(1);
    expect(s.message).toEqual({
      tone: 'ok',
      text: 'Renewed mfa from default: valid 12h 00m (until 2026-03-02T00:00:00Z).',
    });
  });

  it('shrinks the list while open and keeps the row in view', () => {
    let s = many(100);
    s = run(s, {type: 'cursor/moved', move: 'page-down'});
    const before = pageSize(s);
    s = run(s, {type: 'renew/opened'});
    expect(pageSize(s)).toBeLessThan(before);
    expect(s.cursor).toBeLessThan(s.scrollTop + pageSize(s));
  });
});

describe('precedence and verify', () => {
  it('opens and closes the screen, toggles "as if --profile" and wraps clients', () => {
    let s = run(select(loaded(), 'default'), {type: 'precedence/opened'});
    expect(focusOf(s)).toBe('precedence');
    s = run(s, {type: 'precedence/client-moved', by: -1, count: 4});
    expect(s.precedence.client).toBe(3);
    s = run(s, {type: 'precedence/as-profile-toggled'});
    expect(s.precedence.asProfile).toBe(true);
    s = run(s, {type: 'precedence/closed'});
    expect(focusOf(s)).toBe('profiles');
  });

  it('verifies the current identity or the selected profile', () => {
    let s = run(select(loaded(), 'default'), {type: 'precedence/opened'}, {type: 'verify/started'});
    expect(s.verify).toEqual({phase: 'running', profile: undefined});
    const identity = {
      arn: 'arn:aws:iam::111122223333:user/alice',
      account: '111122223333',
      userId: 'AIDA',
      using: 'profile default',
    };
    s = run(s, {type: 'verify/succeeded', identity});
    expect(s.verify).toEqual({phase: 'done', profile: undefined, identity});
    s = run(s, {type: 'precedence/as-profile-toggled'});
    expect(s.verify.phase).toBe('idle');
    s = run(s, {type: 'verify/started'});
    expect(s.verify).toEqual({phase: 'running', profile: 'default'});
    s = run(s, {type: 'verify/failed', error: wrongCode});
    expect(s.verify.phase).toBe('failed');
  });

  it('shows a verification only for the profile it was made for', () => {
    const identity = {arn: 'a', account: 'b', userId: 'c', using: 'd'};
    let s = run(
      select(loaded(), 'default'),
      {type: 'precedence/opened'},
      {type: 'precedence/as-profile-toggled'},
      {type: 'verify/started'},
      {type: 'verify/failed', error: wrongCode},
    );
    expect(shownVerify(s).phase).toBe('failed');
    s = run(s, {type: 'precedence/closed'});
    s = select(s, 'mfa');
    s = run(s, {type: 'precedence/opened'});
    expect(asProfileName(s)).toBe('mfa');
    expect(shownVerify(s)).toEqual({phase: 'idle'});
    s = select(run(s, {type: 'precedence/closed'}), 'default');
    expect(shownVerify(s).phase).toBe('failed');
    s = run(s, {type: 'verify/started'}, {type: 'verify/succeeded', identity});
    expect(shownVerify(s)).toEqual({phase: 'done', profile: 'default', identity});
  });

  it('ignores a late answer once verification was reset', () => {
    const s = run(loaded(), {
      type: 'verify/succeeded',
      identity: {arn: 'a', account: 'b', userId: 'c', using: 'd'},
    });
    expect(s.verify.phase).toBe('idle');
  });
});

describe('help and quit', () => {
  it('opens help over the current screen and remembers where from', () => {
    let s = run(loaded(), {type: 'precedence/opened'}, {type: 'help/opened'});
    expect(focusOf(s)).toBe('help');
    expect(s.help.from).toBe('precedence');
    s = run(s, {type: 'help/scrolled', by: 5, max: 3});
    expect(s.help.scroll).toBe(3);
    s = run(s, {type: 'help/closed'});
    expect(focusOf(s)).toBe('precedence');
  });

  it('marks the app as quitting', () => {
    expect(reducer(loaded(), {type: 'app/quit'}).quitting).toBe(true);
  });
});

describe('keys, resolved against the focus when they are applied', () => {
  const press = (state: State, input: string, flags: Parameters<typeof key>[0] = {}) =>
    reducer(state, {type: 'key/pressed', key: keyOf(input, flags)});

  it('maps a key through the focused scope’s table', () => {
    let s = press(loaded(), 'j');
    expect(s.selected).toBe('default');
    s = press(s, '', {return: true});
    expect(focusOf(s)).toBe('renew-code');
    s = press(s, 'q');
    expect(s.quitting).toBe(false);
    s = press(s, 'c', {ctrl: true});
    expect(s.quitting).toBe(true);
  });

  it('splits several characters read at once into keys, each against the focus it meets', () => {
    let s = press(loaded(), '/p49');
    expect(focusOf(s)).toBe('filter');
    expect(s.filter.text).toBe('p49');
    s = press(loaded(), 'jjj');
    expect(s.cursor).toBe(3);
    s = press(loaded(), 'jr123456');
    expect(s.renew?.phase).toBe('submitting');
    expect(s.renew?.code).toBe('123456');
  });

  it('sends text to the field in focus and ignores unbound keys elsewhere', () => {
    let s = press(loaded(), '/');
    s = press(s, 'q');
    expect(s.filter.text).toBe('q');
    expect(s.quitting).toBe(false);
    const base = loaded();
    expect(press(base, 'x')).toBe(base);
  });

  it('types a pasted key name into the filter: "Esc" does not clear it, "Ctrl-C" does not quit', () => {
    let s = press(press(loaded(), '/'), 'Esc');
    expect(s.filter).toEqual({text: 'Esc', editing: true});
    s = press(s, 'Ctrl-C');
    expect(s.quitting).toBe(false);
    expect(s.filter.text).toBe('EscCtrl-C');
  });

  it('keeps scrolling within the limits the screen reports', () => {
    let s = press(loaded(), 'p');
    for (let i = 0; i < 5; i++)
      s = reducer(s, {type: 'key/pressed', key: keyOf('j'), limits: {scrollMax: 2}});
    expect(s.precedence.scroll).toBe(2);
    s = reducer(s, {type: 'key/pressed', key: keyOf('l'), limits: {clients: 4}});
    expect(s.precedence.client).toBe(1);
  });
});

describe('precedence summary', () => {
  it('applies to the snapshot it was made from only', () => {
    const s = loaded();
    const summary = {
      snapshot: s.snapshot!,
      active: {kind: 'profile' as const, name: 'mfa', from: 'AWS_PROFILE' as const},
      conflicts: 1,
    };
    expect(reducer(s, {type: 'precedence/summarised', summary}).summary).toEqual(summary);
    const stale = {...summary, snapshot: snapshotFrom({})};
    expect(reducer(s, {type: 'precedence/summarised', summary: stale}).summary).toBeUndefined();
  });
});
