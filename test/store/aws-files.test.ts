import {afterEach, describe, expect, it} from 'vitest';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {loadSharedConfigFiles} from '@smithy/shared-ini-file-loader';
import {parseIni, removeKeys, setKeys, type IniDocument} from '../../source/core/ini/index.js';
import {BACKUP_SUFFIX, editAwsFile} from '../../source/store/aws-edit.js';
import {loadFile} from '../../source/store/aws-state.js';
import {awsPaths} from '../../source/store/paths.js';
import {useTestHome} from '../helpers/env.js';

const isRoot = process.geteuid?.() === 0;
const mode = (p: string) => statSync(p).mode & 0o777;
const setMfa = (doc: IniDocument) =>
  setKeys(doc, 'mfa', {aws_access_key_id: 'ASIAEXAMPLE', aws_session_token: 'token'});

const home = useTestHome();
afterEach(() => {
  for (const p of [home.awsDir, home.home]) {
    if (existsSync(p)) chmodSync(p, 0o700);
  }
});

/** Names in the folder besides the file itself: no temp, lock or backup left unless expected. */
const others = (file: string) =>
  readdirSync(path.dirname(file)).filter((n) => n !== path.basename(file));

describe('loadFile', () => {
  it('reads a missing file as an empty document', async () => {
    const r = await loadFile(home.credentialsFile, 'credentials');
    if (!r.ok) throw new Error(r.error.message);
    const {path: file, text, sections, diagnostics, exists, mode: bits} = r.value;
    expect({file, text, sections, diagnostics, exists, bits}).toEqual({
      file: home.credentialsFile,
      text: '',
      sections: [],
      diagnostics: [],
      exists: false,
      bits: undefined,
    });
  });

  it('reads the text, its sections, its diagnostics and its mode', async () => {
    home.write('credentials', '\uFEFF[default]\r\naws_access_key_id = AKIAEXAMPLE\r\n');
    chmodSync(home.credentialsFile, 0o640);
    const r = await loadFile(home.credentialsFile, 'credentials');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.exists).toBe(true);
    expect(r.value.mode).toBe(0o640);
    expect(r.value.text).toBe('\uFEFF[default]\r\naws_access_key_id = AKIAEXAMPLE\r\n');
    expect(r.value.sections.map((s) => [s.profile, s.keys])).toEqual([
      ['default', {aws_access_key_id: 'AKIAEXAMPLE'}],
    ]);
    expect(r.value.errors.map((d) => [d.line, d.code])).toEqual([[1, 'bom']]);
    expect(r.value.diagnostics.map((d) => [d.line, d.code])).toEqual([[1, 'bom']]);
  });

  it('refuses a file that is not UTF-8, naming the line', async () => {
    writeFileSync(home.credentialsFile, Buffer.from('[default]\nregion = caf\xe9\n', 'latin1'));
    const r = await loadFile(home.credentialsFile, 'credentials');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('file-not-utf8');
      expect(r.error.message).toContain(`${home.credentialsFile}:2:`);
    }
  });
});

describe('editAwsFile', () => {
  it('dry run: every check, no write; a later write skips the check only on the very text checked', async () => {
    const original = '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n';
    writeFileSync(home.credentialsFile, original);
    // A section the JS SDK ignores (a space in the name): refused, dry run or not.
    const split = (doc: IniDocument) => setKeys(doc, 'bob sess', {aws_access_key_id: 'ASIAX'});
    const dry = await editAwsFile(home.credentialsFile, 'credentials', split, {dryRun: true});
    expect(!dry.ok && dry.error.message).toMatch(
      /would not read aws_access_key_id of \[bob sess\]/,
    );
    const fine = await editAwsFile(home.credentialsFile, 'credentials', setMfa, {dryRun: true});
    expect(fine.ok && fine.value.after).toContain('[mfa]');
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(original);
    expect(others(home.credentialsFile)).toEqual([]);
    // Text other than what was checked: checked again, and refused.
    const stale = await editAwsFile(home.credentialsFile, 'credentials', split, {
      checkedOn: `${original}\n`,
    });
    expect(stale.ok).toBe(false);
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(original);
    // The very text the caller vouches for: not checked again (the caller's word is taken).
    const vouched = await editAwsFile(home.credentialsFile, 'credentials', split, {
      checkedOn: original,
    });
    expect(vouched.ok).toBe(true);
    expect(readFileSync(home.credentialsFile, 'utf8')).toContain('[bob sess]');
  });

  it('creates a missing file with mode 0600 and a missing folder with mode 0700', async () => {
    const file = path.join(home.home, 'new', 'deeper', 'credentials');
    const r = await editAwsFile(file, 'credentials', setMfa);
    expect(r.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(
      '[mfa]\naws_access_key_id = ASIAEXAMPLE\naws_session_token = token\n',
    );
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(path.join(home.home, 'new'))).toBe(0o700);
    expect(others(file)).toEqual([]);
    if (r.ok) expect(r.value.backupPath).toBeUndefined();
  });

  it('changes only the edited keys, keeps the mode, and keeps one 0600 backup of the previous version', async () => {
    const original =
      '# mine\r\n[default]\r\nregion=eu-west-1 \r\n\r\n[mfa]\r\naws_session_token=old';
    home.write('credentials', original);
    chmodSync(home.credentialsFile, 0o640);
    const first = await editAwsFile(home.credentialsFile, 'credentials', setMfa);
    expect(first.ok).toBe(true);
    const once = readFileSync(home.credentialsFile, 'utf8');
    expect(once).toBe(
      '# mine\r\n[default]\r\nregion=eu-west-1 \r\n\r\n[mfa]\r\naws_session_token=token\r\naws_access_key_id=ASIAEXAMPLE\r\n',
    );
    expect(mode(home.credentialsFile)).toBe(0o640);
    const backup = home.credentialsFile + BACKUP_SUFFIX;
    expect(first.ok && first.value.backupPath).toBe(backup);
    expect(readFileSync(backup, 'utf8')).toBe(original);
    expect(mode(backup)).toBe(0o600);

    const second = await editAwsFile(home.credentialsFile, 'credentials', (doc) =>
      removeKeys(doc, 'mfa', ['aws_access_key_id']),
    );
    expect(second.ok).toBe(true);
    expect(readFileSync(backup, 'utf8')).toBe(once);
    expect(others(home.credentialsFile)).toEqual([path.basename(backup)]);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    home.write(
      'credentials',
      '[mfa]\naws_access_key_id = ASIAEXAMPLE\naws_session_token = token\n',
    );
    const before = statSync(home.credentialsFile);
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa);
    expect(r.ok && r.value.changed).toBe(false);
    expect(statSync(home.credentialsFile).ino).toBe(before.ino);
    expect(others(home.credentialsFile)).toEqual([]);
  });

  it('applies the edit to the file as it is on disk when the lock is taken', async () => {
    home.write('credentials', '[a]\nx = 1\n');
    const r = await editAwsFile(home.credentialsFile, 'credentials', (doc) => {
      // What the callback sees is what is on disk now, not an earlier read.
      expect(doc).toEqual(parseIni('[a]\nx = 1\n'));
      return setKeys(doc, 'b', {y: '2'});
    });
    expect(r.ok).toBe(true);
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe('[a]\nx = 1\n[b]\ny = 2\n');
  });

  it('writes through a symbolic link to its target, and the link stays a link', async () => {
    const real = path.join(home.home, 'dotfiles', 'aws-credentials');
    mkdirSync(path.dirname(real));
    writeFileSync(real, '[default]\nregion = us-east-1\n', {mode: 0o600});
    symlinkSync('../dotfiles/aws-credentials', home.credentialsFile);
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa);
    expect(r.ok).toBe(true);
    expect(lstatSync(home.credentialsFile).isSymbolicLink()).toBe(true);
    expect(readlinkSync(home.credentialsFile)).toBe('../dotfiles/aws-credentials');
    expect(readFileSync(real, 'utf8')).toContain('[mfa]\naws_access_key_id = ASIAEXAMPLE\n');
    expect(existsSync(real + BACKUP_SUFFIX)).toBe(true);
    expect(others(home.credentialsFile)).toEqual([]);
  });

  it('creates the target of a dangling symbolic link', async () => {
    const real = path.join(home.home, 'elsewhere-credentials');
    symlinkSync(real, home.credentialsFile);
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa);
    expect(r.ok).toBe(true);
    expect(lstatSync(home.credentialsFile).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('[mfa]');
    expect(mode(real)).toBe(0o600);
  });

  it.runIf(isRoot)('keeps the owner of an existing file and gives it to the backup', async () => {
    home.write('credentials', '[default]\nregion = us-east-1\n');
    chownSync(home.credentialsFile, 1234, 2345);
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa);
    expect(r.ok).toBe(true);
    const st = statSync(home.credentialsFile);
    expect([st.uid, st.gid]).toEqual([1234, 2345]);
    const backup = statSync(home.credentialsFile + BACKUP_SUFFIX);
    expect([backup.uid, backup.gid, backup.mode & 0o777]).toEqual([1234, 2345, 0o600]);
  });

  it('refuses a read-only file (mode 0444, even for root) and changes nothing', async () => {
    const original = '[default]\nregion = us-east-1\n';
    home.write('credentials', original);
    chmodSync(home.credentialsFile, 0o444);
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('file-unwritable');
      expect(r.error.message).toContain(home.credentialsFile);
      expect(r.error.message).toContain('0444');
      expect(r.error.fix).toContain('chmod u+w');
    }
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(original);
    expect(mode(home.credentialsFile)).toBe(0o444);
    expect(others(home.credentialsFile)).toEqual([]);
  });

  it('refuses a read-only folder (mode 0555, even for root) and creates nothing', async () => {
    chmodSync(home.awsDir, 0o555);
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('folder-unwritable');
      expect(r.error.message).toContain(home.awsDir);
    }
    expect(readdirSync(home.awsDir)).toEqual([]);
  });

  it('refuses a path whose folder is a file (this fails for root too)', async () => {
    writeFileSync(path.join(home.home, 'not-a-folder'), 'x');
    const file = path.join(home.home, 'not-a-folder', 'credentials');
    const r = await editAwsFile(file, 'credentials', setMfa);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('folder-unwritable');
      expect(r.error.message).toContain(file);
    }
    expect(readFileSync(path.join(home.home, 'not-a-folder'), 'utf8')).toBe('x');
  });

  it.runIf(process.platform === 'linux' && existsSync('/sys/kernel'))(
    'refuses a folder the kernel will not write into, even for root (sysfs)',
    async () => {
      const r = await editAwsFile('/sys/kernel/mfa-tui-credentials', 'credentials', setMfa);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('folder-unwritable');
    },
  );

  it('refuses, with the line, an edit whose result a parser could not read back', async () => {
    // The JS SDK takes profile default from [profile default], so a write to [default] would be lost on it.
    const original = '[profile default]\nregion = eu-west-1\n[default]\nregion = us-east-1\n';
    home.write('config', original);
    const r = await editAwsFile(home.configFile, 'config', (doc) =>
      setKeys(doc, 'default', {output: 'json'}),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ini-write-refused');
      expect(r.error.message).toContain(home.configFile);
      expect(r.error.message).toMatch(/line \d/);
    }
    expect(readFileSync(home.configFile, 'utf8')).toBe(original);
    expect(others(home.configFile)).toEqual([]);
  });

  it('passes an edit error through and writes nothing', async () => {
    home.write('credentials', '[a]\n');
    const r = await editAwsFile(home.credentialsFile, 'credentials', (doc) =>
      setKeys(doc, 'a', {aws_session_token: 'has a\nnewline'}),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ini-bad-value');
      expect(r.error.message).not.toContain('newline');
    }
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe('[a]\n');
  });

  it('waits for a lock held by a live process, then gives a clear error', async () => {
    home.write('credentials', '[a]\n');
    // The test process itself is alive: a lock naming it is a live lock.
    writeFileSync(`${home.credentialsFile}.lock`, `${process.pid}\n${hostname()}\n${Date.now()}\n`);
    const started = Date.now();
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa, {lockTimeoutMs: 300});
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('file-locked');
      expect(r.error.message).toContain(`process ${process.pid}`);
      expect(r.error.fix).toContain(`${home.credentialsFile}.lock`);
    }
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe('[a]\n');
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    home.write('credentials', '[a]\n');
    const dead = spawnSync('sh', ['-c', 'echo $$'], {encoding: 'utf8'});
    const pid = Number(dead.stdout.trim());
    writeFileSync(`${home.credentialsFile}.lock`, `${pid}\n${hostname()}\n${Date.now()}\n`);
    // And a temp file such a writer leaves behind when killed mid-write.
    const orphan = path.join(home.awsDir, `.credentials.${pid}.abcd1234.mfa-tui.tmp`);
    writeFileSync(orphan, 'half a fi');
    const r = await editAwsFile(home.credentialsFile, 'credentials', setMfa, {lockTimeoutMs: 2000});
    expect(r.ok).toBe(true);
    expect(existsSync(`${home.credentialsFile}.lock`)).toBe(false);
    expect(existsSync(orphan)).toBe(false);
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, and the JS SDK reads what was written', async () => {
    const env = {
      ...home.env,
      AWS_SHARED_CREDENTIALS_FILE: path.join(home.home, 'custom', 'creds'),
      AWS_CONFIG_FILE: path.join(home.home, 'custom', 'conf'),
    };
    const {credentialsFile, configFile} = awsPaths(env);
    expect(
      (await editAwsFile(credentialsFile, 'credentials', setMfa)).ok &&
        (
          await editAwsFile(configFile, 'config', (doc) =>
            setKeys(doc, 'profile mfa', {region: 'eu-central-1'}),
          )
        ).ok,
    ).toBe(true);
    const js = await loadSharedConfigFiles({
      filepath: credentialsFile,
      configFilepath: configFile,
      ignoreCache: true,
    });
    expect(js.credentialsFile.mfa).toEqual({
      aws_access_key_id: 'ASIAEXAMPLE',
      aws_session_token: 'token',
    });
    expect(js.configFile.mfa).toEqual({region: 'eu-central-1'});
  });

  it('keeps a file without a final newline and with a BOM byte for byte outside the edit', async () => {
    const original = '\uFEFF[default]\r\nregion = us-east-1 ; mine\r\n[mfa]\r\nx = 1';
    home.write('credentials', original);
    const r = await editAwsFile(home.credentialsFile, 'credentials', (doc) =>
      setKeys(doc, 'mfa', {x: '2'}),
    );
    expect(r.ok).toBe(true);
    expect(readFileSync(home.credentialsFile, 'utf8')).toBe(
      '\uFEFF[default]\r\nregion = us-east-1 ; mine\r\n[mfa]\r\nx = 2',
    );
  });
});
