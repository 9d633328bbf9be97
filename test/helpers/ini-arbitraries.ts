// Generators of AWS INI files for property tests, and the real JS SDK's reading of a text.
import fc from 'fast-check';
import {externalDataInterceptor, loadSharedConfigFiles} from '@smithy/shared-ini-file-loader';
import {
  addSection,
  removeKeys,
  setKeys,
  type IniDocument,
  type IniFileKind,
} from '../../source/core/ini/index.js';
import type {Result} from '../../source/core/errors.js';

export type View = Record<string, Record<string, string>>;

let counter = 0;

/** What @smithy/shared-ini-file-loader's loadSharedConfigFiles returns for `text` as one file, without touching disk. */
export async function smithyRead(text: string, kind: IniFileKind): Promise<View> {
  const base = `/nonexistent/mfa-tui-intercept/${process.pid}-${counter++}`;
  const file = `${base}/${kind}`;
  const other = `${base}/other`;
  externalDataInterceptor.interceptFile(file, text);
  externalDataInterceptor.interceptFile(other, '');
  try {
    const read = await loadSharedConfigFiles(
      kind === 'config'
        ? {configFilepath: file, filepath: other}
        : {filepath: file, configFilepath: other},
    );
    return (kind === 'config' ? read.configFile : read.credentialsFile) as View;
  } finally {
    const record = externalDataInterceptor.getFileRecord();
    delete record[file];
    delete record[other];
  }
}

export const kindArb = fc.constantFrom<IniFileKind>('credentials', 'config');

const names = [
  'default',
  'dev',
  'prod',
  'mfa',
  'work-long-term',
  'a.b',
  'x@y',
  'Dev',
  '123',
  'sso',
];
const nameArb = fc.constantFrom(...names);
const pad = fc.constantFrom('', '', '', ' ', '  ', '\t');
const sp = fc.constantFrom('', ' ', ' ', ' ', '  ', '\t');

const headerArb = fc.oneof(
  {weight: 6, arbitrary: nameArb},
  {weight: 6, arbitrary: nameArb.map((n) => `profile ${n}`)},
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        nameArb,
        fc.constantFrom(
          'profile  %',
          'profile.%',
          'sso-session %',
          'services %',
          'profile "%"',
          "profile '%'",
          'profile\t%',
          ' % ',
          'profile % x',
          'prof %',
          'DEFAULT',
          'plugins',
          '__proto__',
          'profile __proto__',
          'profile %]x',
        ),
      )
      .map(([n, t]) => t.replace('%', n)),
  },
);

const keyArb = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      'region',
      'output',
      'aws_access_key_id',
      'aws_secret_access_key',
      'aws_session_token',
      'mfa_serial',
      'x',
      'source_profile',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Region',
      'AWS_ACCESS_KEY_ID',
      'a b',
      'k.sub',
      '__proto__',
      'toString',
    ),
  },
);

const valueChars = fc.constantFrom(
  ...'abcXYZ019-_/.:+=@%,'.split(''),
  ' ',
  '#',
  ';',
  '[',
  ']',
  'é',
  '日',
  '😀',
  '"',
  "'",
);
const valueArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'us-east-1',
      'json',
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'a=b',
      'http://127.0.0.1:4566/p?x=1',
      'a#b',
      'v;w',
      'é日本',
      'arn:aws:iam::123456789012:mfa/me',
    ),
  },
  {weight: 2, arbitrary: fc.constantFrom('', '#hash', 'x # y', 'a ;b', '[x]')},
  {weight: 3, arbitrary: fc.string({unit: valueChars, minLength: 1, maxLength: 12})},
);

const commentArb = fc
  .tuple(pad, fc.constantFrom('#', ';'), fc.constantFrom('', ' note', ' [x]', ' a = b', ' é'))
  .map(([p, c, t]) => p + c + t);
const blankArb = fc.constantFrom('', '', ' ', '\t', '  ');
const invalidArb = fc.constantFrom('junk', '= x', '[]', '[unclosed', ': y', 'just words');

const sectionLineArb = fc
  .tuple(pad, headerArb, fc.constantFrom('', '', '', ' ', ' # c', ' ; c', ' junk', '\t'))
  .map(([p, h, t]) => `${p}[${h}]${t}`);

const keyLineArb = fc
  .tuple(
    fc.constantFrom('', '', '', '', ' ', '\t'),
    keyArb,
    sp,
    fc.constantFrom('=', '=', '=', '=', '=', '=', ':'),
    sp,
    valueArb,
    fc.constantFrom('', '', '', '', ' ', ' # c', ' ;c'),
  )
  .map(([i, k, a, d, b, v, t]) => `${i}${k}${a}${d}${b}${v}${t}`);

const nestedArb = fc
  .tuple(
    fc.constantFrom('s3', 'sts', 'S3'),
    fc.array(
      fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .tuple(
              fc.constantFrom('  ', '    ', '\t'),
              fc.constantFrom('max_concurrent_requests', 'endpoint_url', 'Addressing_Style'),
              sp,
              sp,
              valueArb,
            )
            .map(([i, k, a, b, v]) => `${i}${k}${a}=${b}${v}`),
        },
        {weight: 1, arbitrary: blankArb},
        {weight: 1, arbitrary: commentArb.map((c) => `  ${c}`)},
        {weight: 1, arbitrary: fc.constantFrom('  no equals', '  [inner]', '  x =')},
      ),
      {minLength: 0, maxLength: 3},
    ),
  )
  .map(([k, rest]) => [`${k} =`, ...rest]);

const continuationArb = fc
  .tuple(
    keyLineArb,
    fc.array(fc.constantFrom('  more', '  k = v', '\tx', '  [s]'), {minLength: 1, maxLength: 2}),
  )
  .map(([k, rest]) => [k, ...rest]);

const chunkArb: fc.Arbitrary<string[]> = fc.oneof(
  {weight: 4, arbitrary: sectionLineArb.map((l) => [l])},
  {weight: 10, arbitrary: keyLineArb.map((l) => [l])},
  {weight: 2, arbitrary: nestedArb},
  {weight: 1, arbitrary: continuationArb},
  {weight: 2, arbitrary: commentArb.map((l) => [l])},
  {weight: 3, arbitrary: blankArb.map((l) => [l])},
  {weight: 1, arbitrary: invalidArb.map((l) => [l])},
);

/** Joins lines with endings: one style for the file, or mixed line by line; maybe a BOM, maybe no final newline. */
function assemble(lines: string[], eols: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc
    .tuple(
      eols,
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom<'lf' | 'crlf' | 'cr' | 'mixed'>('lf', 'lf', 'crlf', 'crlf', 'cr', 'mixed'),
    )
    .map(([perLine, bom, finalNewline, style]) => {
      let text = bom ? '\uFEFF' : '';
      lines.forEach((line, i) => {
        const eol =
          style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : style === 'cr' ? '\r' : perLine[i];
        text += line;
        if (i < lines.length - 1 || finalNewline) text += eol;
      });
      return text;
    });
}

/** Files with every oddity: comments, odd spacing, nested blocks, duplicates, keys before sections, invalid lines, BOM, CR/LF/CRLF mixed. */
export const oddFileArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(keyLineArb, {maxLength: 1}),
    fc.array(fc.tuple(sectionLineArb, fc.array(chunkArb, {maxLength: 6})), {maxLength: 6}),
  )
  .chain(([before, sections]) => {
    const lines = [...before, ...sections.flatMap(([h, chunks]) => [h, ...chunks.flat()])];
    const eols = fc.array(fc.constantFrom('\n', '\r\n', '\r'), {
      minLength: lines.length,
      maxLength: lines.length,
    });
    return assemble(lines, eols);
  });

/** Arbitrary text over the characters INI parsing cares about: for round trips and the JS SDK model. */
export const iniNoiseArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(
    '[',
    ']',
    '=',
    ':',
    '#',
    ';',
    ' ',
    '\t',
    '\r',
    '\n',
    '\r\n',
    'a',
    'B',
    '.',
    '"',
    "'",
    '\uFEFF',
    'é',
    '😀',
    'profile ',
    'sso-session ',
    'default',
    '__proto__',
  ),
  maxLength: 80,
});

/** A file both botocore and the JS SDK read alike (no duplicates, lower-case `key = value`, LF/CRLF). */
export function cleanFileArb(kind: IniFileKind): fc.Arbitrary<string> {
  const cleanValue = fc.oneof(
    fc.constantFrom('us-east-1', 'json', 'AKIAIOSFODNN7EXAMPLE', 'a=b', 'a#b', 'é日本', 'x:y'),
    fc.stringMatching(/^[A-Za-z0-9/+=]{1,20}$/),
  );
  const keys = fc.uniqueArray(
    fc.constantFrom('region', 'output', 'aws_access_key_id', 'aws_secret_access_key', 'x', 'y'),
    {minLength: 1, maxLength: 4},
  );
  const headerFor = (n: string) =>
    kind === 'credentials' ? n : n === 'default' ? 'default' : `profile ${n}`;
  const section = fc
    .tuple(
      keys,
      fc.array(cleanValue, {minLength: 4, maxLength: 4}),
      fc.constantFrom(' = ', '=', ' =  ', '\t=\t'),
      fc.boolean(),
      fc.array(cleanValue, {minLength: 2, maxLength: 2}),
      fc.constantFrom([], [''], ['# comment'], ['', '; note', '']),
    )
    .map(([ks, vs, style, nested, nv, trailer]) => {
      const body = ks.map((k, i) => `${k}${style}${vs[i]}`);
      if (nested)
        body.push('s3 =', `  max_concurrent_requests = ${nv[0]}`, `  endpoint_url = ${nv[1]}`);
      return [...body, ...trailer];
    });
  return fc
    .tuple(
      fc.uniqueArray(fc.constantFrom('default', 'dev', 'prod', 'mfa', 'a.b', 'x@y'), {
        maxLength: 5,
      }),
      fc.array(section, {minLength: 5, maxLength: 5}),
      fc.constantFrom([], ['# top comment'], ['', '# top']),
    )
    .chain(([profiles, bodies, top]) => {
      const lines = [...top, ...profiles.flatMap((p, i) => [`[${headerFor(p)}]`, ...bodies[i]])];
      const eols = fc.array(fc.constantFrom('\n', '\r\n'), {
        minLength: lines.length,
        maxLength: lines.length,
      });
      return fc
        .tuple(eols, fc.boolean(), fc.constantFrom<'lf' | 'crlf' | 'mixed'>('lf', 'crlf', 'mixed'))
        .map(([perLine, finalNewline, style]) => {
          let text = '';
          lines.forEach((line, i) => {
            const eol = style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : perLine[i];
            text += line;
            if (i < lines.length - 1 || finalNewline) text += eol;
          });
          return text;
        });
    });
}

/** A value every writer check accepts. */
export const writableValueArb = fc.oneof(
  fc.constantFrom(
    'us-east-1',
    'AKIAIOSFODNN7EXAMPLE',
    'a=b',
    'a#b',
    'é日本',
    'x:y',
    '2026-01-01 00:00:00',
  ),
  fc.stringMatching(/^[A-Za-z0-9/+=]{1,40}$/),
);

export const writableKeyArb = fc.constantFrom(
  'region',
  'output',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'expiration',
  'x_security_token_expires',
  's3',
  'x',
);

export type EditOp =
  | {type: 'set'; header: number | string; values: Record<string, string>}
  | {type: 'remove'; header: number | string; keys: string[]}
  | {type: 'add'; header: number | string};

/** An edit on a section picked by index among the file's headers, or a new header. */
export function editArb(kind: IniFileKind): fc.Arbitrary<EditOp> {
  const fresh = fc
    .constantFrom('new', 'mfa', 'dev', 'default', 'x@y')
    .map((n) => (kind === 'credentials' || n === 'default' ? n : `profile ${n}`));
  const header = fc.oneof(fc.nat(20), fresh);
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        type: fc.constant('set' as const),
        header,
        values: fc.dictionary(writableKeyArb, writableValueArb, {minKeys: 1, maxKeys: 3}),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('remove' as const),
        header,
        keys: fc.uniqueArray(writableKeyArb, {minLength: 1, maxLength: 3}),
      }),
    },
    {weight: 1, arbitrary: fc.record({type: fc.constant('add' as const), header})},
  );
}

/** The file's section headers, each once, in order. */
export function headersOf(doc: IniDocument): string[] {
  const out: string[] = [];
  for (const line of doc.lines)
    if (line.kind === 'section' && !out.includes(line.name)) out.push(line.name);
  return out;
}

/** An EditOp's header: the one it names, or the file's header at that index. */
export function resolveHeader(doc: IniDocument, kind: IniFileKind, h: number | string): string {
  if (typeof h === 'string') return h;
  const headers = headersOf(doc);
  if (headers.length === 0) return kind === 'config' ? 'profile new' : 'new';
  return headers[h % headers.length];
}

/** Applies an EditOp with the real edit functions. */
export function applyEdit(doc: IniDocument, op: EditOp, header: string): Result<IniDocument> {
  if (op.type === 'set') return setKeys(doc, header, op.values);
  if (op.type === 'remove') return removeKeys(doc, header, op.keys);
  return addSection(doc, header);
}
