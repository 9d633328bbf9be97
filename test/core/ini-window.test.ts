// The windowed write check must decide exactly as the whole-file check: same verdict for every
// file and edit, with the real JS SDK parser on both sides (as editAwsFile runs it).
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  checkWritable,
  listSections,
  parseIni,
  profileSectionKeys,
  serializeIni,
  setKeys,
  type IniFileKind,
} from '../../source/core/ini.js';
import {writeCheckWindow} from '../../source/core/ini-window.js';
import {
  cleanFileArb,
  editArb,
  kindArb,
  oddFileArb,
  smithyRead,
  type EditOp,
  applyEdit,
  resolveHeader,
} from '../helpers/ini-arbitraries.js';

const runs = (n: number) => n * Number(process.env.INI_PROPERTY_SCALE ?? 1);

async function wholeVerdict(beforeText: string, afterText: string, kind: IniFileKind) {
  return checkWritable(parseIni(beforeText), parseIni(afterText), kind, {
    jsBefore: await smithyRead(beforeText, kind),
    jsAfter: await smithyRead(afterText, kind),
  }).ok;
}

/**
 * Files that mostly qualify for the window, with what could trip it: sections repeated under one
 * name (`[profile x]`, `[profile  x]`, `[x]`, the same header twice), nested blocks, continuation
 * lines holding `[` or `=`, comments and blank lines, keys with no value, `:` delimiters, inline
 * `#`, and now and then a header or line that disqualifies the file.
 */
const windowFileArb: fc.Arbitrary<string> = (() => {
  const header = fc.constantFrom(
    '[default]',
    '[profile default]',
    '[dev]',
    '[profile dev]',
    '[profile  dev]',
    '[mfa]',
    '[profile mfa]',
    '[new]',
    '[profile new]',
    '[sso-session corp]',
    '[services x]',
    '[x@y]',
    '[profile x@y]',
    // Rare: lines that make the file fall back to the whole check.
    '[dev] ; note',
    '  [dev]',
    '[DEFAULT]',
  );
  const body = fc.constantFrom(
    'region = eu-west-1',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key=abc',
    'output: json',
    'x = a #b',
    'x = ',
    's3 =',
    '  max_concurrent_requests = 10',
    '  endpoint_url = http://x',
    '  [inner]',
    '  more = text',
    '# comment',
    '; note',
    '',
    'mfa_serial = arn:aws:iam::123456789012:mfa/me',
    'no equals',
  );
  const section = fc.tuple(header, fc.array(body, {maxLength: 6}));
  return fc
    .tuple(
      fc.constantFrom([], ['# top'], ['', '# top']),
      fc.array(section, {minLength: 1, maxLength: 7}),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
    )
    .map(([top, sections, eol, finalNewline]) => {
      const lines = [...top, ...sections.flatMap(([h, b]) => [h, ...b])];
      return lines.join(eol) + (finalNewline ? eol : '');
    });
})();

async function expectSameVerdict(kind: IniFileKind, text: string, op: EditOp) {
  const before = parseIni(text);
  const header = resolveHeader(before, kind, op.header);
  const edited = applyEdit(before, op, header);
  if (!edited.ok) return 'no-edit';
  const afterText = serializeIni(edited.value);
  if (afterText === text) return 'unchanged';
  const window = writeCheckWindow(text, before, edited.value, kind);
  if (!window) return 'whole';
  const windowed = checkWritable(parseIni(window.before), parseIni(window.after), kind, {
    jsBefore: await smithyRead(window.before, kind),
    jsAfter: await smithyRead(window.after, kind),
  }).ok;
  expect(windowed, `window ${JSON.stringify(window)}`).toBe(
    await wholeVerdict(text, afterText, kind),
  );
  return windowed ? 'window-ok' : 'window-refused';
}

describe('writeCheckWindow', () => {
  it('decides as the whole-file check on files built to test it', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        kindArb.chain((kind) => fc.tuple(fc.constant(kind), windowFileArb, editArb(kind))),
        async ([kind, text, op]) => {
          const outcome = await expectSameVerdict(kind, text, op);
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        },
      ),
      {numRuns: runs(1500)},
    );
    // The property means something only if both verdicts and the fallback all happened.
    expect(seen.get('window-ok') ?? 0).toBeGreaterThan(100);
    expect(seen.get('window-refused') ?? 0).toBeGreaterThan(5);
    expect(seen.get('whole') ?? 0).toBeGreaterThan(50);
  });

  it('decides as the whole-file check on plain files and on files with every oddity', async () => {
    await fc.assert(
      fc.asyncProperty(
        kindArb.chain((kind) =>
          fc.tuple(fc.constant(kind), fc.oneof(cleanFileArb(kind), oddFileArb), editArb(kind)),
        ),
        async ([kind, text, op]) => {
          await expectSameVerdict(kind, text, op);
        },
      ),
      {numRuns: runs(800)},
    );
  });

  it('reads only the sections an edit touches, with those that share their name', () => {
    const text = [
      '# top',
      '[profile dev]',
      'region = eu-west-1',
      '[profile prod]',
      'region = us-east-1',
      '[dev]',
      'output = json',
      '',
    ].join('\n');
    const before = parseIni(text);
    const edited = setKeys(before, 'profile dev', {region: 'eu-north-1'});
    if (!edited.ok) throw new Error(edited.error.message);
    const window = writeCheckWindow(text, before, edited.value, 'config');
    expect(window).toEqual({
      before: '[profile dev]\nregion = eu-west-1\n[dev]\noutput = json\n',
      after: '[profile dev]\nregion = eu-north-1\n[dev]\noutput = json\n',
    });
  });

  it('leaves files it cannot reason about to the whole check', () => {
    for (const text of [
      '\uFEFF[a]\nx = 1\n',
      '[a]\rx = 1\n',
      '[DEFAULT]\nx = 1\n[a]\ny = 2\n',
      '[a] # note\nx = 1\n',
      '[a]\nx = 1\n  [b]\n',
      '[__proto__]\nx = 1\n[a]\n',
    ]) {
      const before = parseIni(text);
      const edited = setKeys(before, 'a', {region: 'x'});
      if (!edited.ok) throw new Error(edited.error.message);
      expect(writeCheckWindow(text, before, edited.value, 'credentials'), text).toBeUndefined();
    }
  });
});

describe('profileSectionKeys', () => {
  it('gives the keys listSections gives for that profile, on any file', () => {
    fc.assert(
      fc.property(
        kindArb,
        fc.oneof(windowFileArb, oddFileArb),
        fc.constantFrom('default', 'dev', 'mfa', 'new', 'x@y', 'profile dev', 'DEFAULT'),
        (kind, text, profile) => {
          const doc = parseIni(text);
          const whole = listSections(doc, kind)
            .filter((s) => s.profile === profile)
            .map((s) => s.keys);
          expect(profileSectionKeys(doc, kind, profile)).toEqual(whole);
        },
      ),
      {numRuns: runs(2000)},
    );
  });
});
