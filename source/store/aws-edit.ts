// Editing ~/.aws/credentials and ~/.aws/config on disk, never losing a byte (see editAwsFile).
import {constants, promises as fsp} from 'node:fs';
import path from 'node:path';
import {fail, ok, type Result} from '../core/errors.js';
import {
  checkWritable,
  parseIni,
  serializeIni,
  type IniDocument,
  type IniFileKind,
} from '../core/ini/index.js';
import {decode, errno, readCurrent, type Current} from './aws-files.js';
import {ioError} from './write-errors.js';

type EditResult = {
  /** The file actually written (differs from the path given when that is a symbolic link). */
  target: string;
  before: string;
  after: string;
  /** The rolling backup of `before`, when the file existed and changed. */
  backupPath?: string;
  changed: boolean;
};

type EditOptions = {
  /** How long to wait for another writer (default 10 s). */
  lockTimeoutMs?: number;
  /** Every check of a write and no write: for a caller about to spend an MFA code on it. */
  dryRun?: boolean;
  /** The caller holds the lock on the file already (renewals take it before a code is spent). */
  lockHeld?: boolean;
  /** The text a dry run of this edit passed on (its values read alike by every parser): no recheck. */
  checkedOn?: string;
};

/** The suffix of the one rolling backup kept beside each file. */
export const BACKUP_SUFFIX = '.mfa-tui.bak';

const isRoot = () => process.geteuid?.() === 0;
const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Whether we may write `file`: root always could, so for root no write bit at all means no. */
const writable = (file: string, mode: number, access: number) =>
  isRoot()
    ? (mode & 0o222) !== 0
    : fsp.access(file, access).then(
        () => true,
        () => false,
      );

/** The file a write to `file` must replace: symbolic links are followed, even to a missing target. */
async function resolveTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    const st = await fsp.lstat(current).catch((e: unknown) => {
      // A missing file (or folder) is created later; checkFolder reports a folder that is a file.
      if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return undefined;
      throw e;
    });
    if (!st) return current;
    if (!st.isSymbolicLink()) return fsp.realpath(current);
    current = path.resolve(path.dirname(current), await fsp.readlink(current));
  }
  throw Object.assign(new Error('too many symbolic links'), {code: 'ELOOP'});
}

/** Refuses a folder the user cannot, or (for root) clearly does not want to, write into. */
async function checkFolder(
  folder: string,
  file: string,
  syncFolder: (folder: string) => Promise<void>,
): Promise<Result<void>> {
  let st;
  try {
    st = await fsp.stat(folder);
  } catch (e) {
    if (errno(e) !== 'ENOENT') {
      return ioError('folder-unwritable', file, e, `Check the folders on the way to ${file}.`);
    }
    try {
      await fsp.mkdir(folder, {recursive: true, mode: 0o700});
      await syncFolder(path.dirname(folder));
      return ok(undefined);
    } catch (e2) {
      return ioError(
        'folder-unwritable',
        file,
        e2,
        `Create the folder ${folder} (mode 0700), or point the variable at another file.`,
      );
    }
  }
  if (!st.isDirectory()) {
    return fail(
      'folder-unwritable',
      `Cannot write ${file}: ${folder} is not a folder.`,
      'Point the variable at a file inside a folder.',
    );
  }
  if (!(await writable(folder, st.mode, constants.W_OK | constants.X_OK))) {
    return fail(
      'folder-unwritable',
      `Cannot write ${file}: the folder ${folder} is read-only (mode ${octal(st.mode)}).`,
      `Make it writable for your user (chmod u+w ${folder}) and try again.`,
    );
  }
  return ok(undefined);
}

/** Whether a write may replace `current`: its write bit, then its owner (root keeps it). */
async function mayReplace(
  current: Current,
  file: string,
  target: string,
): Promise<Result<{uid?: number; gid?: number}>> {
  if (!current.exists) return ok({});
  if (!(await writable(target, current.mode, constants.W_OK))) {
    return fail(
      'file-unwritable',
      `${file} is read-only (mode ${octal(current.mode)}); mfa-tui did not change it.`,
      `Make it writable (chmod u+w ${target}) if you want mfa-tui to update it.`,
    );
  }
  const uid = process.geteuid?.();
  // Windows has no uids (its stat reports 0 for every file; access lists decide): nothing to keep.
  if (uid === undefined) return ok({});
  if (current.uid === uid && current.gid === process.getegid?.()) return ok({});
  if (!isRoot() && current.uid !== uid) {
    return fail(
      'file-unwritable',
      `${file} belongs to another user (uid ${current.uid}); replacing it would change its owner.`,
      `Run mfa-tui as that user, or take ownership of ${target}.`,
    );
  }
  return ok({uid: current.uid, gid: current.gid});
}

/** Reads the file as it is now, applies the edit, and checks what botocore and the JS SDK read back. */
async function prepare(
  file: string,
  target: string,
  kind: IniFileKind,
  edit: (doc: IniDocument) => Result<IniDocument>,
  checkedOn: string | undefined,
) {
  let current: Current;
  try {
    current = readCurrent(target);
  } catch (e) {
    return ioError('file-unwritable', file, e, `Check that ${file} is a file your user can read.`);
  }
  const decoded = decode(current.bytes, file);
  if (!decoded.ok) return decoded;
  const before = decoded.value;
  const doc = parseIni(before);
  const edited = edit(doc);
  if (!edited.ok) return edited;
  const after = serializeIni(edited.value);
  if (after === before) return ok({current, before, after, owner: {}});
  const owner = await mayReplace(current, file, target);
  if (!owner.ok) return owner;
  if (checkedOn !== before) {
    const check = checkWritable(doc, edited.value, kind);
    if (!check.ok) {
      return fail(check.error.code, `${file}: ${check.error.message}`, check.error.fix);
    }
  }
  return ok({current, before, after, owner: owner.value});
}

/**
 * Edits an AWS file safely: under `<file>.lock` it applies `edit` to what is on disk now, refuses a
 * result botocore or the JS SDK could not read back, keeps one rolling backup (0600) and replaces
 * the file atomically. A new file gets 0600 in a folder created 0700; an existing one keeps its
 * mode and owner; a symbolic link stays a link. A read-only file or folder changes nothing.
 */
export async function editAwsFile(
  file: string,
  kind: IniFileKind,
  edit: (doc: IniDocument) => Result<IniDocument>,
  options: EditOptions = {},
): Promise<Result<EditResult>> {
  let target: string;
  try {
    target = await resolveTarget(file);
  } catch (e) {
    return ioError('file-unwritable', file, e, `Check the path ${file}.`);
  }
  const folder = path.dirname(target);
  // The lock and the atomic writer (and node:crypto behind them) load only when a write happens.
  const [{acquireLock}, {removeAbandonedTemps, syncFolder, writeFileAtomic}] = await Promise.all([
    import('./lock.js'),
    import('./safe-write.js'),
  ]);
  const folderOk = await checkFolder(folder, file, syncFolder);
  if (!folderOk.ok) return folderOk;
  const lock =
    options.dryRun || options.lockHeld
      ? ok({release: async () => {}})
      : await acquireLock(target, {timeoutMs: options.lockTimeoutMs});
  if (!lock.ok) return lock;
  try {
    const prepared = await prepare(file, target, kind, edit, options.checkedOn);
    if (!prepared.ok) return prepared;
    const {current, before, after, owner} = prepared.value;
    if (after === before || options.dryRun) return ok({target, before, after, changed: false});
    await removeAbandonedTemps(target);
    const backupPath = current.exists ? `${target}${BACKUP_SUFFIX}` : undefined;
    try {
      if (backupPath) await writeFileAtomic(backupPath, current.bytes, {mode: 0o600, ...owner});
      await writeFileAtomic(target, after, {mode: current.exists ? current.mode : 0o600, ...owner});
    } catch (e) {
      const fix = `Check the permissions and free space of ${folder}; ${file} was not changed.`;
      return ioError('file-unwritable', file, e, fix);
    }
    return ok({target, before, after, backupPath, changed: true});
  } finally {
    await lock.value.release();
  }
}
