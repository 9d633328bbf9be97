import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {
  checkWritable,
  diagnose,
  jsSdkView,
  listSections,
  parseIni,
  profileNameOf,
  profileView,
  serializeIni,
  validateHeader,
  type IniDocument,
  type IniFileKind,
} from '../../source/core/ini/index.js';
import {jsSectionKey} from '../../source/core/ini/js-sdk.js';
import {jsView} from '../../source/core/precedence/parsers.js';
import {
  cleanFileArb,
  editArb,
  iniNoiseArb,
  kindArb,
  oddFileArb,
  smithyRead,
  type EditOp,
  type View,
  applyEdit,
  resolveHeader,
} from '../helpers/ini-arbitraries.js';

/** INI_PROPERTY_SCALE=10 runs every property ten times as often (for a soak, not for CI). */
const runs = (n: number) => n * Number(process.env.INI_PROPERTY_SCALE ?? 1);

function sectionKeys(doc: IniDocument, kind: IniFileKind, header: string): Record<string, string> {
  return listSections(doc, kind).find((s) => s.header === header)?.keys ?? {};
}

function ourProfiles(doc: IniDocument, kind: IniFileKind): View {
  const out: View = {};
  for (const [name, p] of profileView(doc, kind)) out[name] = {...p.keys};
  return out;
}

function jsProfiles(view: View, kind: IniFileKind): View {
  const out: View = {};
  for (const [name, keys] of Object.entries(view)) {
    if (kind === 'config' && (name.startsWith('sso-session.') || name.startsWith('services.'))) {
      continue;
    }
    out[name] = keys;
  }
  return out;
}

/** The header of the section that line `i` sits in, if any. */
function sectionAt(doc: IniDocument, i: number): string | undefined {
  for (let j = i; j >= 0; j--) {
    const line = doc.lines[j];
    if (line.kind === 'section') return line.name;
  }
  return undefined;
}

/** Every line the edit did not have to touch is the very same line, in the same order. */
function expectOnlyNeededLinesChanged(
  before: IniDocument,
  after: IniDocument,
  op: EditOp,
  header: string,
) {
  const inBefore = new Set(before.lines);
  const inAfter = new Set(after.lines);
  const keptBefore = before.lines.filter((l) => inAfter.has(l));
  const keptAfter = after.lines.filter((l) => inBefore.has(l));
  expect(keptAfter.length).toBe(keptBefore.length);
  keptAfter.forEach((l, i) => expect(l).toBe(keptBefore[i]));
  const opKeys = op.type === 'set' ? Object.keys(op.values) : op.type === 'remove' ? op.keys : [];
  const last = before.lines.length - 1;
  before.lines.forEach((l, i) => {
    if (inAfter.has(l)) return;
    if (i === last && l.eol === '') return;
    if (l.kind === 'blank' && after.lines.some((a) => a.kind === 'blank' && a.eol === '\r\n')) {
      return;
    }
    expect(sectionAt(before, i)).toBe(header);
    expect(['key', 'continuation']).toContain(l.kind);
    if (l.kind === 'key') expect(opKeys).toContain(l.key.toLowerCase());
  });
  after.lines.forEach((l, j) => {
    if (inBefore.has(l)) return;
    if (last >= 0 && before.lines[last].eol === '' && l.raw === before.lines[last].raw) return;
    // An empty line after a lone CR gets CRLF, or the two would read back as one line ending.
    if (l.kind === 'blank' && l.eol === '\r\n' && after.lines[j - 1]?.eol === '\r') return;
    expect(op.type).not.toBe('remove');
    if (l.kind === 'key') {
      expect(sectionAt(after, j)).toBe(header);
      expect(opKeys).toContain(l.key);
    } else if (l.kind === 'section') {
      expect(l.name).toBe(header);
    } else {
      expect(l.kind).toBe('blank');
      const next = after.lines[j + 1];
      expect(next.kind === 'section' && next.name === header).toBe(true);
    }
  });
}

/** The JS SDK reads every key the edit changed (in the model's view) as meant, and every other section as before. */
async function expectJsSdkReadsEdit(
  before: IniDocument,
  after: IniDocument,
  kind: IniFileKind,
  header: string,
) {
  const jsBefore = await smithyRead(serializeIni(before), kind);
  const jsAfter = await smithyRead(serializeIni(after), kind);
  const profile = profileNameOf(header, kind);
  const jsName = profile ?? jsSectionKey(header);
  if (profile !== undefined) {
    const mineBefore = sectionKeys(before, kind, header);
    const mineAfter = sectionKeys(after, kind, header);
    for (const k of new Set([...Object.keys(mineBefore), ...Object.keys(mineAfter)])) {
      if (mineBefore[k] === mineAfter[k]) continue;
      expect(jsAfter[profile]?.[k]).toBe(mineAfter[k]);
    }
  }
  for (const name of new Set([...Object.keys(jsBefore), ...Object.keys(jsAfter)])) {
    if (name === profile || name === jsName) continue;
    expect(jsAfter[name]).toEqual(jsBefore[name]);
  }
}

describe('round trip', () => {
  it('gives back every generated file byte for byte', () => {
    fc.assert(
      fc.property(oddFileArb, (text) => serializeIni(parseIni(text)) === text),
      {numRuns: runs(1000)},
    );
  });

  it('gives back any string at all, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(fc.oneof(iniNoiseArb, fc.string({unit: 'binary'})), (text) => {
        expect(serializeIni(parseIni(text))).toBe(text);
      }),
      {numRuns: runs(1000)},
    );
  });

  it('classifies a document the same after a round trip', () => {
    fc.assert(
      fc.property(oddFileArb, (text) => {
        const doc = parseIni(text);
        expect(parseIni(serializeIni(doc))).toEqual(doc);
      }),
      {numRuns: runs(300)},
    );
  });
});

describe('the model of the JS SDK', () => {
  it('reads every file exactly as @smithy/shared-ini-file-loader does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(oddFileArb, iniNoiseArb), kindArb, async (text, kind) => {
        const real = await smithyRead(text, kind);
        expect(jsSdkView(parseIni(text), kind)).toEqual(real);
        // The precedence engine's view, from the same parse: profiles and sso-sessions.
        const view = jsView(text, kind);
        const entries = [
          ...[...view.profiles].map(([name, p]) => [name, {...p.values}]),
          ...[...view.ssoSessions].map(([name, p]) => [`sso-session.${name}`, {...p.values}]),
        ];
        const kept = Object.entries(real).filter(
          ([name]) => kind === 'credentials' || !name.startsWith('services.'),
        );
        expect(Object.fromEntries(entries)).toEqual(Object.fromEntries(kept));
      }),
      {numRuns: runs(600)},
    );
  });
});

describe('agreement with the JS SDK', () => {
  it('agrees on every profile and key when no JS SDK difference is diagnosed', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(oddFileArb, iniNoiseArb), kindArb, async (text, kind) => {
        const doc = parseIni(text);
        if (diagnose(doc, kind).some((d) => d.parsers.includes('js-sdk'))) return;
        checked++;
        expect(ourProfiles(doc, kind)).toEqual(jsProfiles(await smithyRead(text, kind), kind));
      }),
      {numRuns: runs(600)},
    );
    expect(checked).toBeGreaterThan(20);
  });

  it('never disagrees silently: each profile read differently has a JS SDK diagnostic in its section', async () => {
    await fc.assert(
      fc.asyncProperty(oddFileArb, kindArb, async (text, kind) => {
        const doc = parseIni(text);
        const found = diagnose(doc, kind).filter((d) => d.parsers.includes('js-sdk'));
        const ours = ourProfiles(doc, kind);
        const theirs = jsProfiles(await smithyRead(text, kind), kind);
        for (const name of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
          if (JSON.stringify(sorted(ours[name])) === JSON.stringify(sorted(theirs[name]))) continue;
          const lines = sectionLinesOf(doc, kind, name);
          const covered =
            found.some((d) => lines.includes(d.line)) ||
            (!(name in ours) && found.length > 0) ||
            found.some((d) => d.code === 'lone-cr' || d.code === 'js-refuses-file');
          expect(covered, `profile ${name} in ${JSON.stringify(text)}`).toBe(true);
        }
      }),
      {numRuns: runs(600)},
    );
  });

  it('finds nothing to report in files written the plain way', async () => {
    await fc.assert(
      fc.asyncProperty(
        kindArb.chain((kind) => fc.tuple(fc.constant(kind), cleanFileArb(kind))),
        async ([kind, text]) => {
          const doc = parseIni(text);
          expect(diagnose(doc, kind)).toEqual([]);
          expect(ourProfiles(doc, kind)).toEqual(jsProfiles(await smithyRead(text, kind), kind));
        },
      ),
      {numRuns: runs(300)},
    );
  });
});

function sorted(keys: Record<string, string> | undefined) {
  return keys && Object.fromEntries(Object.entries(keys).sort(([a], [b]) => a.localeCompare(b)));
}

/** 1-based numbers of all lines inside sections that botocore or the JS SDK read as `profile`. */
function sectionLinesOf(doc: IniDocument, kind: IniFileKind, profile: string): number[] {
  const out: number[] = [];
  let inside = false;
  doc.lines.forEach((line, i) => {
    if (line.kind === 'section') {
      const js = jsSectionKey(line.name);
      const jsProfile =
        kind === 'credentials'
          ? js
          : js === 'default'
            ? 'default'
            : js?.startsWith('profile.')
              ? js.slice(8)
              : undefined;
      inside = profileNameOf(line.name, kind) === profile || jsProfile === profile;
    }
    if (inside) out.push(i + 1);
  });
  return out;
}

describe('edits', () => {
  it('change only the lines they must, and the JS SDK reads the result as meant', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        kindArb.chain((kind) => fc.tuple(fc.constant(kind), oddFileArb, editArb(kind))),
        async ([kind, text, op]) => {
          const before = parseIni(text);
          const header = resolveHeader(before, kind, op.header);
          const result = applyEdit(before, op, header);
          if (!validateHeader(header).ok) {
            if (op.type !== 'remove') expect(result.ok).toBe(false);
            return;
          }
          if (!result.ok) {
            expect(op.type).toBe('add');
            expect(result.error.code).toBe('ini-section-exists');
            return;
          }
          const after = result.value;
          const afterText = serializeIni(after);
          expect(parseIni(afterText)).toEqual(after);
          expectOnlyNeededLinesChanged(before, after, op, header);
          if (checkWritable(before, after, kind).ok) {
            written++;
            await expectJsSdkReadsEdit(before, after, kind, header);
          }
        },
      ),
      {numRuns: runs(600)},
    );
    expect(written).toBeGreaterThan(100);
  });

  it('always succeed on plain files, where both parsers then read the new values', async () => {
    await fc.assert(
      fc.asyncProperty(
        kindArb.chain((kind) => fc.tuple(fc.constant(kind), cleanFileArb(kind), editArb(kind))),
        async ([kind, text, op]) => {
          const before = parseIni(text);
          const header = resolveHeader(before, kind, op.header);
          const result = applyEdit(before, op, header);
          if (!result.ok) {
            expect(result.error.code).toBe('ini-section-exists');
            return;
          }
          const after = result.value;
          expectOnlyNeededLinesChanged(before, after, op, header);
          const check = checkWritable(before, after, kind);
          expect(check.ok, JSON.stringify(check)).toBe(true);
          expect(diagnose(after, kind).filter((d) => d.code !== 'empty-profile')).toEqual([]);
          await expectJsSdkReadsEdit(before, after, kind, header);
          const profile = profileNameOf(header, kind)!;
          const mine = profileView(after, kind).get(profile)?.keys ?? {};
          if (op.type === 'set')
            for (const [k, v] of Object.entries(op.values)) expect(mine[k]).toBe(v);
          if (op.type === 'remove') for (const k of op.keys) expect(mine[k]).toBeUndefined();
        },
      ),
      {numRuns: runs(500)},
    );
  });
});
