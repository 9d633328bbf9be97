import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {expiryCell, fit, kindText, truncate, wrap} from '../../source/ui/format.js';
import {deviceText, linkText as linkCell} from '../../source/core/profile-text.js';
import {printable} from '../../source/core/printable.js';
import {
  frameHeight,
  kindWidths,
  listHeight,
  profileColumns,
  scrollFor,
} from '../../source/ui/layout.js';
import {colorEnabled, toneColor} from '../../source/ui/theme.js';
import {fixedNow, sampleConfig, sampleCredentials, snapshotFrom} from './fixtures.js';

const profiles = snapshotFrom({credentials: sampleCredentials, config: sampleConfig}).profiles;
const byName = (n: string) => profiles.find((p) => p.name === n)!;

describe('cells', () => {
  // Regression: warn 5 minutes, a cached role session with 10 left read "valid" and green, while the
  // AWS CLI (and whoami) would no longer use it.
  it('judges a role row by the window in which the AWS CLI assumes the role again', () => {
    const admin = {...byName('admin'), state: 'expiring' as const};
    const at = new Date(fixedNow.getTime() + 10 * 60e3);
    expect(expiryCell({...admin, expiresAt: at}, fixedNow, 300)).toEqual({
      text: 'expires in 10m',
      tone: 'warn',
    });
    const session = {...byName('mfa'), expiresAt: at};
    expect(expiryCell(session, fixedNow, 300).tone).toBe('ok');
  });
  it('recomputes the expiry state at the given time, so countdowns cross thresholds live', () => {
    const mfa = byName('mfa');
    expect(expiryCell(mfa, fixedNow, 900)).toEqual({text: 'valid 2h 00m', tone: 'ok'});
    expect(expiryCell(mfa, new Date('2026-03-01T13:50:00Z'), 900)).toEqual({
      text: 'expires in 10m',
      tone: 'warn',
    });
    expect(expiryCell(mfa, new Date('2026-03-01T15:00:00Z'), 900)).toEqual({
      text: 'expired 1h 00m ago',
      tone: 'bad',
    });
    expect(expiryCell(byName('default'), fixedNow, 900).text).toBe('long-term');
    expect(expiryCell(byName('admin'), fixedNow, 900).text).toBe('');
  });

  it('gives a long-term key its age when known, marked past the threshold, even on a narrow terminal', () => {
    const day = 24 * 60 * 60 * 1000;
    const made = (days: number) => ({
      ...byName('default'),
      keyCreatedAt: new Date(fixedNow.getTime() - days * day),
    });
    expect(expiryCell(made(3), fixedNow, 900, 90)).toEqual({text: 'long-term 3d', tone: 'plain'});
    expect(expiryCell(made(120), fixedNow, 900, 90)).toEqual({
      text: 'long-term 120d old',
      tone: 'warn',
    });
    expect(expiryCell(made(120), fixedNow, 900, 365).tone).toBe('plain');
    const narrowest = profileColumns(40).expiry;
    expect(fit(expiryCell(made(120), fixedNow, 900).text, narrowest)).toContain('120d old');
  });

  it('shortens devices and shows links with their direction', () => {
    expect(deviceText('arn:aws:iam::111122223333:mfa/alice')).toBe('mfa/alice');
    expect(deviceText(undefined)).toBe('');
    expect(linkCell(byName('default'))).toBe('→ mfa');
    expect(linkCell(byName('mfa'))).toBe('← default');
  });

  it('marks the kind of a profile that renews on demand, at either kind width', () => {
    for (const width of [kindWidths.long, kindWidths.short]) {
      const marked = kindText({kind: 'process', renewsOnDemand: true}, width);
      expect(marked).toBe('process ↻');
      expect(stringWidth(marked)).toBeLessThanOrEqual(width);
      expect(kindText({kind: 'process'}, width)).toBe('process');
    }
    expect(kindText({kind: 'long-term'}, kindWidths.long)).toBe('long-term keys');
    expect(kindText({kind: 'long-term'}, kindWidths.short)).toBe('long-term');
  });

  it('cuts, pads and wraps text to a width', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never hands the terminal a control character from the files', () => {
    const name = 'evil\x1b[31mRED\tx\x7f\x9b';
    for (const text of [truncate(name, 40), fit(name, 40), truncate(name, 5), ...wrap(name, 8)]) {
      expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(fit(name, 20)).toBe('evil␛[31mRED␉x␡\ufffd    ');
    expect(printable('a\nb')).toBe('a␊b');
  });

  it('measures wide characters in terminal columns', () => {
    const name = '日本語プロファイル'; // 9 characters, 18 columns
    expect(stringWidth(fit(name, 20))).toBe(20);
    expect(fit(name, 20)).toBe(`${name}  `);
    expect(truncate(name, 8)).toBe('日本語…'); // 6 columns of text and the ellipsis: 7 ≤ 8
    expect(stringWidth(fit(name, 8))).toBe(8);
    expect(fit('é'.normalize('NFD'), 3)).toBe('é'.normalize('NFD') + '  ');
  });
});

describe('layout', () => {
  it('uses every column of the terminal, from 80 to 200 wide', () => {
    for (const width of [80, 100, 120, 200]) {
      const c = profileColumns(width);
      const total = c.marker + c.name + c.kind + c.key + c.device + c.link + c.expiry + c.gap * 5;
      expect(total, `width ${width}`).toBe(width);
      expect(c.expiry).toBeGreaterThanOrEqual('no expiry recorded'.length);
    }
  });

  it('narrows kinds and devices before names and expiries', () => {
    for (let width = 60; width <= 200; width++) {
      const c = profileColumns(width);
      const total = c.marker + c.name + c.kind + c.key + c.device + c.link + c.expiry + c.gap * 5;
      expect(total, `width ${width}`).toBe(width);
      expect(c.expiry, `width ${width}`).toBeGreaterThanOrEqual('expired 3h 00m ago'.length);
      // The name gives way only once the kind has its short labels and devices are at their least.
      if (c.kind === kindWidths.long || c.device > 5)
        expect(c.name, `width ${width}`).toBeGreaterThanOrEqual(14);
    }
    expect(profileColumns(80).kind).toBe(kindWidths.long);
    expect(profileColumns(60).kind).toBe(kindWidths.short);
  });

  it('shares the lines out so the frame is one line short of the terminal', () => {
    expect(frameHeight(24)).toBe(23);
    expect(listHeight({rows: 24, banner: false, warnings: false, renewOpen: false})).toBe(18);
    expect(listHeight({rows: 24, banner: true, warnings: true, renewOpen: true})).toBe(4);
    expect(listHeight({rows: 8, banner: true, warnings: true, renewOpen: true})).toBe(1);
  });

  it('scrolls as little as it can to keep the cursor on the page', () => {
    expect(scrollFor(0, 0, 10, 100)).toBe(0);
    expect(scrollFor(10, 0, 10, 100)).toBe(1);
    expect(scrollFor(5, 3, 10, 100)).toBe(3);
    expect(scrollFor(2, 3, 10, 100)).toBe(2);
    expect(scrollFor(99, 0, 10, 100)).toBe(90);
  });
});

describe('colour', () => {
  it('follows NO_COLOR, --no-color and FORCE_COLOR', () => {
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({NO_COLOR: '1'})).toBe(false);
    expect(colorEnabled({NO_COLOR: ''})).toBe(true);
    expect(colorEnabled({}, ['--no-color'])).toBe(false);
    expect(colorEnabled({NO_COLOR: '1', FORCE_COLOR: '1'})).toBe(false);
    expect(colorEnabled({FORCE_COLOR: '1'}, ['--no-color'])).toBe(false);
    expect(colorEnabled({FORCE_COLOR: '0'})).toBe(false);
  });

  it('asks Ink for no colour at all when colour is off', () => {
    for (const tone of ['ok', 'warn', 'bad', 'muted', 'accent', 'title'] as const) {
      expect(toneColor({color: false}, tone)).toBeUndefined();
      expect(toneColor({color: true}, tone)).toBeTypeOf('string');
    }
  });
});
