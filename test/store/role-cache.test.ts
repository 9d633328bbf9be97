// The AWS CLI's role cache on disk, and its key checked against the CLI's own botocore.
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  parseRoleCacheEntry,
  roleCacheArgs,
  roleCacheContent,
  roleCacheKeyText,
  type RoleCacheArgs,
} from '../../source/core/role-cache.js';
import {roleCacheDir} from '../../source/store/paths.js';
import {loadRoleCache, roleCacheFile, writeRoleCache} from '../../source/store/role-cache.js';
import {runCommand} from '../helpers/cli.js';
import {cleanEnv, useTestHome} from '../helpers/env.js';

const h = useTestHome();

const readRoleCacheEntry = (env: NodeJS.ProcessEnv, keyText: string) =>
  parseRoleCacheEntry(readFileSync(roleCacheFile(env, keyText), 'utf8'));

const ROLE = 'arn:aws:iam::123456789012:role/Admin';
const session = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: new Date('2099-01-01T00:00:00Z'),
  assumedRoleId: 'AROAEXAMPLE:me',
  arn: 'arn:aws:sts::123456789012:assumed-role/Admin/me',
};

describe('role cache files', () => {
  it('writes ~/.aws/cli/cache/<sha1>.json with 0600 in a 0700 folder, and reads it back', async () => {
    const keyText = roleCacheKeyText({RoleArn: ROLE});
    const written = await writeRoleCache(h.env, keyText, roleCacheContent(session));
    expect(written).toEqual({ok: true, value: roleCacheFile(h.env, keyText)});
    const file = roleCacheFile(h.env, keyText);
    expect(path.dirname(file)).toBe(path.join(h.home, '.aws', 'cli', 'cache'));
    expect(path.basename(file)).toMatch(/^[0-9a-f]{40}\.json$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(roleCacheDir(h.env)).mode & 0o777).toBe(0o700);
    expect(readRoleCacheEntry(h.env, keyText)).toEqual({expiresAt: session.expiration});
    // A second write replaces the entry whole, leaving no temporary file.
    await writeRoleCache(
      h.env,
      keyText,
      roleCacheContent({...session, accessKeyId: 'ASIANEWNEWNEWNEWNEW9'}),
    );
    expect(readFileSync(file, 'utf8')).toContain('NEW9');
    expect(readFileSync(file, 'utf8')).not.toContain('LE12');
    expect(readRoleCacheEntry(h.env, keyText)).toEqual({expiresAt: session.expiration});
  });

  it('loadRoleCache finds the entries of the files’ role profiles, by profile name', async () => {
    const keys = {role_arn: ROLE, source_profile: 'default', role_session_name: 'me'};
    const keyText = roleCacheKeyText(roleCacheArgs(keys)!);
    await writeRoleCache(h.env, keyText, roleCacheContent(session));
    mkdirSync(roleCacheDir(h.env), {recursive: true});
    const other = roleCacheKeyText({RoleArn: 'arn:aws:iam::123456789012:role/Broken'});
    writeFileSync(roleCacheFile(h.env, other), '{not json');
    const found = await loadRoleCache(h.env, {
      credentials: [],
      config: [
        {profile: 'admin', keys, line: 1},
        {
          profile: 'broken',
          keys: {role_arn: 'arn:aws:iam::123456789012:role/Broken', source_profile: 'x'},
          line: 5,
        },
        {profile: 'plain', keys: {region: 'eu-west-1'}, line: 9},
      ],
    });
    expect([...found.keys()]).toEqual(['admin']);
  });

  describe('loadRoleCache looks a role up under botocore’s key text', () => {
    const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
    const day = (n: number) => new Date(Date.UTC(2099, 0, n));
    /** One entry per key text, entry n expiring on day n of 2099 so the test can tell them apart. */
    async function cache(...keys: RoleCacheArgs[]) {
      for (const [i, args] of keys.entries()) {
        const content = roleCacheContent({...session, expiration: day(i + 1)});
        await writeRoleCache(h.env, roleCacheKeyText(args), content);
      }
    }

    it('with mfa_serial as SerialNumber', async () => {
      await cache({RoleArn: ROLE}, {RoleArn: ROLE, SerialNumber: SERIAL});
      const keys = {role_arn: ROLE, source_profile: 'default', mfa_serial: SERIAL};
      const found = await loadRoleCache(h.env, {
        credentials: [],
        config: [{profile: 'admin', keys, line: 1}],
      });
      expect(Object.fromEntries(found)).toEqual({admin: {expiresAt: day(2)}});
    });

    it('with its keys split across the credentials and config files', async () => {
      await cache({RoleArn: ROLE}, {RoleArn: ROLE, RoleSessionName: 'me', SerialNumber: SERIAL});
      const found = await loadRoleCache(h.env, {
        credentials: [{profile: 'admin', keys: {role_arn: ROLE, mfa_serial: SERIAL}, line: 1}],
        config: [
          {profile: 'admin', keys: {source_profile: 'default', role_session_name: 'me'}, line: 1},
        ],
      });
      expect(Object.fromEntries(found)).toEqual({admin: {expiresAt: day(2)}});
    });

    it('for each of two roles that share one key text', async () => {
      await cache({RoleArn: ROLE});
      const found = await loadRoleCache(h.env, {
        credentials: [],
        config: [
          {profile: 'admin', keys: {role_arn: ROLE, source_profile: 'default'}, line: 1},
          {profile: 'admin-too', keys: {role_arn: ROLE, source_profile: 'other'}, line: 4},
        ],
      });
      const entry = {expiresAt: day(1)};
      expect(Object.fromEntries(found)).toEqual({admin: entry, 'admin-too': entry});
    });
  });

  it('refuses to write into a cache folder it cannot write', async () => {
    mkdirSync(roleCacheDir(h.env), {recursive: true, mode: 0o500});
    const r = await writeRoleCache(h.env, roleCacheKeyText({RoleArn: ROLE}), '{}');
    if (process.getuid?.() === 0) return; // root writes anyway
    expect(r).toMatchObject({ok: false, error: {code: 'role-cache-unwritable'}});
  });
});

// Debian's AWS CLI v2 ships its own botocore under awscli/: ask its fetcher for the cache key.
const cliPython = '/usr/bin/python3';
const hasCliBotocore = existsSync('/usr/lib/python3/dist-packages/awscli/botocore/credentials.py');

describe.skipIf(!hasCliBotocore)('the cache key equals the AWS CLI botocore’s own', () => {
  it('for plain, configured and awkward arguments', async () => {
    const cases = [
      {RoleArn: ROLE},
      {
        RoleArn: ROLE,
        RoleSessionName: 'alice-admin',
        SerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
        DurationSeconds: 7200,
      },
      {RoleArn: ROLE, ExternalId: 'ext "quoted" \\ é 😀', SerialNumber: ''},
    ];
    const script = [
      'import json, sys',
      'from awscli.botocore.credentials import AssumeRoleCredentialFetcher',
      'for args in json.load(sys.stdin):',
      '    arn = args.pop("RoleArn")',
      '    print(AssumeRoleCredentialFetcher(None, None, arn, extra_args=args)._cache_key)',
    ].join('\n');
    const r = await runCommand(cliPython, ['-c', script], {
      env: cleanEnv(),
      input: JSON.stringify(cases),
    });
    expect(r.stderr).toBe('');
    const expected = r.stdout.trim().split('\n');
    expect(
      cases.map((c) => path.basename(roleCacheFile(h.env, roleCacheKeyText(c)), '.json')),
    ).toEqual(expected);
  });
});

describe('loadRoleCache without a cache', () => {
  it('finds nothing, whether the folder is missing or empty', async () => {
    const files = {
      credentials: [],
      config: [
        {
          profile: 'admin',
          keys: {role_arn: ROLE, source_profile: 'default'},
          line: 1,
        },
      ],
    };
    expect((await loadRoleCache(h.env, files)).size).toBe(0);
    mkdirSync(roleCacheDir(h.env), {recursive: true});
    expect((await loadRoleCache(h.env, files)).size).toBe(0);
  });
});
