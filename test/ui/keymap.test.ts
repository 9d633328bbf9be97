import {describe, expect, it} from 'vitest';
import {
  barItems,
  durationNote,
  helpSections,
  keyLabel,
  keymap,
  matchBinding,
  scopeOrder,
  type Scope,
} from '../../source/ui/keymap.js';
import {roleLimits, sessionLimits} from '../../source/core/durations.js';
import type {Action} from '../../source/ui/state/actions.js';
import {key, keyBarText, keyOf} from './keys.js';

/** The action a key dispatches in a scope (undefined: a text field takes it as typing). */
const actionFor = (scope: Scope, input: string, flags: Parameters<typeof key>[0] = {}) =>
  matchBinding(scope, keyOf(input, flags))?.action({});
const quit: Action = {type: 'app/quit'};

const scopes = Object.keys(keymap) as Scope[];

describe('keymap table', () => {
  it('notes the duration limits of the plan’s kind: a role’s are not a session’s', () => {
    const longest = (limits: {max: number}) => `to ${limits.max / 3600} h`;
    expect(durationNote('session')).toContain(longest(sessionLimits));
    expect(durationNote('role')).toContain(longest(roleLimits));
    expect(durationNote('role')).not.toContain(longest(sessionLimits));
    expect(durationNote()).toContain(longest(roleLimits));
    expect(keymap['renew-duration'].note).toBe(durationNote());
  });

  it('lists every scope in the help order', () => {
    expect([...scopeOrder].sort()).toEqual([...scopes].sort());
  });

  it('never binds one key to two commands in the same scope', () => {
    for (const scope of scopes) {
      const seen = new Set<string>();
      for (const b of keymap[scope].bindings) {
        for (const k of b.keys) {
          expect(seen.has(k), `${scope}: ${k} is bound twice`).toBe(false);
          seen.add(k);
        }
      }
    }
  });

  it('lets Ctrl-C quit from every scope, and q only where nothing is typed', () => {
    for (const scope of scopes) {
      expect(actionFor(scope, 'c', {ctrl: true})).toEqual(quit);
    }
    expect(actionFor('profiles', 'q')).toEqual(quit);
    expect(actionFor('precedence', 'q')).toEqual(quit);
    expect(actionFor('filter', 'q')).toBeUndefined();
    expect(actionFor('renew-code', 'q')).toBeUndefined();
    expect(actionFor('renew-duration', 'q')).toBeUndefined();
  });
});

describe('matchBinding', () => {
  it('maps named keys and characters per scope', () => {
    expect(actionFor('profiles', '', {return: true})).toEqual({type: 'renew/opened'});
    expect(actionFor('profiles', 'r')).toEqual({type: 'renew/opened'});
    expect(actionFor('profiles', '', {downArrow: true})).toEqual({
      type: 'cursor/moved',
      move: 'down',
    });
    expect(actionFor('profiles', 'j')).toEqual({type: 'cursor/moved', move: 'down'});
    expect(actionFor('profiles', 'G', {shift: true})).toEqual({
      type: 'cursor/moved',
      move: 'bottom',
    });
    expect(actionFor('profiles', '/')).toEqual({type: 'filter/opened'});
    expect(actionFor('profiles', '?')).toEqual({type: 'help/opened'});
    expect(actionFor('profiles', 'p')).toEqual({type: 'precedence/opened'});
    expect(actionFor('renew-code', '', {return: true})).toEqual({type: 'renew/started'});
    expect(actionFor('renew-code', '', {escape: true, meta: true})).toEqual({
      type: 'renew/cancelled',
    });
    expect(actionFor('renew-code', 'd')).toEqual({type: 'renew/field-toggled'});
    expect(actionFor('renew-duration', 'd')).toBeUndefined();
    expect(actionFor('precedence', 'v')).toEqual({type: 'verify/started'});
    expect(actionFor('precedence', 'a')).toEqual({type: 'precedence/as-profile-toggled'});
  });

  it('leaves digits and pastes to the text fields', () => {
    expect(actionFor('renew-code', '1')).toBeUndefined();
    expect(actionFor('renew-code', '123456')).toBeUndefined();
    expect(actionFor('filter', 'prod')).toBeUndefined();
  });

  it('does not take Alt+key for the plain key', () => {
    expect(actionFor('profiles', 'q', {meta: true})).toBeUndefined();
  });

  it('treats both Backspace codes as erase (Ink reports DEL as delete)', () => {
    expect(actionFor('filter', '', {backspace: true})).toEqual({type: 'filter/erased'});
    expect(actionFor('filter', '', {delete: true})).toEqual({type: 'filter/erased'});
  });
});

describe('key bar and help, drawn from the table', () => {
  it('merges neighbours with the same label', () => {
    expect(barItems('profiles')[0]).toEqual({keys: '↑↓', label: 'move'});
    expect(keyBarText('profiles', 200)).toBe(
      '↑↓ move  Enter renew  R batch  / filter  p precedence  ? help  q quit',
    );
  });

  it('shows every bar label when there is room, and never overflows', () => {
    for (const scope of scopes) {
      const wide = keyBarText(scope, 500);
      for (const b of keymap[scope].bindings) if (b.bar) expect(wide).toContain(b.bar);
      for (const width of [20, 40, 80])
        expect(keyBarText(scope, width).length).toBeLessThanOrEqual(width);
    }
  });

  it('lists every binding in the help, the current scope first', () => {
    const sections = helpSections('precedence');
    expect(sections[0].title).toBe('Precedence');
    expect(sections).toHaveLength(scopes.length);
    for (const scope of scopes) {
      const section = sections.find((s) => s.title === keymap[scope].title)!;
      expect(section.rows.map((r) => r.help)).toEqual(keymap[scope].bindings.map((b) => b.help));
    }
  });

  it('writes keys the way people read them', () => {
    expect(keyLabel(keyOf('', {return: true}))).toBe('Enter');
    expect(keyLabel(keyOf('c', {ctrl: true}))).toBe('Ctrl-C');
    expect(keyLabel(keyOf('', {upArrow: true}))).toBe('↑');
    expect(keyLabel(keyOf('/'))).toBe('/');
    expect(keyLabel(keyOf(' '))).toBe('Space');
  });
});

/** The key table as Markdown, for docs/keys.md. */
function keyTableMarkdown(): string {
  const out = [
    '# Keys',
    '',
    'Generated from `source/ui/keymap.ts`, the table the TUI itself uses.',
    '',
  ];
  for (const section of helpSections()) {
    out.push(`## ${section.title}`, '');
    if (section.note) out.push(section.note, '');
    out.push('| keys | does |', '|---|---|');
    for (const row of section.rows) {
      const keys = row.keys
        .split(' ')
        .map((k) => `\`${k.replace('|', '\\|')}\``)
        .join(' ');
      out.push(`| ${keys} | ${row.help.replace('|', '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

describe('docs/keys.md', () => {
  // After changing keys: UPDATE_DOCS=1 npx vitest run test/ui/keymap.test.ts
  it('is the key table as generated from the keymap', async () => {
    const {readFileSync, writeFileSync} = await import('node:fs');
    const {fileURLToPath} = await import('node:url');
    const prettier = await import('prettier');
    const file = fileURLToPath(new URL('../../docs/keys.md', import.meta.url));
    const options = (await prettier.resolveConfig(file)) ?? {};
    // Formatted as `npm run format` leaves it, so the file is both generated and Prettier-clean.
    const expected = await prettier.format(keyTableMarkdown(), {...options, parser: 'markdown'});
    if (process.env.UPDATE_DOCS) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});
