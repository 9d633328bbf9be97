import {describe, expect, it} from 'vitest';
import {
  barItems,
  helpSections,
  keyBarText,
  keyLabel,
  keymap,
  matchCommand,
  scopeOrder,
  type Scope,
} from '../../source/ui/keymap.js';
import {key} from './keys.js';

const scopes = Object.keys(keymap) as Scope[];

describe('keymap table', () => {
  it('lists every scope in the help order', () => {
    expect([...scopeOrder].sort()).toEqual([...scopes].sort());
  });

  it('never binds one key to two commands in the same scope', () => {
    for (const scope of scopes) {
      const seen = new Map<string, string>();
      for (const b of keymap[scope].bindings) {
        for (const spec of b.keys) {
          const id = JSON.stringify(spec);
          expect(seen.get(id), `${scope}: ${keyLabel(spec)} is bound twice`).toBeUndefined();
          seen.set(id, b.command);
        }
      }
    }
  });

  it('lets Ctrl-C quit from every scope, and q only where nothing is typed', () => {
    for (const scope of scopes) {
      expect(matchCommand(scope, 'c', key({ctrl: true})), scope).toBe('quit');
    }
    expect(matchCommand('profiles', 'q', key())).toBe('quit');
    expect(matchCommand('precedence', 'q', key())).toBe('quit');
    expect(matchCommand('filter', 'q', key())).toBeUndefined();
    expect(matchCommand('renew-code', 'q', key())).toBeUndefined();
    expect(matchCommand('renew-duration', 'q', key())).toBeUndefined();
  });
});

describe('matchCommand', () => {
  it('maps named keys and characters per scope', () => {
    expect(matchCommand('profiles', '', key({return: true}))).toBe('renew');
    expect(matchCommand('profiles', 'r', key())).toBe('renew');
    expect(matchCommand('profiles', '', key({downArrow: true}))).toBe('down');
    expect(matchCommand('profiles', 'j', key())).toBe('down');
    expect(matchCommand('profiles', 'G', key({shift: true}))).toBe('bottom');
    expect(matchCommand('profiles', '/', key())).toBe('filter');
    expect(matchCommand('profiles', '?', key())).toBe('help');
    expect(matchCommand('profiles', 'p', key())).toBe('precedence');
    expect(matchCommand('renew-code', '', key({return: true}))).toBe('submit');
    expect(matchCommand('renew-code', '', key({escape: true, meta: true}))).toBe('cancel');
    expect(matchCommand('renew-code', 'd', key())).toBe('duration-field');
    expect(matchCommand('renew-duration', 'd', key())).toBeUndefined();
    expect(matchCommand('precedence', 'v', key())).toBe('verify');
    expect(matchCommand('precedence', 'a', key())).toBe('as-profile');
  });

  it('leaves digits and pastes to the text fields', () => {
    expect(matchCommand('renew-code', '1', key())).toBeUndefined();
    expect(matchCommand('renew-code', '123456', key())).toBeUndefined();
    expect(matchCommand('filter', 'prod', key())).toBeUndefined();
  });

  it('does not take Alt+key for the plain key', () => {
    expect(matchCommand('profiles', 'q', key({meta: true}))).toBeUndefined();
  });

  it('treats both Backspace codes as erase (Ink reports DEL as delete)', () => {
    expect(matchCommand('filter', '', key({backspace: true}))).toBe('erase');
    expect(matchCommand('filter', '', key({delete: true}))).toBe('erase');
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
    expect(keyLabel({key: 'return'})).toBe('Enter');
    expect(keyLabel({input: 'c', ctrl: true})).toBe('Ctrl-C');
    expect(keyLabel({key: 'upArrow'})).toBe('↑');
    expect(keyLabel({input: '/'})).toBe('/');
  });
});

describe('docs/keys.md', () => {
  // After changing keys: UPDATE_DOCS=1 npx vitest run test/ui/keymap.test.ts
  it('is the key table as generated from the keymap', async () => {
    const {readFileSync, writeFileSync} = await import('node:fs');
    const {fileURLToPath} = await import('node:url');
    const prettier = await import('prettier');
    const {keyTableMarkdown} = await import('../../source/ui/keymap.js');
    const file = fileURLToPath(new URL('../../docs/keys.md', import.meta.url));
    const options = (await prettier.resolveConfig(file)) ?? {};
    // Formatted as `npm run format` leaves it, so the file is both generated and Prettier-clean.
    const expected = await prettier.format(keyTableMarkdown(), {...options, parser: 'markdown'});
    if (process.env.UPDATE_DOCS) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});
