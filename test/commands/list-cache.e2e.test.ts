// `list` keeps the profile model it worked out (store/listing-cache.ts) and takes it back while
// every file it came from is unchanged. What must hold, run through the built CLI: a cached
// listing says exactly what a fresh read says, at the time of the run; any change to the files,
// the AWS CLI's role cache or the settings is seen at once; a file changed too recently to be
// told apart is never cached; and the cache holds no secret.
import {execFileSync} from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {roleCacheArgs, roleCacheContent, roleCacheKeyText} from '../../source/core/role-cache.js';
import {listJsonCacheFile} from '../../source/store/list-json-cache.js';
import {listingCacheFile} from '../../source/store/listing-cache.js';
import {writeRoleCache} from '../../source/store/role-cache.js';
import {cliPath, runCli, runCommand} from '../helpers/cli.js';
import {makeTestHome, type TestHome} from '../helpers/env.js';

let h: TestHome;
beforeEach(() => {
  h = makeTestHome();
});
afterEach(() => h.cleanup());

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEHAaCXVzLWVhc3QtMSJGMEQCIFSESSIONTOKEN';
const ROLE = {role_arn: 'arn:aws:iam::123456789012:role/Admin', source_profile: 'alice'};
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const credentials = (keyId: string, expiresMs: number) =>
  `[alice]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${SECRET}\n` +
  `mfa_serial = arn:aws:iam::123456789012:mfa/alice\n\n` +
  `[alice-session]\naws_access_key_id = ASIAIOSFODNN7SESSION\naws_secret_access_key = ${SECRET}\n` +
  `aws_session_token = ${TOKEN}\nx_security_token_expires = ${rfc3339(expiresMs)}\n`;
const config = `[profile admin]\nrole_arn = ${ROLE.role_arn}\nsource_profile = ${ROLE.source_profile}\n`;

type Listed = {
  name: string;
  accessKeyIdLast4: string | null;
  state: string;
  target: string | null;
  active: boolean;
};
const listJson = async (env = h.env) => {
  const r = await runCli(['list', '--json'], {env});
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return {text: r.stdout, profiles: (JSON.parse(r.stdout) as {profiles: Listed[]}).profiles};
};
const byName = (profiles: Listed[], name: string) => profiles.find((p) => p.name === name)!;
/** A cache file's version: a listing taken from the cache leaves it as it was. */
const stampOf = (file: string) => {
  const st = statSync(file);
  return `${st.ino}:${st.mtimeMs}:${st.size}`;
};
const cacheStamp = () => stampOf(listingCacheFile(h.env));
/** list --json's cache of its output (store/list-json-cache.ts): both change together. */
const cacheStamps = () => `${cacheStamp()} ${stampOf(listJsonCacheFile(h.env))}`;
/** Waits until `ms` after `since` (Date.now() ms). */
const until = (since: number, ms: number) => sleep(Math.max(0, since + ms - Date.now()));

describe('list’s cache of the profile model', () => {
  it('is taken while nothing changed, with states at the time of the run, and misses every change', async () => {
    const start = Date.now();
    // The session is "expiring" (within 15 min) now, expired six seconds from now.
    h.write('credentials', credentials('AKIAIOSFODNN7EXAMPL1', start + 6000));
    h.write('config', config);

    // Files changed within 2 s could change again in the same clock tick unseen: not cached. (A
    // machine so loaded that the run ends 2 s after the write may rightly cache them.)
    const first = await listJson();
    expect(byName(first.profiles, 'alice-session').state).toBe('expiring');
    if (Date.now() - start < 1900) expect(existsSync(listingCacheFile(h.env))).toBe(false);

    await until(start, 2200);
    const second = await listJson();
    expect(second.text).toBe(first.text);
    for (const cacheFile of [listingCacheFile(h.env), listJsonCacheFile(h.env)]) {
      expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
      const cached = readFileSync(cacheFile, 'utf8');
      for (const secret of [SECRET, TOKEN, 'AKIAIOSFODNN7EXAMPL1', 'ASIAIOSFODNN7SESSION'])
        expect(cached).not.toContain(secret);
    }

    // Taken back (the files are not rewritten), its state worked out again: now expired.
    const stamp = cacheStamp();
    const stamps = cacheStamps();
    await until(start, 6300);
    const third = await listJson();
    expect(cacheStamps()).toBe(stamps);
    expect(byName(third.profiles, 'alice-session').state).toBe('expired');
    const uncached = {...h.env, MFA_TUI_LIST_CACHE: '0'};
    expect(third.text).toBe((await listJson(uncached)).text);
    // Another profile active than when the text was cached: the flags move.
    for (const active of ['alice-session', 'nobody', 'alice']) {
      const other = await listJson({...h.env, AWS_PROFILE: active});
      expect(other.text).toBe((await listJson({...uncached, AWS_PROFILE: active})).text);
      expect(other.profiles.filter((p) => p.active).map((p) => p.name)).toEqual(
        active === 'nobody' ? [] : [active],
      );
    }
    expect(cacheStamps()).toBe(stamps);
    // The table, but for how long ago the session expired (the two runs may fall in two seconds).
    const ago = (text: string) => text.replace(/\d+s ago/g, 'Ns ago');
    const table = await runCli(['list'], {env: h.env});
    expect(ago(table.stdout)).toBe(ago((await runCli(['list'], {env: uncached})).stdout));
    expect(table.stdout).toMatch(/alice-session .*expired/);
    expect(cacheStamp()).toBe(stamp);

    // The same size, written in place within the same second: a new key id is seen.
    h.write('credentials', credentials('AKIAIOSFODNN7EXAMPL2', start + 6000));
    expect(byName((await listJson()).profiles, 'alice').accessKeyIdLast4).toBe('MPL2');

    // Each change below is made to a cache that is otherwise current.
    await sleep(2200);
    await listJson();
    const warm = cacheStamp();
    expect(warm).not.toBe(stamp);

    // A target remembered in the settings shows as alice's link.
    mkdirSync(h.configDir, {recursive: true});
    writeFileSync(`${h.configDir}/config.json`, JSON.stringify({targets: {alice: 'alice-work'}}));
    expect(byName((await listJson()).profiles, 'alice').target).toBe('alice-work');
    // The settings are read on every run, not stamped: that listing was cached at once.
    expect(cacheStamp()).not.toBe(warm);

    // The AWS CLI caches a session of the role: its expiry shows.
    await writeRoleCache(
      h.env,
      roleCacheKeyText(roleCacheArgs(ROLE)!),
      roleCacheContent({
        accessKeyId: 'ASIAROLEROLEROLEROLE',
        secretAccessKey: SECRET,
        sessionToken: TOKEN,
        expiration: new Date(start + 3600_000),
        assumedRoleId: 'AROAEXAMPLE:me',
        arn: 'arn:aws:sts::123456789012:assumed-role/Admin/me',
      }),
    );
    expect(byName((await listJson()).profiles, 'admin').state).toBe('valid');

    // And once all of that is 2 s old, it is cached in turn and taken back.
    await sleep(2200);
    const settled = await listJson();
    const settledStamp = cacheStamp();
    expect(settledStamp).not.toBe(stamp);
    expect((await listJson()).text).toBe(settled.text);
    expect(cacheStamp()).toBe(settledStamp);
    expect(byName(settled.profiles, 'alice')).toMatchObject({
      accessKeyIdLast4: 'MPL2',
      target: 'alice-work',
    });
  }, 30_000);

  // Whether a file can be read depends on the reader's groups too, which change no stamp.
  it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv'))(
    'is not taken for a file the reader may no longer read (another user, without the group)',
    async () => {
      h.write('credentials', credentials('AKIAIOSFODNN7EXAMPL1', Date.now() + 3600_000));
      h.write('config', config);
      // The home and cache belong to nobody; the credentials file to root and group 4242.
      chownSync(h.home, 65534, 65534);
      for (const dir of [h.awsDir, path.dirname(h.cacheDir), h.cacheDir]) {
        mkdirSync(dir, {recursive: true});
        chownSync(dir, 65534, 65534);
      }
      chownSync(h.configFile, 65534, 65534);
      chownSync(h.credentialsFile, 0, 4242);
      chmodSync(h.credentialsFile, 0o640);
      await sleep(2200);
      const asNobody = (groups: string[], env = h.env) =>
        runCommand(
          '/usr/bin/setpriv',
          [
            '--reuid=65534',
            '--regid=65534',
            ...groups,
            process.execPath,
            cliPath,
            'list',
            '--json',
          ],
          {env},
        );
      const withGroup = await asNobody(['--groups=4242']);
      expect(withGroup.code).toBe(0);
      expect(JSON.parse(withGroup.stdout).profiles).toHaveLength(3);
      // Cached, and taken back while the group is there.
      expect(existsSync(listJsonCacheFile(h.env))).toBe(true);
      expect((await asNobody(['--groups=4242'])).stdout).toBe(withGroup.stdout);
      // Without the group the file cannot be read: the error, not the old listing.
      const off = await asNobody(['--clear-groups'], {...h.env, MFA_TUI_LIST_CACHE: '0'});
      expect(off.code).toBe(1);
      expect(off.stderr).toMatch(/Cannot read .*credentials: permission denied/);
      const without = await asNobody(['--clear-groups']);
      expect(without).toEqual(off);
    },
  );

  it('takes a pipe or a device at a cache’s path for no cache, without waiting on it', async () => {
    h.write('credentials', credentials('AKIAIOSFODNN7EXAMPL1', Date.now() + 3600_000));
    h.write('config', config);
    await sleep(2200);
    const off = {...h.env, MFA_TUI_LIST_CACHE: '0'};
    const json = await listJson(off);
    const table = await runCli(['list'], {env: off});
    mkdirSync(h.cacheDir, {recursive: true});
    execFileSync('mkfifo', [listingCacheFile(h.env)]);
    symlinkSync('/dev/zero', listJsonCacheFile(h.env));
    const list = await runCli(['list'], {env: h.env, timeoutMs: 10_000});
    expect(list).toEqual(table);
    expect((await listJson()).text).toBe(json.text);
  });

  it('never fails list when the cache cannot be written: its folder is a file', async () => {
    h.write('credentials', credentials('AKIAIOSFODNN7EXAMPL1', Date.now() + 3600_000));
    h.write('config', config);
    await sleep(2200);
    mkdirSync(path.dirname(h.cacheDir), {recursive: true});
    writeFileSync(h.cacheDir, 'not a folder\n');
    const off = await listJson({...h.env, MFA_TUI_LIST_CACHE: '0'});
    const r = await runCli(['list', '--json'], {env: h.env});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(off.text);
    expect(readFileSync(h.cacheDir, 'utf8')).toBe('not a folder\n');
  });

  it('is neither written nor read with MFA_TUI_LIST_CACHE=0, and a damaged one is ignored', async () => {
    h.write('credentials', credentials('AKIAIOSFODNN7EXAMPL1', Date.now() + 3600_000));
    h.write('config', config);
    await sleep(2200);
    const off = {...h.env, MFA_TUI_LIST_CACHE: '0'};
    const fresh = await listJson(off);
    const table = (await runCli(['list'], {env: off})).stdout;
    expect(existsSync(listingCacheFile(h.env))).toBe(false);
    expect(existsSync(listJsonCacheFile(h.env))).toBe(false);
    await listJson();
    const listing = readFileSync(listingCacheFile(h.env), 'utf8');
    const output = readFileSync(listJsonCacheFile(h.env), 'utf8');
    // A cache cut short (a full disk, say) reads as no cache, and is replaced.
    writeFileSync(listingCacheFile(h.env), listing.slice(0, listing.length / 2));
    expect((await runCli(['list'], {env: h.env})).stdout).toBe(table);
    expect(readFileSync(listingCacheFile(h.env), 'utf8')).toBe(listing);
    const damaged = [
      output.slice(0, output.length / 2),
      output.slice(0, output.indexOf('\n')),
      // Not the size written: one byte more, one less.
      output.replace('"name": "admin"', '"name": "admin "'),
      output.replace('"state": "valid"', '"state": "vali"'),
    ];
    for (const text of damaged) {
      writeFileSync(listJsonCacheFile(h.env), text);
      expect((await listJson()).text).toBe(fresh.text);
      expect(readFileSync(listJsonCacheFile(h.env), 'utf8')).toBe(output);
    }
  }, 30_000);
});
