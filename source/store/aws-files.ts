// Reading and editing ~/.aws/credentials and ~/.aws/config on disk, never losing a byte.
import {isAscii, isUtf8} from 'node:buffer';
// fs.promises loads on first use (a write): commands that only read never pay for it.
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  promises as fsp,
  readFileSync,
  statSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import {fail, ok, type AppError, type ErrorCode, type Result} from '../core/errors.js';
import {
  checkWritable,
  diagnose,
  parseIni,
  serializeIni,
  type IniDiagnostic,
  type IniDocument,
  type IniFileKind,
  type JsSdkView,
} from '../core/ini.js';
import {writeCheckWindow} from '../core/ini-window.js';
// The lock and the atomic writer (and node:crypto behind them) load only when a write happens.
const writers = () => Promise.all([import('./lock.js'), import('./safe-write.js')]);

/** A file as read: a missing file reads as an empty document with `exists: false`. */
export type AwsFile = {
  path: string;
  text: string;
  doc: IniDocument;
  diagnostics: IniDiagnostic[];
  exists: boolean;
  /** Permission bits (e.g. 0o600) when the file exists. */
  mode: number | undefined;
};

export type EditResult = {
  path: string;
  /** The file actually written (differs from `path` when `path` is a symbolic link). */
  target: string;
  before: string;
  after: string;
  /** The rolling backup of `before`, when the file existed and changed. */
  backupPath: string | undefined;
  changed: boolean;
  /** Problems the written file still has (pre-existing ones the edit did not make worse). */
  readonly diagnostics: IniDiagnostic[];
};

export type EditOptions = {
  /** How long to wait for another writer (default 10 s). */
  lockTimeoutMs?: number;
  /**
   * Every check of a write (the folder, the file's write bit and owner, what botocore and the JS
   * SDK would read back) on the file as it is now, and no write: for a caller about to spend
   * something that cannot be had back (an MFA code) on what it will write.
   */
  dryRun?: boolean;
  /**
   * The text a dry run of this edit was checked on, with values that any parser reads as it read
   * the dry run's: while the file is still that text, the check (~100 ms at 5000 profiles) is not
   * run again.
   */
  checkedOn?: string;
};

/** The suffix of the one rolling backup kept beside each file. */
export const BACKUP_SUFFIX = '.mfa-tui.bak';

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;
const isRoot = () => process.geteuid?.() === 0;
const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** The 0-based offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function decode(bytes: Uint8Array, file: string): Result<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Nearly every AWS file is ASCII, whose Latin-1 reading is the same text as its UTF-8 one and
  // a plain copy (no decoding): measurably quicker on a file of thousands of profiles.
  if (isAscii(bytes)) return ok(buffer.toString('latin1'));
  // The native check is fast; the byte-by-byte scan runs only to name the bad line.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad !== -1) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    return fail(
      'file-not-utf8',
      `${file}:${line}: this line is not valid UTF-8 text.`,
      'Save the file as UTF-8, as every AWS tool expects; mfa-tui will not rewrite it.',
    );
  }
  return ok(buffer.toString('utf8'));
}

function ioError(
  code: ErrorCode,
  file: string,
  e: unknown,
  fix: string,
): {ok: false; error: AppError} {
  const reason: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the disk',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder',
    ELOOP: 'too many symbolic links',
  };
  const c = errno(e);
  return fail(code, `Cannot write ${file}: ${(c && reason[c]) ?? c ?? String(e)}.`, fix);
}

type Current = {bytes: Uint8Array; exists: boolean; mode: number; uid: number; gid: number};

/**
 * Which version of a file was read: device, inode, size, modification and change times ('' for a
 * missing file). A file replaced by rename gets a new inode; one written in place new times (the
 * change time too, which no program can set back as `cp -p` or `touch -d` do the mtime).
 */
export const stampOf = (st: Stats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** A version of a file as read: its stamp, its text and the clock (ms) just before the read. */
export type ReadVersion = {stamp: string; text: string; readAt: number};

/**
 * Kernels stamp files with a coarse clock: a tick of 1–10 ms (file systems without Linux 6.13's
 * fine-grained stamps), a whole second on some. Two writes in one tick can carry the same stamp,
 * so a file whose change time lies within this much of a read is compared by its bytes. It assumes
 * the file system's clock is ours within that margin (a network share's may not be).
 */
export const racyStampMs = 2000;

/**
 * Whether `file` differs from the version read: by its stamp, or by its text when the stamp is
 * too recent to tell.
 */
export function changedSince(file: string, version: ReadVersion): boolean {
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return version.stamp !== '';
  }
  if (stampOf(st) !== version.stamp) return true;
  if (st.ctimeMs < version.readAt - racyStampMs) return false;
  try {
    const text = decode(readFileSync(file), file);
    return !text.ok || text.value !== version.text;
  } catch {
    return true;
  }
}

async function readCurrent(file: string): Promise<Current> {
  try {
    const handle = await fsp.open(file, 'r');
    try {
      const st = await handle.stat();
      const bytes = await handle.readFile();
      return {bytes, exists: true, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid};
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') {
      return {bytes: new Uint8Array(), exists: false, mode: 0o600, uid: -1, gid: -1};
    }
    throw e;
  }
}

/**
 * readCurrent without the thread pool: reading two small files synchronously is quicker than four
 * round trips each, and nothing else is waiting at that moment.
 */
function readCurrentSync(file: string): Current & {stamp: string} {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') {
      return {bytes: new Uint8Array(), exists: false, mode: 0o600, uid: -1, gid: -1, stamp: ''};
    }
    throw e;
  }
  try {
    const st = fstatSync(fd);
    const bytes = readFileSync(fd);
    return {
      bytes,
      exists: true,
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
      stamp: stampOf(st),
    };
  } finally {
    closeSync(fd);
  }
}

/** One AWS file's text as read from disk: a missing file reads as empty with `exists: false`. */
export type AwsText = {
  path: string;
  text: string;
  exists: boolean;
  mode: number | undefined;
  /** The version read (see stampOf): changedSince tells whether the file changed since. */
  stamp: string;
};

/** Reads and decodes one AWS file, refusing one that is not UTF-8 (naming the line). */
export async function readAwsText(file: string): Promise<Result<AwsText>> {
  let current: Current & {stamp: string};
  try {
    current = readCurrentSync(file);
  } catch (e) {
    return fail(
      'file-unreadable',
      `Cannot read ${file}: ${errno(e) === 'EACCES' ? 'permission denied' : (errno(e) ?? String(e))}.`,
      `Check that ${file} is a file your user can read.`,
    );
  }
  const text = decode(current.bytes, file);
  if (!text.ok) return text;
  return ok({
    path: file,
    text: text.value,
    exists: current.exists,
    mode: current.exists ? current.mode & 0o777 : undefined,
    stamp: current.stamp,
  });
}

/**
 * Reads one AWS file and diagnoses it; a missing file is an empty document. The diagnostics are
 * worked out when first read (a big file takes a while, and most callers never look).
 */
export async function readAwsFile(file: string, kind: IniFileKind): Promise<Result<AwsFile>> {
  const read = await readAwsText(file);
  if (!read.ok) return read;
  const doc = parseIni(read.value.text);
  let diagnostics: IniDiagnostic[] | undefined;
  return ok({
    path: file,
    text: read.value.text,
    doc,
    get diagnostics() {
      return (diagnostics ??= diagnose(doc, kind));
    },
    exists: read.value.exists,
    mode: read.value.mode,
  });
}

/** The file a write to `file` must replace: symbolic links are followed, even to a missing target. */
async function resolveTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = await fsp.lstat(current);
    } catch (e) {
      // A missing file (or folder) is created later; checkFolder reports a folder that is a file.
      if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return current;
      throw e;
    }
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
  const readOnly = isRoot()
    ? (st.mode & 0o222) === 0
    : await fsp.access(folder, constants.W_OK | constants.X_OK).then(
        () => false,
        () => true,
      );
  if (readOnly) {
    return fail(
      'folder-unwritable',
      `Cannot write ${file}: the folder ${folder} is read-only (mode ${octal(st.mode)}).`,
      `Make it writable for your user (chmod u+w ${folder}) and try again.`,
    );
  }
  return ok(undefined);
}

let interceptCounter = 0;

/** The JS SDK's own reading of `text` (@smithy/shared-ini-file-loader), without touching disk. */
export async function jsSdkRead(text: string, kind: IniFileKind): Promise<JsSdkView> {
  // Loaded only when a write is checked: nothing that just reads the files pays for it.
  const {externalDataInterceptor, loadSharedConfigFiles} =
    await import('@smithy/shared-ini-file-loader');
  const base = `/nonexistent/mfa-tui-verify/${process.pid}-${interceptCounter++}`;
  const file = `${base}/${kind}`;
  const empty = `${base}/empty`;
  externalDataInterceptor.interceptFile(file, text);
  externalDataInterceptor.interceptFile(empty, '');
  try {
    const read = await loadSharedConfigFiles(
      kind === 'config'
        ? {configFilepath: file, filepath: empty}
        : {filepath: file, configFilepath: empty},
    );
    return (kind === 'config' ? read.configFile : read.credentialsFile) as JsSdkView;
  } finally {
    const record = externalDataInterceptor.getFileRecord();
    delete record[file];
    delete record[empty];
  }
}

/**
 * The write check of editAwsFile: checkWritable with the JS SDK's real parser on both sides. On a
 * file that qualifies (see writeCheckWindow) only the touched sections are read, which decides the
 * same; a refusal is then worked out again on the whole file, so its message names the file's
 * own line numbers.
 */
async function checkWrite(
  beforeText: string,
  before: IniDocument,
  afterText: string,
  after: IniDocument,
  kind: IniFileKind,
): Promise<Result<{diagnostics: () => IniDiagnostic[]}>> {
  const window = writeCheckWindow(beforeText, before, after, kind);
  if (window) {
    const [jsBefore, jsAfter] = await Promise.all([
      jsSdkRead(window.before, kind),
      jsSdkRead(window.after, kind),
    ]);
    const windowed = checkWritable(parseIni(window.before), parseIni(window.after), kind, {
      jsBefore,
      jsAfter,
    });
    if (windowed.ok) return ok({diagnostics: () => diagnose(after, kind)});
  }
  const [jsBefore, jsAfter] = await Promise.all([
    jsSdkRead(beforeText, kind),
    jsSdkRead(afterText, kind),
  ]);
  const whole = checkWritable(before, after, kind, {jsBefore, jsAfter});
  if (!whole.ok) return whole;
  return ok({diagnostics: () => whole.value.diagnostics});
}

/**
 * Edits an AWS file safely. Under a lock (`<file>.lock`) it re-reads the file, applies `edit` to
 * what is on disk now, refuses a result botocore or the JS SDK (its real parser) could not read
 * back (see checkWritable), keeps one rolling backup (`<file>.mfa-tui.bak`, 0600), and replaces
 * the file atomically. A new file gets 0600 in a folder created 0700; an existing one keeps its
 * mode and owner; a symbolic link is written through and stays a link. A read-only file (no write
 * bit, refused even for root) or folder gives an error and changes nothing; so does an edit that
 * changes nothing, which writes nothing.
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
  const [{acquireLock}, {removeAbandonedTemps, syncFolder, writeFileAtomic}] = await writers();
  const folderOk = await checkFolder(folder, file, syncFolder);
  if (!folderOk.ok) return folderOk;

  const lock = options.dryRun
    ? ok({release: async () => {}})
    : await acquireLock(target, {timeoutMs: options.lockTimeoutMs});
  if (!lock.ok) return lock;
  try {
    let current: Current;
    try {
      current = await readCurrent(target);
    } catch (e) {
      return ioError(
        'file-unwritable',
        file,
        e,
        `Check that ${file} is a file your user can read.`,
      );
    }
    const decoded = decode(current.bytes, file);
    if (!decoded.ok) return decoded;
    const before = decoded.value;
    const doc = parseIni(before);
    const edited = edit(doc);
    if (!edited.ok) return edited;
    const after = serializeIni(edited.value);
    // Nothing written: the edit changes nothing (or a dry run, below).
    const unwritten = (diagnostics: () => IniDiagnostic[]): Result<EditResult> =>
      ok({
        path: file,
        target,
        before,
        after,
        backupPath: undefined,
        changed: false,
        get diagnostics() {
          return diagnostics();
        },
      });
    if (after === before) return unwritten(() => diagnose(doc, kind));
    if (current.exists) {
      // Root could write anyway; a file without any write bit was made read-only on purpose.
      const writable = isRoot()
        ? (current.mode & 0o222) !== 0
        : await fsp.access(target, constants.W_OK).then(
            () => true,
            () => false,
          );
      if (!writable) {
        return fail(
          'file-unwritable',
          `${file} is read-only (mode ${octal(current.mode)}); mfa-tui did not change it.`,
          `Make it writable (chmod u+w ${target}) if you want mfa-tui to update it.`,
        );
      }
    }
    const check =
      options.checkedOn === before
        ? ok({diagnostics: () => diagnose(edited.value, kind)})
        : await checkWrite(before, doc, after, edited.value, kind);
    if (!check.ok) {
      return fail(check.error.code, `${file}: ${check.error.message}`, check.error.fix);
    }

    let owner: {uid?: number; gid?: number} = {};
    if (current.exists) {
      const uid = process.geteuid?.();
      const gid = process.getegid?.();
      if (current.uid !== uid || current.gid !== gid) {
        if (!isRoot() && current.uid !== uid) {
          return fail(
            'file-unwritable',
            `${file} belongs to another user (uid ${current.uid}); replacing it would change its owner.`,
            `Run mfa-tui as that user, or take ownership of ${target}.`,
          );
        }
        owner = {uid: current.uid, gid: current.gid};
      }
    }
    if (options.dryRun) return unwritten(() => check.value.diagnostics());

    await removeAbandonedTemps(target);
    let backupPath: string | undefined;
    try {
      if (current.exists) {
        backupPath = `${target}${BACKUP_SUFFIX}`;
        await writeFileAtomic(backupPath, current.bytes, {mode: 0o600, ...owner});
      }
      await writeFileAtomic(target, after, {
        mode: current.exists ? current.mode : 0o600,
        ...owner,
      });
    } catch (e) {
      return ioError(
        'file-unwritable',
        file,
        e,
        `Check the permissions and free space of ${folder}; ${file} was not changed.`,
      );
    }
    return ok({
      path: file,
      target,
      before,
      after,
      backupPath,
      changed: true,
      // Worked out only if asked: a full diagnosis of a big file costs more than the write.
      get diagnostics() {
        return check.value.diagnostics();
      },
    });
  } finally {
    await lock.value.release();
  }
}
