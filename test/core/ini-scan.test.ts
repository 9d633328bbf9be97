// The fast read (scanSections) and the errors-only diagnosis must agree with the exact document
// model on every file they accept.
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {
  diagnose,
  diagnoseErrors,
  listSections,
  parseIni,
  type IniFileKind,
} from '../../source/core/ini.js';
import {scanSections} from '../../source/core/ini-scan.js';
import {cleanFileArb, iniNoiseArb, kindArb, oddFileArb} from '../helpers/ini-arbitraries.js';

const runs = (n: number) => n * Number(process.env.INI_PROPERTY_SCALE ?? 1);

/**
 * listSections less keyLines and lines, with key order kept (entries), so order differences show.
 * `lines` is checked separately: in a file the scan accepts it is always `[line]`.
 */
function exact(text: string, kind: IniFileKind) {
  return listSections(parseIni(text), kind).map(({keyLines: _, lines, keys, ...s}) => ({
    ...s,
    keys: Object.entries(keys),
    onlyLine: lines.length === 1 && lines[0] === s.line,
  }));
}

function scanned(text: string, kind: IniFileKind) {
  const r = scanSections(text, kind);
  return {
    suspect: r.suspect,
    sections: r.sections.map(({keys, ...s}) => ({
      ...s,
      keys: Object.entries(keys),
      onlyLine: true,
    })),
  };
}

const errorsOf = (text: string, kind: IniFileKind) =>
  diagnose(parseIni(text), kind).filter((d) => d.severity === 'error');

/** Odd files without the two things the fast path always hands over (lone CR, BOM), so it gets to work. */
const oddButScannable = oddFileArb.map((t) => t.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n'));

function agrees(text: string, kind: IniFileKind) {
  const r = scanned(text, kind);
  if (r.suspect) return;
  expect(r.sections).toEqual(exact(text, kind));
  expect(errorsOf(text, kind)).toEqual([]);
}

describe('scanSections', () => {
  it('reads the sections exactly as listSections, and only files without errors', () => {
    fc.assert(
      fc.property(oddButScannable, kindArb, (text, kind) => agrees(text, kind)),
      {numRuns: runs(1500)},
    );
    fc.assert(
      fc.property(iniNoiseArb, kindArb, (text, kind) => agrees(text, kind)),
      {numRuns: runs(1500)},
    );
  });

  it('takes the fast path for clean files (so the property above is not vacuous)', () => {
    for (const kind of ['credentials', 'config'] as const) {
      fc.assert(
        fc.property(cleanFileArb(kind), (text) => {
          const r = scanned(text, kind);
          expect(r.suspect).toBe(false);
          expect(r.sections).toEqual(exact(text, kind));
        }),
        {numRuns: runs(300)},
      );
    }
    let fast = 0;
    fc.assert(
      fc.property(oddButScannable, kindArb, (text, kind) => {
        if (!scanSections(text, kind).suspect) fast++;
      }),
      {numRuns: 500},
    );
    expect(fast).toBeGreaterThan(25);
  });

  it('reads nested blocks, continuation lines and blank lines inside values', () => {
    const text = [
      '# top',
      '[profile dev]',
      'region = us-east-1',
      's3 =',
      '  max_concurrent_requests = 20',
      '',
      '  addressing_style = path',
      'note = first',
      '  second',
      '',
      '  third',
      '',
      '[sso-session corp]',
      'sso_start_url = https://x',
    ].join('\r\n');
    const r = scanSections(text, 'config');
    expect(r.suspect).toBe(false);
    expect(r.sections.map((s) => [s.header, s.profile, s.line, s.keys])).toEqual([
      [
        'profile dev',
        'dev',
        2,
        {
          region: 'us-east-1',
          's3.max_concurrent_requests': '20',
          's3.addressing_style': 'path',
          note: 'first\nsecond\n\nthird',
        },
      ],
      ['sso-session corp', undefined, 13, {sso_start_url: 'https://x'}],
    ]);
  });

  it('reads common keys written in capitals, or as part of a longer key, as the exact path does', () => {
    const text = [
      '[profile dev]',
      'Region = eu-west-1',
      'region_x = 1',
      'regio = 2',
      'AWS_ACCESS_KEY_ID: AKIAEXAMPLE',
      's3 =',
      '  max_concurrent_requests = 20',
      'S3x = 3',
      'output=json',
    ].join('\n');
    const r = scanned(text, 'config');
    expect(r.suspect).toBe(false);
    expect(r.sections).toEqual(exact(text, 'config'));
    expect(r.sections[0]!.keys.map(([k]) => k)).toEqual([
      'region',
      'region_x',
      'regio',
      'aws_access_key_id',
      's3.max_concurrent_requests',
      's3x',
      'output',
    ]);
  });

  it.each([
    ['a BOM', '\uFEFF[a]\nx = 1\n'],
    ['a lone CR', '[a]\rx = 1\n'],
    ['__proto__', '[__proto__]\nx = 1\n'],
    // Regression: `__PROTO__` passed the (case-sensitive) text check and the key was dropped.
    ['__PROTO__ as a key', '[a]\n__PROTO__ = 1\n'],
    ['a key before any section', 'x = 1\n[a]\n'],
    ['a line without = or :', '[a]\nnonsense\n'],
    ['a key without a name', '[a]\n= 1\n'],
    ['a repeated section', '[a]\nx = 1\n[a]\ny = 2\n'],
    ['a repeated key', '[a]\nx = 1\nX = 2\n'],
    ['a repeated common key, once in capitals', '[a]\nREGION = 1\nregion = 2\n'],
    ['a repeated common key', '[a]\nregion = 1\nregion: 2\n'],
    ['[DEFAULT]', '[DEFAULT]\nx = 1\n'],
    ['a nested line without =', '[a]\ns3 =\n  nonsense\n'],
  ])('hands a file with %s to the exact path', (_what, text) => {
    expect(scanSections(text, 'credentials').suspect).toBe(true);
  });
});

describe('diagnoseErrors', () => {
  it('gives exactly the errors of diagnose, in the same order', () => {
    fc.assert(
      fc.property(fc.oneof(oddFileArb, iniNoiseArb), kindArb, (text, kind) => {
        const doc = parseIni(text);
        expect(diagnoseErrors(doc, kind)).toEqual(
          diagnose(doc, kind).filter((d) => d.severity === 'error'),
        );
      }),
      {numRuns: runs(1500)},
    );
  });
});
