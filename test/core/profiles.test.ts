import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {expiryOfKeys} from '../../source/core/expiry.js';
import {resolveSerial} from '../../source/core/mfa.js';
import {ssoTokenKeys} from '../../source/core/precedence/index.js';
import {roleChainProblem, ssoCacheKeys} from '../../source/core/profile-links.js';
import {
  buildProfiles,
  classify,
  sessionUsable,
  type FileSection,
} from '../../source/core/profiles.js';

const now = new Date('2026-11-28T12:00:00Z');
const ctx = {now, warnSeconds: 900, mappings: {}};
const s = (profile: string, keys: Record<string, string>, line = 1): FileSection => ({
  profile,
  keys,
  line,
});
const AKIA = 'AKIAIOSFODNN7EXAMPLE';
const ASIA = 'ASIAIOSFODNN7SESSION';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('classify', () => {
  it('tells long-term keys, sessions, roles, SSO, processes, config keys and broken ones apart', () => {
    expect(classify({aws_access_key_id: AKIA, aws_secret_access_key: SECRET}, undefined).kind).toBe(
      'long-term',
    );
    expect(
      classify(
        {aws_access_key_id: ASIA, aws_secret_access_key: SECRET, aws_session_token: 'tok'},
        undefined,
      ).kind,
    ).toBe('session');
    expect(classify(undefined, {role_arn: 'arn:aws:iam::1:role/r', source_profile: 'x'}).kind).toBe(
      'role',
    );
    expect(classify(undefined, {sso_session: 'corp', sso_account_id: '1'}).kind).toBe('sso');
    expect(classify(undefined, {credential_process: 'x'}).kind).toBe('process');
    expect(classify(undefined, {aws_access_key_id: AKIA, aws_secret_access_key: SECRET}).kind).toBe(
      'config-keys',
    );
    expect(classify(undefined, {region: 'eu-west-1'}).kind).toBe('settings');
  });
  it('calls half a pair, a role without source, and ASIA without token broken, with a reason', () => {
    const half = classify({aws_access_key_id: AKIA}, undefined);
    expect(half.kind).toBe('broken');
    expect(half.problems[0]).toContain('aws_secret_access_key');
    expect(classify(undefined, {role_arn: 'arn:aws:iam::1:role/r'}).kind).toBe('broken');
    expect(
      classify(undefined, {role_arn: 'a', source_profile: 'x', credential_source: 'Environment'})
        .kind,
    ).toBe('broken');
    expect(classify({aws_access_key_id: ASIA, aws_secret_access_key: SECRET}, undefined).kind).toBe(
      'broken',
    );
  });
});

describe('classify: which keys botocore uses', () => {
  const pair = {aws_access_key_id: AKIA, aws_secret_access_key: SECRET};
  // Regression: any sso_* key made a profile SSO; botocore's SSO provider needs a role or account.
  it('takes a profile with sso_session but no SSO role by its keys', () => {
    expect(classify(pair, {sso_session: 'corp'})).toMatchObject({kind: 'long-term'});
    expect(classify(pair, {sso_session: 'corp', sso_role_name: 'R'}).kind).toBe('sso');
  });
  // Regression: a lone secret in the credentials file hid the config file's pair.
  it('uses the config pair when the credentials file has no aws_access_key_id', () => {
    expect(classify({aws_secret_access_key: 'x'}, pair)).toMatchObject({
      kind: 'config-keys',
      keyClass: 'long-term',
    });
    expect(classify({aws_secret_access_key: 'x'}, undefined).kind).toBe('broken');
  });
  // Regression: keys in the config file were taken before credential_process, which botocore runs first.
  it('runs credential_process before the config file keys, after the credentials file keys', () => {
    const process = {credential_process: 'get-creds'};
    expect(classify(undefined, {...pair, ...process}).kind).toBe('process');
    expect(classify(pair, process).kind).toBe('long-term');
  });
  // Regression: an empty aws_security_token (read first) left a session key without a token.
  it('reads the token botocore reads: an empty aws_security_token hides aws_session_token', () => {
    const session = {aws_access_key_id: ASIA, aws_secret_access_key: SECRET};
    expect(
      classify({...session, aws_security_token: '', aws_session_token: 't'}, undefined),
    ).toMatchObject({
      kind: 'broken',
      hasToken: false,
    });
    expect(classify({...session, aws_session_token: 't'}, undefined)).toMatchObject({
      kind: 'session',
      keyClass: 'session',
    });
  });
});

describe('buildProfiles', () => {
  const files = {
    credentials: [
      s('default', {
        aws_access_key_id: AKIA,
        aws_secret_access_key: SECRET,
        mfa_serial: 'arn:aws:iam::123456789012:mfa/alice',
      }),
      s('mfa', {
        aws_access_key_id: ASIA,
        aws_secret_access_key: SECRET,
        aws_session_token: 'tok',
        expiration: '2026-11-28 20:00:00',
      }),
      s('old', {
        aws_access_key_id: ASIA,
        aws_secret_access_key: SECRET,
        aws_session_token: 'tok',
        x_security_token_expires: '2026-11-28T09:00:00Z',
      }),
      s('soon', {
        aws_access_key_id: ASIA,
        aws_secret_access_key: SECRET,
        aws_session_token: 'tok',
        aws_credential_expiration: '2026-11-28T12:10:00Z',
      }),
      s('bare', {aws_access_key_id: ASIA, aws_secret_access_key: SECRET, aws_session_token: 'tok'}),
    ],
    config: [
      s('dev', {region: 'eu-west-1'}),
      s('default', {region: 'us-east-1'}),
      s('admin', {role_arn: 'arn:aws:iam::123456789012:role/admin', source_profile: 'default'}),
    ],
  };
  const profiles = buildProfiles(files, ctx);
  const by = (n: string) => profiles.find((p) => p.name === n)!;

  it('lists config profiles in file order, then credentials-only ones', () => {
    expect(profiles.map((p) => p.name)).toEqual([
      'dev',
      'default',
      'admin',
      'mfa',
      'old',
      'soon',
      'bare',
    ]);
  });
  it('gives each session its state from whichever expiry key it has', () => {
    expect(by('mfa').state).toBe('valid');
    expect(by('mfa').expiresAt?.toISOString()).toBe('2026-11-28T20:00:00.000Z');
    expect(by('old').state).toBe('expired');
    expect(by('soon').state).toBe('expiring');
    expect(by('bare').state).toBe('unknown');
  });
  it('links sessions to sources and long-term profiles to existing targets', () => {
    expect(by('mfa').source).toBe('default');
    expect(by('default').target).toBe('mfa');
    expect(by('default').state).toBe('long-term');
    expect(by('admin').source).toBe('default');
    expect(by('dev').state).toBe('not-applicable');
  });
  it('shows only the last 4 characters of a key', () => {
    expect(by('default').accessKeyIdLast4).toBe('MPLE');
    expect(JSON.stringify(profiles)).not.toContain(AKIA);
    expect(JSON.stringify(profiles)).not.toContain(SECRET);
  });
});

describe('buildProfiles, read without merged copies', () => {
  const serialValue = fc.option(
    fc.constantFrom('', '  ', 'arn:aws:iam::1:mfa/a', ' arn:aws:iam::1:mfa/b ', 'GAHT12345678'),
    {nil: undefined},
  );
  const keysArb = fc
    .record(
      {
        mfa_serial: serialValue,
        aws_mfa_device: serialValue,
        aws_access_key_id: fc.constantFrom('', AKIA, ASIA),
        aws_secret_access_key: fc.constantFrom('', SECRET),
        aws_session_token: fc.constantFrom('', 'tok'),
        role_arn: fc.constantFrom('', 'arn:aws:iam::1:role/r'),
        source_profile: fc.constantFrom('', 'src'),
        region: fc.constantFrom('', 'eu-west-1'),
        manager: fc.constantFrom('', 'awsume'),
        expiration: fc.constantFrom('', '2026-11-28 20:00:00', 'soon'),
        x_security_token_expires: fc.constantFrom('', '2026-11-28T11:00:00Z'),
      },
      {requiredKeys: []},
    )
    .map((k) => Object.fromEntries(Object.entries(k).filter(([, v]) => v !== undefined)));

  it('gives each profile what the merged keys `{...config, ...credentials}` say', () => {
    fc.assert(
      fc.property(
        fc.option(keysArb, {nil: undefined}),
        fc.option(keysArb, {nil: undefined}),
        serialValue,
        (c, f, remembered) => {
          fc.pre(c !== undefined || f !== undefined);
          // `src`, the source_profile a role may name, exists: a missing one makes the role broken.
          const src = s('src', {aws_access_key_id: AKIA, aws_secret_access_key: SECRET});
          const p = buildProfiles(
            {credentials: [...(c ? [s('p', c)] : []), src], config: f ? [s('p', f)] : []},
            {...ctx, serials: remembered === undefined ? {} : {p: remembered}},
          ).find((x) => x.name === 'p');
          const merged = {...f, ...c};
          const kind = classify(c, f);
          expect(p!.kind).toBe(kind.kind);
          expect(p!.mfaSerial).toBe(
            resolveSerial({credentialsKeys: c, configKeys: f, remembered})?.serial,
          );
          if (p!.kind === 'session') expect(p!.expiresAt).toEqual(expiryOfKeys(merged));
          if (p!.kind === 'role') expect(p!.source).toBe(merged.source_profile || undefined);
        },
      ),
      {numRuns: 1000},
    );
  });

  it('gives every profile the same fields in the same order (one object shape)', () => {
    const all = buildProfiles(
      {
        credentials: [
          s('lt', {aws_access_key_id: AKIA, aws_secret_access_key: SECRET}),
          s('lt-mfa', {
            aws_access_key_id: ASIA,
            aws_secret_access_key: SECRET,
            aws_session_token: 't',
          }),
          s('half', {aws_access_key_id: AKIA}),
        ],
        config: [s('r', {role_arn: 'arn:aws:iam::1:role/r', source_profile: 'lt'}), s('x', {})],
        roleCache: new Map(),
      },
      ctx,
    );
    expect(new Set(all.map((p) => p.kind)).size).toBe(5);
    expect(new Set(all.map((p) => Object.keys(p).join())).size).toBe(1);
  });

  // Regression: a profile named like an Object.prototype member (`constructor`, `toString`) read
  // the prototype's function as its remembered serial or target, and `list` crashed.
  it('does not take Object.prototype members for remembered serials or targets', () => {
    const odd = buildProfiles(
      {
        credentials: ['constructor', 'toString', 'hasOwnProperty'].map((n) =>
          s(n, {aws_access_key_id: AKIA, aws_secret_access_key: SECRET}),
        ),
        config: [],
      },
      {...ctx, mappings: {}, serials: {}},
    );
    for (const p of odd) {
      expect(p.kind).toBe('long-term');
      expect(p.mfaSerial).toBeUndefined();
      expect(p.target).toBeUndefined();
    }
  });
});

describe('roleChainProblem', () => {
  const m = (entries: Record<string, Record<string, string>>) => new Map(Object.entries(entries));
  const role = (sp: string) => ({role_arn: 'arn:aws:iam::1:role/r', source_profile: sp});
  const keys = {aws_access_key_id: AKIA, aws_secret_access_key: SECRET};
  it('finds a missing source_profile and a loop, as botocore does', () => {
    const conf = m({
      gone: role('nowhere'),
      a: role('b'),
      b: role('a'),
      ok: role('lt'),
      me: role('me'),
    });
    const cred = m({lt: keys, me: keys});
    expect(roleChainProblem('gone', cred, conf)).toBe('source_profile nowhere does not exist');
    expect(roleChainProblem('a', cred, conf)).toBe('source_profile loops: a → b → a');
    expect(roleChainProblem('ok', cred, conf)).toBeUndefined();
    // A role may name itself when it has keys of its own.
    expect(roleChainProblem('me', cred, conf)).toBeUndefined();
  });
  // Regression: a role naming itself with only a secret was called a loop; botocore counts either
  // key as keys of its own, then finds no credentials in them.
  it('reports a source with half a key pair, itself or another, as botocore does', () => {
    const lone = {aws_secret_access_key: SECRET};
    const cred = m({self: lone, src: lone});
    const conf = m({self: role('self'), r: role('src')});
    const half = (sp: string) => `source_profile ${sp} has no credentials (half a key pair)`;
    expect(roleChainProblem('self', cred, conf)).toBe(half('self'));
    expect(roleChainProblem('r', cred, conf)).toBe(half('src'));
  });
});

describe('ssoCacheKeys', () => {
  it('keys a token on its sso_session, a legacy profile on its start URL, as botocore and the JS SDK do', () => {
    const profiles: Record<string, string>[] = [
      {sso_session: 'corp', sso_start_url: 'https://corp.awsapps.com/start'},
      {sso_start_url: 'https://old.awsapps.com/start'},
      {sso_session: '', sso_start_url: 'https://blank.awsapps.com/start'},
      {aws_access_key_id: AKIA},
      {sso_session: 'corp'},
    ];
    const conf = new Map(profiles.map((keys, i) => [`p${i}`, keys]));
    expect(ssoCacheKeys(new Map(), conf)).toEqual([
      'corp',
      'https://old.awsapps.com/start',
      'https://blank.awsapps.com/start',
    ]);
    // `precedence` reads the same keys from the config text, as each client parses it.
    const lines = (keys: Record<string, string>) =>
      Object.entries(keys).map(([k, v]) => `${k} = ${v}\n`);
    const config = profiles.map((keys, i) => [`[profile p${i}]\n`, ...lines(keys)].join(''));
    expect(ssoTokenKeys({configText: config.join('')})).toEqual(ssoCacheKeys(new Map(), conf));
  });
});

describe('key creation time', () => {
  it('is known on long-term keys whose id IAM was asked about, and on nothing else', () => {
    const made = '2026-08-01T10:00:00.000Z';
    const other = 'AKIAOTHERKEY00000000';
    const profiles = buildProfiles(
      {
        credentials: [
          s('known', {aws_access_key_id: AKIA, aws_secret_access_key: SECRET}),
          s('unknown', {aws_access_key_id: other, aws_secret_access_key: SECRET}),
          s('session', {
            aws_access_key_id: AKIA,
            aws_secret_access_key: SECRET,
            aws_session_token: 't',
          }),
        ],
        config: [],
      },
      {...ctx, keyDates: {[AKIA]: made, [other.slice(0, 4)]: made}},
    );
    const at = Object.fromEntries(profiles.map((p) => [p.name, p.keyCreatedAt?.toISOString()]));
    expect(at).toEqual({known: made, unknown: undefined, session: undefined});
  });
});

describe('sessionUsable', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  it('is true until the expiry (less the margin), and with no expiry recorded', () => {
    expect(sessionUsable(at(1), now)).toBe(true);
    expect(sessionUsable(at(0), now)).toBe(false);
    expect(sessionUsable(at(-60), now)).toBe(false);
    expect(sessionUsable(at(301), now, 300)).toBe(true);
    expect(sessionUsable(at(300), now, 300)).toBe(false);
    expect(sessionUsable(undefined, now, 300)).toBe(true);
  });
});
