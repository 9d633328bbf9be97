import {describe, expect, it} from 'vitest';
import {
  addSection,
  checkWritable,
  configSection,
  diagnose,
  dominantEol,
  findProfileSection,
  listSections,
  parseIni,
  profileHeader,
  profileNameOf,
  removeKeys,
  serializeIni,
  setKeys,
  type IniDocument,
  type IniFileKind,
} from '../../source/core/ini/index.js';
import type {Result} from '../../source/core/errors.js';

function value(r: Result<IniDocument>): string {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return serializeIni(r.value);
}

const set = (text: string, header: string, values: Record<string, string>) =>
  value(setKeys(parseIni(text), header, values));

const codes = (text: string, kind: IniFileKind = 'config') =>
  diagnose(parseIni(text), kind).map((d) => [d.line, d.code]);

describe('parseIni / serializeIni', () => {
  it('classifies each line as botocore reads it', () => {
    const doc = parseIni(
      '# c\n[default]\nregion = us-east-1\ns3 =\n  max = 1\n\n; note\njunk\n= v\nKey: V\n',
    );
    expect(doc.lines.map((l) => l.kind)).toEqual([
      'comment',
      'section',
      'key',
      'key',
      'continuation',
      'blank',
      'comment',
      'invalid',
      'invalid',
      'key',
    ]);
    expect(doc.lines[1]).toMatchObject({name: 'default'});
    expect(doc.lines[3]).toMatchObject({key: 's3', value: '', delimiter: '='});
    expect(doc.lines[9]).toMatchObject({key: 'Key', value: 'V', delimiter: ':'});
  });

  it('keeps every line ending, a BOM and a missing final newline', () => {
    for (const text of [
      '',
      '\n',
      '\r',
      '\r\n',
      '\uFEFF',
      '\uFEFF[a]\r\nx=1\ry=2\n\nz=3',
      '[a]\r\r\n\n',
      'no newline at all',
    ]) {
      expect(serializeIni(parseIni(text))).toBe(text);
    }
    const doc = parseIni('\uFEFF[a]\r\nx=1\ry=2\nz=3');
    expect(doc.bom).toBe(true);
    expect(doc.lines.map((l) => l.eol)).toEqual(['\r\n', '\r', '\n', '']);
  });

  it('an indented line after a key is its continuation, even if it looks like a section', () => {
    const doc = parseIni('[a]\nx = 1\n  [b]\n');
    expect(doc.lines[2].kind).toBe('continuation');
  });

  it('picks the most used line ending for new lines', () => {
    expect(dominantEol(parseIni('a\r\nb\r\nc\n'))).toBe('\r\n');
    expect(dominantEol(parseIni('single line'))).toBe('\n');
  });
});

describe('profileNameOf', () => {
  it.each([
    ['default', 'config', 'default'],
    ['profile dev', 'config', 'dev'],
    ['profile  dev', 'config', 'dev'],
    ['profile "my dev"', 'config', 'my dev'],
    ['profile\tdev', 'config', 'dev'],
    ['profile', 'config', undefined],
    ['profile a b', 'config', undefined],
    ['profile "open', 'config', undefined],
    ['profile.dev', 'config', undefined],
    ['sso-session corp', 'config', undefined],
    ['services local', 'config', undefined],
    ['dev', 'config', undefined],
    ['DEFAULT', 'config', undefined],
    ['dev', 'credentials', 'dev'],
    ['profile dev', 'credentials', 'profile dev'],
    ['DEFAULT', 'credentials', undefined],
  ] as const)('[%s] in %s is %s', (header, kind, name) => {
    expect(profileNameOf(header, kind)).toBe(name);
  });

  it('gives the header for a new profile', () => {
    expect(profileHeader('config', 'dev')).toBe('profile dev');
    expect(profileHeader('config', 'default')).toBe('default');
    expect(profileHeader('credentials', 'dev')).toBe('dev');
    expect(configSection('default')).toBe('[default]');
    expect(configSection('dev')).toBe('[profile dev]');
  });

  it('finds the section botocore reads a profile from (the later of two)', () => {
    const doc = parseIni('[profile default]\na=1\n[default]\nb=2\n');
    expect(findProfileSection(doc, 'config', 'default')).toBe('default');
    expect(findProfileSection(doc, 'config', 'nope')).toBeUndefined();
  });
});

describe('listSections', () => {
  it('merges repeated sections key by key, the last value winning, with lower-cased keys', () => {
    const sections = listSections(
      parseIni('[a]\nRegion = one\nx = 1\n[b]\ny = 2\n[a]\nregion = two\n'),
      'credentials',
    );
    const lines = (s: (typeof sections)[number]) => s.blocks.map((b) => b.line + 1);
    expect(sections.map((s) => [s.header, s.line, lines(s), s.keys, s.keyLines])).toEqual([
      ['a', 1, [1, 6], {region: 'two', x: '1'}, {region: 7, x: 3}],
      ['b', 4, [4], {y: '2'}, {y: 5}],
    ]);
  });

  it('reads a nested block as parent.sub and joins other continuation lines as botocore does', () => {
    const [s] = listSections(
      parseIni(
        '[profile p]\ns3 =\n    max_concurrent_requests = 20\n\n    Addressing_Style = path\nnote = first\n  second\n\n  third\n\n',
      ),
      'config',
    );
    expect(s.profile).toBe('p');
    expect(s.keys).toEqual({
      's3.max_concurrent_requests': '20',
      's3.Addressing_Style': 'path',
      note: 'first\nsecond\n\nthird',
    });
    expect(s.keyLines['s3.Addressing_Style']).toBe(5);
  });

  it('lists sections that are not profiles without a profile name', () => {
    const sections = listSections(
      parseIni('[sso-session corp]\nsso_region = us-east-1\n'),
      'config',
    );
    expect(sections[0]).toMatchObject({header: 'sso-session corp', profile: undefined});
  });
});

describe('setKeys', () => {
  it('updates a key on its own line, keeping that line’s spacing, and drops an inline comment', () => {
    expect(set('[a]\nregion=us-east-1\nx   =   1 # old\n', 'a', {x: '2'})).toBe(
      '[a]\nregion=us-east-1\nx   =   2\n',
    );
  });

  it('updates the last of repeated keys (the one readers use) and leaves the others', () => {
    expect(set('[a]\nx = 1\n[b]\n[a]\nx = 2\n', 'a', {x: '3'})).toBe(
      '[a]\nx = 1\n[b]\n[a]\nx = 3\n',
    );
  });

  it('replaces a nested block or a multi-line value by the one-line value', () => {
    expect(set('[a]\ns3 =\n  max = 1\n\n  min = 0\ny = 1\n', 'a', {s3: 'off'})).toBe(
      '[a]\ns3 = off\n\ny = 1\n',
    );
  });

  it('rewrites an upper-case key or a `key: value` line so that the JS SDK reads it', () => {
    expect(
      set('[a]\nAWS_SESSION_TOKEN=old\nregion: x\n', 'a', {aws_session_token: 't', region: 'y'}),
    ).toBe('[a]\naws_session_token=t\nregion=y\n');
  });

  it('adds missing keys after the section’s last key, before its trailing comments and blank lines', () => {
    expect(set('[a]\nx = 1\n# about b\n\n[b]\n', 'a', {y: '2', z: '3'})).toBe(
      '[a]\nx = 1\ny = 2\nz = 3\n# about b\n\n[b]\n',
    );
  });

  it('appends a missing section at the end with the file’s line ending and spacing', () => {
    expect(set('[a]\r\nx=1\r\n', 'b', {y: '2'})).toBe('[a]\r\nx=1\r\n[b]\r\ny=2\r\n');
    expect(set('', 'b', {y: '2'})).toBe('[b]\ny = 2\n');
  });

  it('adds the missing newline before appending to a file without a final one', () => {
    expect(set('[a]\nx = 1', 'b', {y: '2'})).toBe('[a]\nx = 1\n[b]\ny = 2\n');
    expect(set('[a]\nx = 1', 'a', {y: '2'})).toBe('[a]\nx = 1\ny = 2\n');
  });

  it('separates a new section with a blank line when the file does so', () => {
    expect(set('[a]\nx = 1\n\n[b]\ny = 2\n', 'c', {z: '3'})).toBe(
      '[a]\nx = 1\n\n[b]\ny = 2\n\n[c]\nz = 3\n',
    );
  });

  it('writes values bare, even with quotes, `=`, `#` without a space, or non-ASCII', () => {
    expect(set('[a]\n', 'a', {x: '"quoted"', y: 'a=b#c', z: 'é日本'})).toBe(
      '[a]\nx = "quoted"\ny = a=b#c\nz = é日本\n',
    );
  });

  it.each([
    [{Upper: 'x'}, 'ini-bad-key'],
    [{'a.b': 'x'}, 'ini-bad-key'],
    [{x: ''}, 'ini-bad-value'],
    [{x: 'two\nlines'}, 'ini-bad-value'],
    [{x: ' padded'}, 'ini-bad-value'],
    [{x: 'a # comment'}, 'ini-bad-value'],
    [{x: ';starts'}, 'ini-bad-value'],
    [{x: 'bell\u0007'}, 'ini-bad-value'],
    [{x: 'lone \uD800'}, 'ini-bad-value'],
  ])('refuses %j (%s) and says nothing of the value', (values, code) => {
    const r = setKeys(parseIni('[a]\n'), 'a', values);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      const v = Object.values(values)[0];
      if (v.length > 2) expect(r.error.message).not.toContain(v.trim());
    }
  });

  it.each(['', ' a', 'a]', 'a # b', 'DEFAULT', '__proto__', 'x\ny'])(
    'refuses the header %j',
    (h) => {
      const r = setKeys(parseIni(''), h, {x: '1'});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('ini-bad-section');
    },
  );

  it('regression: a key added before an indented next header keeps that header a header', () => {
    const out = set('[default]\n\t[profile b]\nx = 1\n', 'default', {region: 'r'});
    expect(out).toBe('[default]\n\tregion = r\n\t[profile b]\nx = 1\n');
    expect(parseIni(out).lines[2].kind).toBe('section');
  });

  it('regression: a blank line written after a lone CR does not merge into a CRLF', () => {
    const out = set('[a]\rx = 1\r\n[b]\ny = 2\r', 'c', {z: '3'});
    const doc = parseIni(out);
    expect(serializeIni(doc)).toBe(out);
    expect(listSections(doc, 'credentials').map((s) => s.header)).toEqual(['a', 'b', 'c']);
  });
});

describe('removeKeys and addSection', () => {
  it('removes every case of a key with its continuation lines, and nothing else', () => {
    const r = removeKeys(
      parseIni('[a]\nX = 1\nkeep = 1\nx =\n  sub = 2\n# comment\n[b]\nx = 3\n'),
      'a',
      ['x'],
    );
    expect(value(r)).toBe('[a]\nkeep = 1\n# comment\n[b]\nx = 3\n');
  });

  it('adds an empty section, or refuses an existing one', () => {
    expect(value(addSection(parseIni('[a]\n'), 'b'))).toBe('[a]\n[b]\n');
    const r = addSection(parseIni('[a]\n'), 'a');
    expect(!r.ok && r.error.code).toBe('ini-section-exists');
  });
});

describe('diagnose', () => {
  it('finds nothing in a plain file, CRLF or not', () => {
    expect(codes('[default]\r\nregion = us-east-1\r\n[profile x]\r\ns3 =\r\n  a = 1\r\n')).toEqual(
      [],
    );
  });

  // The table "Where the parsers differ" in the credential-resolution reference, row by row.
  it.each<[string, string, IniFileKind, [number, string][]]>([
    ['duplicate section', '[a]\nx=1\n[a]\ny=2\n', 'credentials', [[3, 'duplicate-section']]],
    [
      'duplicate key',
      '[a]\nx=1\nX=2\n',
      'credentials',
      [
        [3, 'duplicate-key'],
        [3, 'uppercase-key'],
      ],
    ],
    ['key before any section', 'x=1\n[a]\ny=2\n', 'credentials', [[1, 'outside-section']]],
    ['inline comment', '[default]\nregion = us-east-1 # x\n', 'config', [[2, 'inline-comment']]],
    ['key: value', '[a]\nregion: us-east-1\n', 'credentials', [[2, 'colon-delimiter']]],
    ['line with no =', '[a]\njunk\n', 'credentials', [[2, 'invalid-line']]],
    ['= with no key', '[a]\n= v\n', 'credentials', [[2, 'empty-key-name']]],
    ['upper-case key', '[a]\nAWS_ACCESS_KEY_ID = x\n', 'credentials', [[2, 'uppercase-key']]],
    ['[DEFAULT]', '[DEFAULT]\nregion = x\n[a]\ny = 1\n', 'credentials', [[1, 'default-section']]],
    ['indented continuation', '[a]\nx = 1\n  y = 2\n', 'credentials', [[2, 'multi-line-value']]],
    ['empty key =', '[a]\nx =\ny = 1\n', 'credentials', [[2, 'empty-value']]],
    ['[profile  foo]', '[profile  foo]\nx = 1\n', 'config', [[1, 'profile-name-differs']]],
    [
      '[profile "foo bar"]',
      '[profile "foo bar"]\nx = 1\n',
      'config',
      [[1, 'profile-name-differs']],
    ],
    ['[profile.foo]', '[profile.foo]\nx = 1\n', 'config', [[1, 'profile-name-differs']]],
    [
      '[profile foo] in credentials',
      '[profile foo]\nx = 1\n',
      'credentials',
      [[1, 'profile-name-differs']],
    ],
    ['empty [profile x]', '[profile x]\n', 'config', [[1, 'empty-profile']]],
    ['BOM', '\uFEFF[a]\nx = 1\n', 'credentials', [[1, 'bom']]],
    ['lone CR', '[a]\rx = 1\n', 'credentials', [[1, 'lone-cr']]],
    ['nested line without =', '[a]\ns3 =\n  oops\n', 'credentials', [[3, 'nested-without-equals']]],
    ['text after ]', '[a] junk\nx = 1\n', 'credentials', [[1, 'section-not-read']]],
    ['[__proto__]', '[__proto__]\nx = 1\n', 'credentials', [[1, 'js-refuses-file']]],
    [
      '[default] and [profile default]',
      '[default]\nx=1\n[profile default]\ny=2\n',
      'config',
      [[3, 'profile-defined-twice']],
    ],
    [
      'indented [section] in a value',
      '[a]\nx = 1\n  [b]\ny = 2\n',
      'credentials',
      [
        [2, 'multi-line-value'],
        [3, 'indented-section'],
        [4, 'js-reads-differently'],
      ],
    ],
    [
      'indented key after an empty one',
      '[a]\n  s3 =\n  region = x\n',
      'credentials',
      [
        [2, 'empty-value'],
        [3, 'js-subsection'],
      ],
    ],
  ])('%s', (_, text, kind, expected) => {
    expect(codes(text, kind)).toEqual(expected);
  });

  it('says which parser, how bad, and never quotes a value', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const found = diagnose(
      parseIni(`[a]\naws_secret_access_key: ${secret}\n${secret}\nX = ${secret} # c\n`),
      'credentials',
    );
    expect(found.length).toBeGreaterThan(1);
    for (const d of found) expect(d.message).not.toContain(secret.slice(-8));
    expect(found.find((d) => d.code === 'invalid-line')).toMatchObject({
      line: 3,
      severity: 'error',
      parsers: ['botocore', 'js-sdk'],
    });
    expect(found.find((d) => d.code === 'colon-delimiter')).toMatchObject({
      severity: 'warning',
      parsers: ['js-sdk'],
      section: 'a',
      key: 'aws_secret_access_key',
    });
  });

  it('names what only the Go SDK reads otherwise when asked to: a quoted value, a header', () => {
    const text = '[profile "dev"]\nregion = "eu-west-1"\n[ prod ]\nk = v\n';
    expect(codes(text)).toEqual([]);
    const go = diagnose(parseIni(text), 'config', {go: true});
    expect(go.map((d) => [d.line, d.code, d.parsers])).toEqual([
      [1, 'profile-name-differs', ['go-sdk']],
      [2, 'quoted-value', ['go-sdk']],
    ]);
    expect(
      diagnose(parseIni('[ prod ]\nk = v\n'), 'credentials', {go: true}).map((d) => d.code),
    ).toEqual(['profile-name-differs']);
  });

  it('a broken nested line under [DEFAULT] matters only once a section inherits it', () => {
    expect(codes('[DEFAULT]\ns3 =\n  oops\n')).toEqual([[1, 'default-section']]);
    expect(codes('[DEFAULT]\ns3 =\n  oops\n[default]\nx = 1\n').map((c) => c[1])).toContain(
      'nested-without-equals',
    );
  });
});

describe('checkWritable', () => {
  const check = (
    text: string,
    kind: IniFileKind,
    edit: (d: IniDocument) => Result<IniDocument>,
  ) => {
    const before = parseIni(text);
    const after = edit(before);
    if (!after.ok) throw new Error(after.error.message);
    return checkWritable(before, after.value, kind);
  };

  it('lets an edit through a file with problems elsewhere, and reports them', () => {
    const r = check('[a]\nx=1\n[a]\ny=2\n[b]\njunk\n[c]\n', 'credentials', (d) =>
      setKeys(d, 'c', {z: '1'}),
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.diagnostics.map((d) => d.code)).toEqual(['duplicate-section', 'invalid-line']);
    }
  });

  it('refuses a key the JS SDK would not read back, naming the line and why', () => {
    const r = check('[profile  work]\nregion = x\n', 'config', (d) =>
      setKeys(d, 'profile  work', {output: 'json'}),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ini-write-refused');
      expect(r.error.message).toContain('line 3');
      expect(r.error.message).toContain('the JS SDK ignores this section');
    }
  });

  it('refuses a write to [default] that the JS SDK shadows with [profile default]', () => {
    const r = check('[profile default]\nregion = a\n[default]\nregion = b\n', 'config', (d) =>
      setKeys(d, 'default', {output: 'json'}),
    );
    expect(!r.ok && r.error.message).toContain('would not read output of [default] back');
  });

  it('refuses a write to a section botocore does not read the profile from', () => {
    const r = check('[profile default]\nregion = a\n[default]\nregion = b\n', 'config', (d) =>
      setKeys(d, 'profile default', {output: 'json'}),
    );
    expect(!r.ok && r.error.message).toContain('takes profile "default" from [default]');
  });

  it('refuses an edit that gives botocore a new error', () => {
    // A broken nested value under [DEFAULT] is harmless until a section inherits it.
    const r = check('[DEFAULT]\ns3 =\n  oops\n', 'credentials', (d) => setKeys(d, 'new', {x: '1'}));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ini-write-refused');
      expect(r.error.message).toContain('line 3');
    }
  });

  it('refuses to touch a file no client can read', () => {
    const r = check('[a]\nx = 1\n[a]\n[__proto__]\n', 'credentials', (d) =>
      setKeys(d, 'b', {y: '1'}),
    );
    expect(!r.ok && r.error.code).toBe('ini-unparseable');
  });
});
