// The per-client file views: table tests for each row of "Where the parsers differ", and two
// differential tests against the real parsers: the AWS CLI's own botocore configloader (run with
// Debian's python3) and @smithy/shared-ini-file-loader's loadSharedConfigFiles.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {loadSharedConfigFiles} from '@smithy/shared-ini-file-loader';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {botocoreView, goView, jsView} from '../../../source/core/precedence/parsers.js';
import {shlexSplit} from '../../../source/core/shlex.js';
import type {FileKind, FileView} from '../../../source/core/precedence/types.js';

const profiles = (v: FileView) =>
  Object.fromEntries([...v.profiles].map(([k, p]) => [k, {...p.values}]));

describe('rows of "Where the parsers differ"', () => {
  it('duplicate section: botocore refuses the file, JS and Go merge with the last value winning', () => {
    const text = '[a]\nx = 1\ny = 1\n[a]\nx = 2\n';
    expect(botocoreView(text, 'credentials').error).toMatchObject({line: 4});
    expect(profiles(jsView(text, 'credentials'))).toEqual({a: {x: '2', y: '1'}});
    expect(profiles(goView(text, 'credentials'))).toEqual({a: {x: '2', y: '1'}});
  });

  it('duplicate key: botocore refuses the file (case-insensitively), JS and Go take the last', () => {
    expect(botocoreView('[a]\nx = 1\nX = 2\n', 'credentials').error).toMatchObject({line: 3});
    expect(profiles(jsView('[a]\nx = 1\nx = 2\n', 'credentials'))).toEqual({a: {x: '2'}});
    expect(profiles(goView('[a]\nx = 1\nX = 2\n', 'credentials'))).toEqual({a: {x: '2'}});
  });

  it('key before any section: botocore refuses, JS and Go ignore the line', () => {
    const text = 'region = x\n[default]\nk = v\n';
    expect(botocoreView(text, 'config').error).toMatchObject({line: 1});
    expect(profiles(jsView(text, 'config'))).toEqual({default: {k: 'v'}});
    expect(profiles(goView(text, 'config'))).toEqual({default: {k: 'v'}});
  });

  it('inline comments: kept by botocore, stripped by JS and Go (only after whitespace)', () => {
    const text = '[default]\nregion = us-east-1 # x\nsecret = ab#cd\nother = v ;c\n';
    expect(profiles(botocoreView(text, 'config')).default).toEqual({
      region: 'us-east-1 # x',
      secret: 'ab#cd',
      other: 'v ;c',
    });
    expect(profiles(jsView(text, 'config')).default).toEqual({
      region: 'us-east-1',
      secret: 'ab#cd',
      other: 'v',
    });
    expect(profiles(goView(text, 'config')).default).toEqual({
      region: 'us-east-1',
      secret: 'ab#cd',
      other: 'v',
    });
  });

  it('key: value: accepted by botocore and Go, ignored by JS', () => {
    const text = '[default]\nregion: eu-west-1\n';
    expect(profiles(botocoreView(text, 'config')).default).toEqual({region: 'eu-west-1'});
    expect(jsView(text, 'config').profiles.get('default')).toBeUndefined();
    expect(profiles(goView(text, 'config')).default).toEqual({region: 'eu-west-1'});
  });

  it('line with no =: botocore refuses the file, JS and Go ignore it', () => {
    const text = '[default]\nk = v\njunk\n';
    expect(botocoreView(text, 'config').error).toMatchObject({line: 3});
    expect(profiles(jsView(text, 'config')).default).toEqual({k: 'v'});
    expect(profiles(goView(text, 'config')).default).toEqual({k: 'v'});
  });

  it('upper-case keys: lower-cased by botocore and Go, kept (so not found) by JS', () => {
    const text = '[default]\nAWS_ACCESS_KEY_ID = AKIA1234\n';
    expect(profiles(botocoreView(text, 'credentials')).default).toEqual({
      aws_access_key_id: 'AKIA1234',
    });
    expect(profiles(jsView(text, 'credentials')).default).toEqual({AWS_ACCESS_KEY_ID: 'AKIA1234'});
    expect(profiles(goView(text, 'credentials')).default).toEqual({aws_access_key_id: 'AKIA1234'});
  });

  it('[DEFAULT]: botocore copies its keys into every section; JS and Go see a profile named DEFAULT', () => {
    const text = '[DEFAULT]\nregion = r\n[a]\nk = v\n[b]\nregion = own\n';
    expect(profiles(botocoreView(text, 'credentials'))).toEqual({
      a: {k: 'v', region: 'r'},
      b: {region: 'own'},
    });
    expect(profiles(jsView(text, 'credentials'))).toEqual({
      DEFAULT: {region: 'r'},
      a: {k: 'v'},
      b: {region: 'own'},
    });
    expect(profiles(goView(text, 'credentials'))).toEqual({
      DEFAULT: {region: 'r'},
      a: {k: 'v'},
      b: {region: 'own'},
    });
  });

  it('nested s3 block: botocore keeps a block, JS flattens to s3.key, Go nests under s3', () => {
    const text = '[default]\ns3 =\n    max_concurrent_requests = 20\nregion = r\n';
    expect(profiles(botocoreView(text, 'config')).default).toEqual({
      s3: '\nmax_concurrent_requests = 20',
      region: 'r',
    });
    expect(profiles(jsView(text, 'config')).default).toEqual({
      's3.max_concurrent_requests': '20',
      region: 'r',
    });
    expect(profiles(goView(text, 'config')).default).toEqual({
      s3: '',
      's3.max_concurrent_requests': '20',
      region: 'r',
    });
    expect(
      botocoreView('[default]\ns3 =\n    max_concurrent_requests\n', 'config').error,
    ).toMatchObject({line: 2});
  });

  it('regression: a broken nested block in [DEFAULT] makes botocore refuse the file once a section inherits it', () => {
    const broken = '[DEFAULT]\ns3 =\n    oops\n';
    expect(botocoreView(broken, 'credentials').error).toBeUndefined();
    expect(botocoreView(`${broken}[a]\nk = v\n`, 'credentials').error).toMatchObject({line: 2});
    expect(botocoreView(`${broken}[a]\ns3 = own\n`, 'credentials').error).toBeUndefined();
  });

  it('regression: the JS SDK view drops a __proto__ key, as the SDK does', () => {
    const view = jsView('[a]\n__proto__ = x\nk = v\n', 'credentials');
    expect(Object.keys(view.profiles.get('a')!.values)).toEqual(['k']);
  });

  it('indented line after a key: a continuation for botocore, a key for JS, dropped by Go', () => {
    const text = '[default]\naws_access_key_id = AKIA1\n  aws_secret_access_key = s\n';
    expect(profiles(botocoreView(text, 'credentials')).default).toEqual({
      aws_access_key_id: 'AKIA1\naws_secret_access_key = s',
    });
    expect(profiles(jsView(text, 'credentials')).default).toEqual({
      aws_access_key_id: 'AKIA1',
      aws_secret_access_key: 's',
    });
    expect(profiles(goView(text, 'credentials')).default).toEqual({aws_access_key_id: 'AKIA1'});
  });

  it('empty value: botocore and Go keep an empty string, JS drops the key', () => {
    const text = '[default]\naws_access_key_id =\nregion = r\n';
    expect(profiles(botocoreView(text, 'config')).default).toEqual({
      aws_access_key_id: '',
      region: 'r',
    });
    expect(profiles(jsView(text, 'config')).default).toEqual({region: 'r'});
    expect(profiles(goView(text, 'config')).default).toEqual({aws_access_key_id: '', region: 'r'});
  });

  it('[profile  foo] and [profile "foo bar"]: named by botocore (and Go), dropped by JS', () => {
    const text = '[profile  foo]\nk = 1\n[profile "foo bar"]\nk = 2\n';
    expect(Object.keys(profiles(botocoreView(text, 'config'))).sort()).toEqual(['foo', 'foo bar']);
    expect(jsView(text, 'config').profiles.size).toBe(0);
    expect(Object.keys(profiles(goView(text, 'config'))).sort()).toEqual(['"foo bar"', 'foo']);
  });

  it('[profile.foo]: a profile only for JS', () => {
    const text = '[profile.foo]\nk = 1\n';
    expect(botocoreView(text, 'config').profiles.size).toBe(0);
    expect(profiles(jsView(text, 'config'))).toEqual({foo: {k: '1'}});
    expect(goView(text, 'config').profiles.size).toBe(0);
  });

  it('empty [profile x]: listed by botocore and Go, dropped by JS', () => {
    const text = '[profile x]\n';
    expect(botocoreView(text, 'config').profiles.has('x')).toBe(true);
    expect(jsView(text, 'config').profiles.has('x')).toBe(false);
    expect(goView(text, 'config').profiles.has('x')).toBe(true);
  });

  it('UTF-8 BOM: botocore refuses the file, JS reads it, Go loses the first section', () => {
    const text = '\uFEFF[default]\nk = v\n[b]\nk = w\n';
    expect(botocoreView(text, 'credentials').error?.message).toMatch(/byte-order mark/);
    expect(profiles(jsView(text, 'credentials'))).toEqual({default: {k: 'v'}, b: {k: 'w'}});
    expect(profiles(goView(text, 'credentials'))).toEqual({b: {k: 'w'}});
  });

  it('CRLF: every client reads it like LF', () => {
    const lf = '[default]\nk = v\n[profile a]\nx = y\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    for (const view of [botocoreView, jsView, goView]) {
      expect(profiles(view(crlf, 'config'))).toEqual(profiles(view(lf, 'config')));
    }
  });

  it('[profile foo] in the credentials file: "profile foo" for botocore, "profile.foo" for JS, dropped by Go', () => {
    const text = '[profile foo]\nk = v\n';
    expect([...botocoreView(text, 'credentials').profiles.keys()]).toEqual(['profile foo']);
    expect([...jsView(text, 'credentials').profiles.keys()]).toEqual(['profile.foo']);
    expect(goView(text, 'credentials').profiles.size).toBe(0);
  });

  it('[default] and [profile default] in config: botocore takes the later, JS and Go [profile default]', () => {
    const text = '[profile default]\nk = prefixed\n[default]\nk = plain\n';
    expect(profiles(botocoreView(text, 'config')).default).toEqual({k: 'plain'});
    expect(profiles(jsView(text, 'config')).default).toEqual({k: 'prefixed'});
    expect(profiles(goView(text, 'config')).default).toEqual({k: 'prefixed'});
    const reversed = '[default]\nk = plain\n[profile default]\nk = prefixed\n';
    expect(profiles(botocoreView(reversed, 'config')).default).toEqual({k: 'prefixed'});
    expect(profiles(goView(reversed, 'config')).default).toEqual({k: 'prefixed'});
  });

  it('sso-session sections are not profiles', () => {
    const text = '[sso-session corp]\nsso_region = r\n[profile a]\nsso_session = corp\n';
    for (const view of [botocoreView, jsView, goView]) {
      const v = view(text, 'config');
      expect([...v.profiles.keys()]).toEqual(['a']);
      expect(v.ssoSessions.get('corp')?.values.sso_region).toBe('r');
    }
  });

  it('[__proto__] makes the JS SDK ignore the whole file', () => {
    expect(jsView('[default]\nk = v\n[__proto__]\nx = 1\n', 'credentials').error?.line).toBe(3);
  });

  it('Go removes quotes around a whole value and accepts comments on section lines', () => {
    expect(profiles(goView('[default] ; c\nk = "quoted"\n', 'config')).default).toEqual({
      k: 'quoted',
    });
  });

  it('shlexSplit handles quotes and rejects an open quote', () => {
    expect(shlexSplit('profile "foo bar"')).toEqual(['profile', 'foo bar']);
    expect(shlexSplit("profile 'a b'")).toEqual(['profile', 'a b']);
    expect(shlexSplit('profile  foo')).toEqual(['profile', 'foo']);
    expect(shlexSplit('profile "open')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// A corpus of small INI files mixing every construct the parsers disagree on.

const headers = [
  '[default]',
  '[profile a]',
  '[profile  a]',
  '[profile "a b"]',
  '[profile.a]',
  '[a]',
  '[DEFAULT]',
  '[sso-session s]',
  '[profile default]',
  '[default] # c',
  '[ a ]',
  '[profile a b]',
];
const keyLines = [
  'aws_access_key_id = AKIA1',
  'aws_secret_access_key = s/e+c',
  'AWS_ACCESS_KEY_ID = AKIA2',
  'region: eu-west-1',
  'region = us-east-1 # note',
  'k=v;c',
  'k = v#x',
  'empty =',
  'role_arn = arn:aws:iam::1:role/x',
  'k = a = b',
  '  indented = 1',
  '    continued value',
  's3 =',
  '    max = 2',
];
const otherLines = ['', '# comment', '; comment', '   # indented comment'];

const iniText = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.constantFrom(...headers),
        fc.constantFrom(...keyLines),
        fc.constantFrom(...otherLines),
      ),
      {
        minLength: 1,
        maxLength: 10,
      },
    ),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([lines, eol, keyFirst]) => (keyFirst ? lines : ['[default]', ...lines]).join(eol) + eol);

const tableCorpus = [
  '[a]\nx = 1\n[a]\nx = 2\n',
  '[default]\nregion = us-east-1 # x\n',
  '[default]\nregion: r\n',
  '[default]\nAWS_ACCESS_KEY_ID = A\n',
  '[DEFAULT]\nr = 1\n[x]\nk = v\n',
  '[default]\ns3 =\n  a = 1\n  b = 2\nregion = r\n',
  '[default]\nk =\n',
  '[profile  foo]\nk = 1\n',
  '[profile.foo]\nk = 1\n',
  '\uFEFF[default]\nk = v\n',
  '[profile x]\n',
  '[profile default]\nk = 1\n[default]\nk = 2\n',
];
const corpus = [...tableCorpus, ...fc.sample(iniText, {numRuns: 250, seed: 20260601})];

const pythonOracle = `
import json, os, sys, tempfile
from awscli.botocore import configloader
out = []
d = tempfile.mkdtemp()
for i, text in enumerate(json.load(sys.stdin)):
    p = os.path.join(d, str(i))
    with open(p, 'wb') as f:
        f.write(text.encode('utf-8'))
    r = {}
    for kind in ('credentials', 'config'):
        try:
            if kind == 'credentials':
                r[kind] = {'profiles': configloader.raw_config_parse(p), 'sso': {}}
            else:
                c = configloader.load_config(p)
                r[kind] = {'profiles': c['profiles'], 'sso': c['sso_sessions']}
        except Exception as e:
            r[kind] = {'error': type(e).__name__}
    out.append(r)
print(json.dumps(out))
`;

/** Our view in the shape botocore returns: nested blocks as dicts, as `_parse_nested` builds them. */
function botocoreShape(view: FileView): unknown {
  if (view.error) return {error: true};
  const shape = (m: FileView['profiles']) =>
    Object.fromEntries(
      [...m].map(([name, p]) => [
        name,
        Object.fromEntries(
          Object.entries(p.values).map(([k, v]) => {
            if (!v.startsWith('\n')) return [k, v];
            const nested: Record<string, string> = {};
            for (const line of v.split('\n')) {
              const t = line.trim();
              if (!t) continue;
              const i = t.indexOf('=');
              nested[t.slice(0, i).trim()] = t.slice(i + 1).trim();
            }
            return [k, nested];
          }),
        ),
      ]),
    );
  return {profiles: shape(view.profiles), sso: shape(view.ssoSessions)};
}

const hasCliPython =
  existsSync('/usr/bin/python3') &&
  existsSync('/usr/lib/python3/dist-packages/awscli/botocore/configloader.py');

describe('differential: our views against the real parsers', () => {
  it.skipIf(!hasCliPython)("botocoreView equals the AWS CLI's own botocore configloader", () => {
    const r = spawnSync('/usr/bin/python3', ['-c', pythonOracle], {
      input: JSON.stringify(corpus),
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    expect(r.status, r.stderr).toBe(0);
    const real = JSON.parse(r.stdout) as Record<FileKind, {error?: string}>[];
    let compared = 0;
    corpus.forEach((text, i) => {
      for (const kind of ['credentials', 'config'] as const) {
        const expected = real[i][kind].error ? {error: true} : real[i][kind];
        expect(
          botocoreShape(botocoreView(text, kind)),
          `${kind} view of ${JSON.stringify(text)}`,
        ).toEqual(expected);
        compared++;
      }
    });
    expect(compared).toBe(corpus.length * 2);
  });

  it('jsView equals @smithy/shared-ini-file-loader', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-tui-jsview-'));
    try {
      for (const [i, text] of corpus.entries()) {
        const file = path.join(dir, `f${i}`);
        writeFileSync(file, text);
        const real = await loadSharedConfigFiles({
          filepath: file,
          configFilepath: file,
          ignoreCache: true,
        });
        const ours = {config: jsView(text, 'config'), credentials: jsView(text, 'credentials')};
        const configShape = {
          ...profiles(ours.config),
          ...Object.fromEntries(
            [...ours.config.ssoSessions].map(([k, p]) => [`sso-session.${k}`, {...p.values}]),
          ),
        };
        expect(
          ours.config.error ? {} : configShape,
          `config view of ${JSON.stringify(text)}`,
        ).toEqual({...real.configFile});
        expect(
          ours.credentials.error ? {} : profiles(ours.credentials),
          `credentials view of ${JSON.stringify(text)}`,
        ).toEqual({
          ...real.credentialsFile,
        });
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
