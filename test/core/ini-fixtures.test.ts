// Files as other tools write them (test/fixtures/ini/<tool>/), built from each tool's source or
// documented format: the AWS CLI's `aws configure` (ConfigFileWriter), aws-mfa (Python
// ConfigParser), awsume (ConfigParser, `manager = awsume`), saml2aws (go-ini, aligned `=`),
// aws-sso-cli (BEGIN/END markers, ACCOUNT:ROLE names), Leapp (the `ini` npm package, `key=value`).
import {describe, expect, it} from 'vitest';
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {
  checkWritable,
  diagnose,
  listSections,
  parseIni,
  profileHeader,
  profileView,
  serializeIni,
  setKeys,
  type IniFileKind,
} from '../../source/core/ini/index.js';
import {smithyRead, type View} from '../helpers/ini-arbitraries.js';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ini');

const fixtures = readdirSync(folder, {withFileTypes: true})
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(path.join(folder, d.name))
      .filter((f): f is IniFileKind => f === 'credentials' || f === 'config')
      .map((kind) => ({
        tool: d.name,
        kind,
        text: readFileSync(path.join(folder, d.name, kind), 'utf8'),
      })),
  );

function profiles(text: string, kind: IniFileKind): View {
  const out: View = {};
  for (const [name, p] of profileView(parseIni(text), kind)) out[name] = {...p.keys};
  return out;
}

function jsProfiles(view: View): View {
  return Object.fromEntries(
    Object.entries(view).filter(
      ([n]) => !n.startsWith('sso-session.') && !n.startsWith('services.'),
    ),
  );
}

const session = {
  aws_access_key_id: 'ASIAZZZZZZZZZZZZNEW1',
  aws_secret_access_key: 'newSecretnewSecretnewSecretnewSecret0000',
  aws_session_token: 'FwoGZXIvYXdzENEWTOKEN//',
  expiration: '2030-01-02 03:04:05',
  x_security_token_expires: '2030-01-02T03:04:05Z',
};

describe('fixtures from other tools', () => {
  it('covers every tool the issue names', () => {
    expect(new Set(fixtures.map((f) => f.tool))).toEqual(
      new Set([
        'aws-configure',
        'aws-mfa',
        'awsume',
        'saml2aws',
        'aws-sso-cli',
        'leapp',
        'hand-edited',
      ]),
    );
  });

  describe.each(fixtures)('$tool $kind', ({kind, text}) => {
    const doc = parseIni(text);

    it('round-trips byte for byte and has nothing to diagnose', () => {
      expect(serializeIni(doc)).toBe(text);
      expect(diagnose(doc, kind)).toEqual([]);
    });

    it('reads every profile and key as the JS SDK does', async () => {
      expect(profiles(text, kind)).toEqual(jsProfiles(await smithyRead(text, kind)));
    });

    it('takes session keys into an existing and a new profile, touching nothing else', async () => {
      const first = listSections(doc, kind).find((s) => s.profile !== undefined)!;
      const existing = setKeys(doc, first.header, session);
      if (!existing.ok) throw new Error(existing.error.message);
      const both = setKeys(existing.value, profileHeader(kind, 'mfa-tui-new'), session);
      if (!both.ok) throw new Error(both.error.message);
      const after = serializeIni(both.value);
      expect(checkWritable(doc, both.value, kind).ok).toBe(true);
      expect(diagnose(both.value, kind)).toEqual([]);

      // Every original line is still there, in order, unless it held a key we set.
      const kept = doc.lines.filter((l) => both.value.lines.includes(l));
      const replaced = doc.lines.filter((l) => !both.value.lines.includes(l));
      expect(kept.length + replaced.length).toBe(doc.lines.length);
      for (const l of replaced) {
        expect(l.kind === 'key' && l.key in session).toBe(true);
      }

      const js = await smithyRead(after, kind);
      expect(js[first.profile!]).toMatchObject(session);
      expect(js['mfa-tui-new']).toEqual(session);
      const before = await smithyRead(text, kind);
      for (const name of Object.keys(before)) {
        if (name !== first.profile) expect(js[name]).toEqual(before[name]);
      }
    });
  });
});

describe('edits follow each file’s own style', () => {
  const read = (tool: string, kind: IniFileKind) =>
    parseIni(readFileSync(path.join(folder, tool, kind), 'utf8'));
  const edit = (
    tool: string,
    kind: IniFileKind,
    header: string,
    values: Record<string, string>,
  ) => {
    const r = setKeys(read(tool, kind), header, values);
    if (!r.ok) throw new Error(r.error.message);
    return serializeIni(r.value);
  };

  it('saml2aws: a new key joins the aligned `=` column of its section', () => {
    const after = edit('saml2aws', 'credentials', 'saml', {expiration: '2030-01-02 03:04:05'});
    expect(after).toContain(
      'region                   = ap-southeast-2\nexpiration               = 2030-01-02 03:04:05\n\n',
    );
  });

  it('Leapp: `key=value` without spaces, and the blank line before a new section', () => {
    const after = edit('leapp', 'credentials', 'mfa', {aws_session_token: 'tok'});
    expect(after.endsWith('region=eu-central-1\n\n[mfa]\naws_session_token=tok\n')).toBe(true);
  });

  it('aws configure: no blank line before a new section, as the AWS CLI appends them', () => {
    const after = edit('aws-configure', 'credentials', 'new', {aws_access_key_id: 'AKIANEW'});
    expect(
      after.endsWith(
        'EhHMEUCIQ\n[new]\naws_access_key_id = AKIANEW\n'.replace('EhH', 'wEaCXVzLWVhc3QtMSJH'),
      ),
    ).toBe(true);
  });

  it('aws configure: a key set in a profile with a nested s3 block goes after the block', () => {
    const after = edit('aws-configure', 'config', 'profile dev', {output: 'text'});
    expect(after).toContain(
      's3 =\n    max_concurrent_requests = 20\n    addressing_style = path\noutput = text\n[profile admin]',
    );
  });

  it('aws-sso-cli: a new profile goes at the end, after the END marker, not inside the block', () => {
    const after = edit('aws-sso-cli', 'config', 'profile mine', {region: 'eu-west-1'});
    expect(after.endsWith('# END_AWS_SSO_CLI\n\n[profile mine]\nregion = eu-west-1\n')).toBe(true);
  });

  it('a hand-edited CRLF file without a final newline keeps CRLF and its tab spacing', () => {
    const after = edit('hand-edited', 'credentials', 'personal', {aws_session_token: 'tok'});
    expect(
      after.endsWith(
        '\taws_secret_access_key\t=\tje7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\r\naws_session_token\t=\ttok\r\n',
      ),
    ).toBe(true);
  });

  it('aws-mfa: refreshing the session updates the keys in place and leaves [NAME-long-term] alone', () => {
    const before = readFileSync(path.join(folder, 'aws-mfa', 'credentials'), 'utf8');
    const after = edit('aws-mfa', 'credentials', 'default', {
      aws_session_token: 'NEW',
      aws_security_token: 'NEW',
      expiration: '2030-01-02 03:04:05',
    });
    expect(after).toBe(
      before
        .replace(
          /aws_session_token = IQoJ\S+\naws_security_token = IQoJ\S+/,
          'aws_session_token = NEW\naws_security_token = NEW',
        )
        .replace('expiration = 2024-05-01 18:58:17', 'expiration = 2030-01-02 03:04:05'),
    );
  });
});
