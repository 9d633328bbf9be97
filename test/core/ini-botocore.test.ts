// The document model, and the precedence engine's view made from it, against the real botocore:
// the one inside Debian's AWS CLI v2 (/usr/bin/aws).
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {
  checkWritable,
  diagnose,
  listSections,
  parseIni,
  profileView,
  removeKeys,
  serializeIni,
  setKeys,
  type IniFileKind,
} from '../../source/core/ini/index.js';
import {botocoreView} from '../../source/core/precedence/parsers.js';
import {awsCliMissingReason, awsCliPath} from '../helpers/aws-cli.js';
import {cleanFileArb, editArb, oddFileArb} from '../helpers/ini-arbitraries.js';

const missing = awsCliMissingReason();

// Reads each file with botocore.configloader exactly as the AWS CLI does; nested blocks flattened
// to `parent.sub` like the model's read view.
const ORACLE = `
import json, os, sys
from awscli.botocore.configloader import raw_config_parse, build_profile_map
out = {}
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    try:
        raw = raw_config_parse(os.path.join(folder, name))
    except Exception as e:
        out[name] = {'ok': False, 'error': type(e).__name__}
        continue
    sections = {}
    for section, options in raw.items():
        flat = {}
        for key, value in options.items():
            if isinstance(value, dict):
                for sub, v in value.items():
                    flat[key + '.' + sub] = v
            else:
                flat[key] = value
        sections[section] = flat
    out[name] = {'ok': True, 'sections': sections,
                 'configProfiles': list(build_profile_map(raw)['profiles'].keys())}
print(json.dumps(out))
`;

type OracleResult =
  | {ok: false; error: string}
  | {ok: true; sections: Record<string, Record<string, string>>; configProfiles: string[]};

function python(): string {
  // The interpreter the AWS CLI itself runs on, from its shebang.
  const first = readFileSync(awsCliPath, 'utf8').split('\n', 1)[0];
  return first.startsWith('#!') ? first.slice(2).trim().split(' ')[0] : '/usr/bin/python3';
}

function botocoreRead(texts: string[]): OracleResult[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-tui-botocore-'));
  try {
    texts.forEach((t, i) => writeFileSync(path.join(dir, String(i).padStart(5, '0')), t));
    const stdout = execFileSync(python(), ['-c', ORACLE, dir], {
      env: {PATH: process.env.PATH, PYTHONUTF8: '1', LANG: 'C.UTF-8'},
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    const parsed = JSON.parse(stdout) as Record<string, OracleResult>;
    return texts.map((_, i) => parsed[String(i).padStart(5, '0')]);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Checks one file: botocore refuses it exactly when diagnose says so, and otherwise reads what the model reads. */
function expectSameAsBotocore(text: string, kind: IniFileKind, result: OracleResult): boolean {
  const doc = parseIni(text);
  const found = diagnose(doc, kind).filter((d) => d.parsers.includes('botocore'));
  const refused = found.filter((d) => d.severity === 'error');
  expect(refused.length > 0, `${JSON.stringify(text)}: ${JSON.stringify(result)}`).toBe(!result.ok);
  // The precedence engine's view of the same parse refuses the same files.
  const view = botocoreView(text, kind);
  expect(view.error !== undefined, `view of ${JSON.stringify(text)}`).toBe(!result.ok);
  if (!result.ok || found.some((d) => d.code === 'default-section')) return false;
  // fromEntries, not assignment: a section may be called __proto__.
  const mine = Object.fromEntries(listSections(doc, kind).map((s) => [s.header, {...s.keys}]));
  expect(mine, JSON.stringify(text)).toEqual(result.sections);
  if (kind === 'config') {
    expect([...profileView(doc, kind).keys()].sort()).toEqual([...result.configProfiles].sort());
    expect([...view.profiles.keys()].sort()).toEqual([...result.configProfiles].sort());
  }
  return true;
}

describe.skipIf(missing)('the model against botocore', () => {
  it('refuses exactly the files botocore refuses, and reads the others as botocore does', () => {
    const odd = fc.sample(oddFileArb, {numRuns: 500, seed: 7});
    const clean = fc.sample(cleanFileArb('config'), {numRuns: 100, seed: 8});
    const texts = [...odd, ...clean];
    const results = botocoreRead(texts);
    let read = 0;
    texts.forEach((t, i) => {
      if (expectSameAsBotocore(t, 'config', results[i])) read++;
    });
    expect(read).toBeGreaterThan(150);
    expect(results.filter((r) => !r.ok).length).toBeGreaterThan(100);
  });

  it('writes edits that botocore reads back as meant', () => {
    const cases = fc.sample(
      fc.tuple(fc.oneof(oddFileArb, cleanFileArb('credentials')), editArb('credentials')),
      {numRuns: 400, seed: 9},
    );
    const texts: string[] = [];
    for (const [text, op] of cases) {
      const before = parseIni(text);
      const headers = before.lines.flatMap((l) => (l.kind === 'section' ? [l.name] : []));
      const header =
        typeof op.header === 'string' ? op.header : (headers[op.header % headers.length] ?? 'new');
      const result =
        op.type === 'set'
          ? setKeys(before, header, op.values)
          : op.type === 'remove'
            ? removeKeys(before, header, op.keys)
            : {ok: false as const};
      if (!result.ok || !checkWritable(before, result.value, 'credentials').ok) continue;
      texts.push(text, serializeIni(result.value));
    }
    expect(texts.length).toBeGreaterThan(300);
    const results = botocoreRead(texts);
    let read = 0;
    for (let i = 0; i < texts.length; i += 2) {
      // A write never makes a file botocore could read unreadable.
      if (results[i].ok) expect(results[i + 1].ok).toBe(true);
      if (expectSameAsBotocore(texts[i + 1], 'credentials', results[i + 1])) read++;
    }
    expect(read).toBeGreaterThan(100);
  });
});
