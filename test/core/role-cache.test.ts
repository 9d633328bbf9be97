import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  formatCacheExpiration,
  parseRoleCacheEntry,
  pythonInt,
  pythonJsonDumps,
  roleCacheArgs,
  roleCacheContent,
  roleCacheKeyOf,
  roleCacheKeyText,
  usableRoleCacheCredentials,
} from '../../source/core/role-cache.js';
import {expiryText} from '../../source/core/profile-text.js';
import {buildProfiles, type FileSection} from '../../source/core/profiles.js';

const ROLE = 'arn:aws:iam::123456789012:role/Admin';
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

describe('roleCacheArgs (botocore AssumeRoleProvider)', () => {
  it('takes RoleArn and only the configured extras, never TokenCode', () => {
    expect(roleCacheArgs({role_arn: ROLE, source_profile: 'default'})).toEqual({RoleArn: ROLE});
    expect(
      roleCacheArgs({
        role_arn: ROLE,
        role_session_name: 'me',
        external_id: 'x',
        mfa_serial: SERIAL,
        duration_seconds: '7200',
        region: 'eu-west-1',
      }),
    ).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'me',
      ExternalId: 'x',
      SerialNumber: SERIAL,
      DurationSeconds: 7200,
    });
  });
  it('leaves out an empty role_session_name (botocore generates one) and a duration Python cannot int()', () => {
    expect(roleCacheArgs({role_arn: ROLE, role_session_name: '', duration_seconds: '1h'})).toEqual({
      RoleArn: ROLE,
    });
    expect(roleCacheArgs({role_arn: ROLE, external_id: ''})).toEqual({
      RoleArn: ROLE,
      ExternalId: '',
    });
    expect(roleCacheArgs({source_profile: 'x'})).toBeUndefined();
  });
  it('reads duration_seconds as Python int() does', () => {
    expect(pythonInt(' 3600 ')).toBe(3600);
    expect(pythonInt('+3_600')).toBe(3600);
    expect(pythonInt('-5')).toBe(-5);
    expect(pythonInt('3600.0')).toBeUndefined();
    expect(pythonInt('3__600')).toBeUndefined();
    expect(pythonInt('')).toBeUndefined();
  });
});

describe('pythonJsonDumps', () => {
  it('writes json.dumps(sort_keys=True) text: ", " and ": " separators, sorted keys', () => {
    expect(
      roleCacheKeyText({
        SerialNumber: SERIAL,
        RoleArn: ROLE,
        DurationSeconds: 3600,
        RoleSessionName: 'me',
      }),
    ).toBe(
      `{"DurationSeconds": 3600, "RoleArn": "${ROLE}", "RoleSessionName": "me", "SerialNumber": "${SERIAL}"}`,
    );
  });
  it('escapes like ensure_ascii: quotes, backslashes, controls, non-ASCII and astral characters', () => {
    expect(pythonJsonDumps('a"b\\c\n\t\u0001\u007fé€😀/')).toBe(
      '"a\\"b\\\\c\\n\\t\\u0001\\u007f\\u00e9\\u20ac\\ud83d\\ude00/"',
    );
    expect(pythonJsonDumps([1, true, null, {b: 'x', a: []}])).toBe(
      '[1, true, null, {"b": "x", "a": []}]',
    );
    expect(pythonJsonDumps({b: 1, a: 2}, {sortKeys: true})).toBe('{"a": 2, "b": 1}');
  });
});

describe('pythonJsonDumps against Python itself', () => {
  it.skipIf(!existsSync('/usr/bin/python3'))(
    "writes every string as Python's json.dumps does (printable ASCII, controls, Unicode)",
    () => {
      const strings = fc.sample(
        fc.oneof(
          fc.string({unit: fc.constantFrom('"', '\\', '/', 'a', ' ', '~', ':', '{')}),
          fc.string({unit: 'grapheme-ascii'}),
          fc.string({unit: 'binary'}),
          fc.string({unit: 'grapheme'}),
        ),
        {numRuns: 400, seed: 7},
      );
      const python = execFileSync(
        '/usr/bin/python3',
        ['-c', 'import json,sys\nfor s in json.load(sys.stdin): print(json.dumps(s))'],
        {input: JSON.stringify(strings), encoding: 'utf8'},
      )
        .split('\n')
        .slice(0, -1);
      expect(python).toHaveLength(strings.length);
      strings.forEach((s, i) => expect(pythonJsonDumps(s)).toBe(python[i]));
    },
  );
});

describe('cache content', () => {
  const session = {
    accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: new Date('2099-01-01T00:00:00.000Z'),
    assumedRoleId: 'AROAEXAMPLE:me',
    arn: 'arn:aws:sts::123456789012:assumed-role/Admin/me',
    requestId: 'req-1',
  };
  it('is the AssumeRole response as botocore caches it, Expiration like 2099-01-01T00:00:00UTC', () => {
    const text = roleCacheContent(session);
    const data = JSON.parse(text);
    expect(data.Credentials).toEqual({
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: '2099-01-01T00:00:00UTC',
    });
    expect(data.AssumedRoleUser).toEqual({AssumedRoleId: 'AROAEXAMPLE:me', Arn: session.arn});
    expect(data.ResponseMetadata).toMatchObject({
      RequestId: 'req-1',
      HTTPStatusCode: 200,
      RetryAttempts: 0,
    });
    expect(text.startsWith('{"Credentials": {"AccessKeyId": "ASIA')).toBe(true);
    expect(formatCacheExpiration(new Date('2026-11-28T14:00:00.789Z'))).toBe(
      '2026-11-28T14:00:00UTC',
    );
  });
  it('reads back the expiry (UTC or an offset, as older CLIs wrote) and refuses anything else', () => {
    expect(parseRoleCacheEntry(roleCacheContent(session))).toEqual({expiresAt: session.expiration});
    const keys = '"AccessKeyId": "ASIAX", "SecretAccessKey": "s", "SessionToken": "t"';
    expect(
      parseRoleCacheEntry(`{"Credentials": {${keys}, "Expiration": "2099-01-01T00:00:00+00:00"}}`)
        ?.expiresAt,
    ).toEqual(session.expiration);
    expect(parseRoleCacheEntry('{"Credentials": {}}')).toBeUndefined();
    expect(parseRoleCacheEntry('not json')).toBeUndefined();
  });
});

// botocore's CachedCredentialFetcher reads AccessKeyId, SecretAccessKey and SessionToken from the
// entry (an entry without one stops the AWS CLI with a KeyError) and assumes the role again when
// less than 15 minutes are left. The list and whoami judge an entry by that one rule.
describe('one rule for a usable cached role session (list and whoami)', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const minutes = (m: number) => new Date(now.getTime() + m * 60e3);
  const roleKeys = {role_arn: ROLE, source_profile: 'default'};
  const session = {
    accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    assumedRoleId: 'AROAEXAMPLE:me',
    arn: 'arn:aws:sts::123456789012:assumed-role/Admin/me',
  };
  const text = (expiresAt: Date, drop?: string) => {
    const data = JSON.parse(roleCacheContent({...session, expiration: expiresAt}));
    if (drop) delete data.Credentials[drop];
    return JSON.stringify(data);
  };
  const listed = (entryText: string, warnSeconds: number) => {
    const entry = parseRoleCacheEntry(entryText);
    const roleCache = new Map(entry ? [['admin', entry]] : []);
    const [admin] = buildProfiles(
      {
        credentials: [
          {
            profile: 'default',
            keys: {aws_access_key_id: 'AKIAX', aws_secret_access_key: 's'},
            line: 1,
          },
        ],
        config: [{profile: 'admin', keys: roleKeys, line: 1}],
        roleCache,
      },
      {now, warnSeconds, mappings: {}},
    );
    // The state as loaded, and the column as `list` and the TUI word it (live, at the same time).
    return `${admin!.state}: ${expiryText(admin!, now, warnSeconds)}`.replace(/: $/, '');
  };

  it('an entry whose session the AWS CLI would not use is never listed valid', () => {
    for (const warnSeconds of [0, 300, 900, 3600]) {
      for (const m of [-5, 1, 10, 14, 15, 16, 30, 120]) {
        const state = listed(text(minutes(m)), warnSeconds).split(':')[0];
        const usable = usableRoleCacheCredentials(text(minutes(m)), now) !== undefined;
        expect(usable).toBe(m >= 15);
        if (state === 'valid') expect(usable).toBe(true);
        if (!usable) expect(listed(text(minutes(m)), warnSeconds)).not.toContain('valid');
      }
    }
    // Regression: warn 5 minutes, 10 left: the list said valid, whoami said no session.
    expect(listed(text(minutes(10)), 300)).toBe('expiring: expires in 10m');
  });

  it('an entry without one of the three keys is no session, for the list as for whoami', () => {
    for (const key of ['AccessKeyId', 'SecretAccessKey', 'SessionToken']) {
      const entry = text(minutes(60), key);
      expect(parseRoleCacheEntry(entry)).toBeUndefined();
      expect(usableRoleCacheCredentials(entry, now)).toBeUndefined();
      expect(listed(entry, 900)).toBe('unknown: no expiry recorded');
    }
  });

  it('names the entry only of a role the assume-role provider takes', () => {
    expect(roleCacheKeyOf(roleKeys)).toBe(roleCacheKeyText({RoleArn: ROLE}));
    expect(roleCacheKeyOf({role_arn: ROLE, credential_source: 'Environment'})).toBeDefined();
    expect(roleCacheKeyOf({role_arn: ROLE})).toBeUndefined();
    expect(roleCacheKeyOf({...roleKeys, web_identity_token_file: '/t'})).toBeUndefined();
    expect(roleCacheKeyOf({source_profile: 'default'})).toBeUndefined();
  });
});

describe('buildProfiles with the role cache', () => {
  const s = (profile: string, keys: Record<string, string>): FileSection => ({
    profile,
    keys,
    line: 1,
  });
  const config = [
    s('admin', {role_arn: ROLE, source_profile: 'default', mfa_serial: SERIAL}),
    s('reader', {role_arn: 'arn:aws:iam::123456789012:role/Reader', source_profile: 'default'}),
    s('ops', {role_arn: 'arn:aws:iam::123456789012:role/Ops', source_profile: 'default'}),
  ];
  const now = new Date('2030-01-01T12:00:00Z');
  const roleCache = new Map([
    ['admin', {expiresAt: new Date('2030-01-01T12:50:00Z')}],
    ['reader', {expiresAt: new Date('2030-01-01T12:05:00Z')}],
  ]);
  const ctx = {now, warnSeconds: 900, mappings: {}};
  // The roles' source_profile exists (a missing one makes a role broken); only the roles are looked at.
  const credentials = [
    s('default', {aws_access_key_id: 'AKIAEXAMPLEDEFAULT1', aws_secret_access_key: 'x'}),
  ];
  const roles = (files: Parameters<typeof buildProfiles>[0]) =>
    buildProfiles(files, ctx).filter((p) => p.name !== 'default');
  it('gives each role the state of its cached session: valid, expiring, or unknown when none', () => {
    const by = Object.fromEntries(roles({credentials, config, roleCache}).map((p) => [p.name, p]));
    expect(by.admin).toMatchObject({kind: 'role', state: 'valid', source: 'default'});
    expect(by.admin.expiresAt).toEqual(new Date('2030-01-01T12:50:00Z'));
    expect(by.reader.state).toBe('expiring');
    expect(by.ops).toMatchObject({state: 'unknown', expiresAt: undefined});
  });
  it('leaves roles not-applicable without a cache read', () => {
    expect(roles({credentials, config}).map((p) => p.state)).toEqual([
      'not-applicable',
      'not-applicable',
      'not-applicable',
    ]);
  });
});
