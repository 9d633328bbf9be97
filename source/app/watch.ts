// Watching the two AWS files for the TUI: a change on disk (a renewal elsewhere, an editor) reloads.
import {
  existsSync,
  watch as watchFolder,
  realpathSync,
  unwatchFile,
  watchFile,
  type FSWatcher,
  type Stats,
  type StatsListener,
} from 'node:fs';
import path from 'node:path';
import {changedSince, type ReadVersion} from '../store/aws-files.js';
import {awsPaths} from '../store/paths.js';
import type {Loaded} from './load.js';

/**
 * Calls `onChange` (debounced) when the credentials or config file changes. Watches their folders,
 * not the files: a renewal replaces the file by rename, which a file watch would lose. A folder
 * that cannot be watched (missing, removed while watched, or the system out of inotify watches)
 * has its files' stats polled every `pollMs` instead, which also sees the folder and files appear.
 */
export function watchAwsFiles(
  files: string[],
  onChange: () => void,
  debounceMs = 150,
  pollMs = 1000,
): () => void {
  const folders = new Map<string, Set<string>>();
  for (const file of files) {
    const paths = [file];
    try {
      paths.push(realpathSync(file));
    } catch {
      // Not there yet: its folder is still worth watching.
    }
    for (const p of paths) {
      const dir = path.dirname(p);
      folders.set(dir, (folders.get(dir) ?? new Set()).add(path.basename(p)));
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  const stamp = (s: Stats) => [s.size, s.mtimeMs, s.ctimeMs, s.ino].join();
  // Each listener is removed by itself: unwatchFile(file) alone would stop every poll of the file.
  const polled: Array<[string, StatsListener]> = [];
  for (const [dir, names] of folders) {
    let polling = false;
    const fallBack = (watcher?: FSWatcher) => {
      watcher?.close();
      if (polling) return;
      polling = true;
      for (const name of names) {
        const file = path.join(dir, name);
        const listener: StatsListener = (now, before) => {
          if (stamp(now) !== stamp(before)) changed();
        };
        watchFile(file, {persistent: false, interval: pollMs}, listener);
        polled.push([file, listener]);
      }
    };
    try {
      const watcher = watchFolder(dir, {persistent: false}, (_event, name) => {
        // Linux drops the watch of a removed folder without an error: poll from then on.
        if (!existsSync(dir)) {
          fallBack(watcher);
          changed();
        } else if (!name || names.has(String(name))) changed();
      });
      watcher.on('error', () => {
        fallBack(watcher);
        changed();
      });
      watchers.push(watcher);
    } catch {
      fallBack();
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
    for (const [file, listener] of polled) unwatchFile(file, listener);
  };
}

/**
 * The watch of both AWS files behind the TUI's reloads. It remembers what the last read saw: a
 * change made after that read but before the watch began (the UI subscribes after its first
 * frame) is reported at once instead of waiting for the next change.
 */
export function awsFilesWatch(env: NodeJS.ProcessEnv) {
  const paths = awsPaths(env);
  const files = [paths.credentialsFile, paths.configFile];
  let read: ReadVersion[] | undefined;
  let reading: Promise<unknown> | undefined;
  return {
    reading(read: Promise<unknown>): void {
      reading = read;
    },
    /** What a read that began at `readAt` (the file system's clock) saw. */
    saw(loaded: Loaded, readAt: number): void {
      const {credentials, config} = loaded.state;
      read = [credentials, config].map((f) => ({stamp: f.stamp, text: f.text, readAt}));
    },
    watch(onChange: () => void): () => void {
      const stop = watchAwsFiles(files, onChange);
      const check = () => {
        if (read && files.some((file, i) => changedSince(file, read![i]!))) onChange();
      };
      if (read) check();
      else void reading?.then(check);
      return stop;
    },
  };
}
