// The TUI's edge, loaded with the UI itself (dist/vendor/run-tui-HASH.script.js, under V8's code
// cache): it builds the functions the UI calls (load, watch, renew, verify) from the store, the
// core and the STS edge, and mounts the UI. commands/tui.ts loads it.
import {
  existsSync,
  watch as watchFolder,
  realpathSync,
  unwatchFile,
  watchFile,
  type FSWatcher,
  type StatsListener,
} from 'node:fs';
import path from 'node:path';
import {fail, ok, type Result} from '../core/errors.js';
import {ssoTokenKeys} from '../core/precedence/index.js';
import {callerIdentity} from '../app/caller-identity.js';
import {discoverMfaDevices} from '../app/discover.js';
import {renewProfile} from '../app/renew.js';
import {changedSince, type ReadVersion} from '../store/aws-files.js';
import {interpretWhileReading} from './jit.js';
import {cachedListing, listingKey, writeListing} from '../store/listing-cache.js';
import {loadSettings} from '../store/settings.js';
import {awsPaths} from '../store/paths.js';
import {readSsoTokens} from '../store/sso-cache.js';
import {describeRoleSigning} from '../core/role-plan.js';
import type {BannerInfo, ProfileSnapshot, RenewDone, RenewRequest, TuiPorts} from '../ui/ports.js';
import {runTui} from '../ui/run-tui.js';
import {inThePanel} from '../ui/fix-text.js';
import {buildSnapshot, rowsOnlySnapshot} from '../ui/snapshot.js';
import type {CommandContext, ExitCode} from './context.js';
import {fileWarnings, listingOf, loadProfilesWith, type Loaded} from './load-profiles.js';

export type TuiOptions = {
  endpointUrl?: string;
  region?: string;
  /** `mfa-tui demo`: the authenticator line shown above the profiles. */
  banner?: () => BannerInfo | undefined;
};

/** Everything the screens need from one read of the files. */
export function snapshotOf(ctx: CommandContext, loaded: Loaded): ProfileSnapshot {
  const {state, settings, profiles} = loaded;
  return buildSnapshot({
    env: ctx.env,
    now: ctx.now(),
    credentials: state.credentials,
    config: state.config,
    profiles,
    settings,
    warnings: fileWarnings(state),
    // The same SSO token expiries `mfa-tui precedence` reads, so both show the same chains.
    ssoTokens: () =>
      readSsoTokens(ctx.env, ssoTokenKeys(state.config.exists ? state.config.text : null)),
  });
}

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
      if (!folders.has(dir)) folders.set(dir, new Set());
      folders.get(dir)!.add(path.basename(p));
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  // Each listener is removed by itself: unwatchFile(file) alone would stop every poll of that
  // file in the process.
  const polled: Array<[string, StatsListener]> = [];
  const poll = (dir: string, names: Set<string>) => {
    for (const name of names) {
      const file = path.join(dir, name);
      const listener: StatsListener = (now, before) => {
        if (
          now.size !== before.size ||
          now.mtimeMs !== before.mtimeMs ||
          now.ctimeMs !== before.ctimeMs ||
          now.ino !== before.ino
        )
          changed();
      };
      watchFile(file, {persistent: false, interval: pollMs}, listener);
      polled.push([file, listener]);
    }
  };
  for (const [dir, names] of folders) {
    let polling = false;
    const fallBack = (watcher?: FSWatcher) => {
      watcher?.close();
      if (polling) return;
      polling = true;
      poll(dir, names);
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

/** The renew panel's request, as renewProfile takes it: a typed code (or none), a chosen device, a new code for a role. */
async function renewFromTui(
  ctx: CommandContext,
  options: TuiOptions,
  request: RenewRequest,
): Promise<Result<RenewDone>> {
  const renewed = await renewProfile(ctx.env, {
    profile: request.profile,
    code:
      request.code ??
      (async () =>
        fail(
          'code-missing',
          'This renewal needs an MFA code, and none was typed.',
          'Press n in the renew panel to type a new code.',
        )),
    duration: request.duration,
    serial: request.serial,
    saveSerial: request.saveSerial === true,
    newCode: request.newCode,
    now: ctx.now(),
    endpointUrl: options.endpointUrl,
    region: options.region,
  });
  // Refused under the lock (the file changed since the plan): in the panel's words too.
  if (!renewed.ok) return inThePanel(renewed);
  const outcome = renewed.value;
  const {plan, expiresAt} = outcome;
  if (outcome.kind === 'role') {
    return ok({
      kind: 'role',
      source: plan.source,
      target: plan.target,
      expiresAt,
      signing: describeRoleSigning(outcome.plan),
    });
  }
  const d = outcome.discovered;
  return ok({
    kind: 'session',
    source: plan.source,
    target: plan.target,
    expiresAt,
    ...(d?.saved ? {saved: d.saved} : {}),
    ...(d?.saveError ? {saveError: d.saveError} : {}),
  });
}

/** A turn of the event loop: what waits (a key) runs. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The functions the TUI calls: reading, watching, renewing and verifying, all outside ui/. */
export function tuiPorts(ctx: CommandContext, options: TuiOptions = {}): TuiPorts {
  const paths = awsPaths(ctx.env);
  const files = [paths.credentialsFile, paths.configFile];
  // The versions of the files the last load read: a change made before the watch began (the UI
  // subscribes after its first frame) would otherwise wait for the next change to show.
  let read: ReadVersion[] | undefined;
  let reading: Promise<unknown> | undefined;
  let first = true;
  /** The key of the listing the first frame came from (list's cache), if it did. */
  let shownFromCache: string | undefined;
  /** `drawn`: a frame is on screen (every read but one before the first frame). */
  const readFiles = async (drawn: boolean): Promise<Result<ProfileSnapshot>> => {
    // The file system's clock, not ctx.now (the time profiles are judged by).
    const readAt = Date.now();
    const settings = loadSettings(ctx.env);
    if (!settings.ok) return settings;
    // The versions before the read: what the read finds is cached for the next start under them.
    const key = listingKey(ctx.env, settings.value);
    // Once the first frame is drawn, a key pressed meanwhile waits for one step of the read.
    const loaded = await loadProfilesWith(ctx, settings.value, drawn ? turn : undefined);
    if (!loaded.ok) return loaded;
    // Cached for the next start, unless the first frame came from that very cache.
    if (key && key.text !== shownFromCache) {
      const listing = listingOf(loaded.value);
      // After this frame is drawn.
      setImmediate(() => writeListing(ctx.env, key, listing, Date.now()));
    }
    read = [loaded.value.state.credentials, loaded.value.state.config].map((f) => ({
      stamp: f.stamp,
      text: f.text,
      readAt,
    }));
    return ok(snapshotOf(ctx, loaded.value));
  };
  return {
    load() {
      // The first frame takes list's cache when the files are as it saw them: the rows show
      // before the files are parsed, and the full read follows at once (ProfileSnapshot.partial).
      const initial = first;
      first = false;
      if (initial) {
        const cached = cachedListing(ctx.env, ctx.now());
        if (cached) {
          shownFromCache = cached.key.text;
          return Promise.resolve(
            ok(
              rowsOnlySnapshot({
                env: ctx.env,
                profiles: cached.listing.profiles,
                total: cached.listing.total,
                warnings: cached.listing.warnings,
                warnSeconds: cached.settings.warnSeconds,
                credentialsFile: paths.credentialsFile,
                configFile: paths.configFile,
              }),
            ),
          );
        }
      }
      const result = readFiles(!initial);
      reading = result;
      return result;
    },
    watch(onChange) {
      const stop = watchAwsFiles(files, onChange);
      // A change made after the read and before this watch began would wait for the next change.
      const check = () => {
        if (read && files.some((file, i) => changedSince(file, read![i]!))) onChange();
      };
      if (read) check();
      else void reading?.then(check);
      return stop;
    },
    renew: (request) => renewFromTui(ctx, options, request),
    async discover(profile) {
      const found = await discoverMfaDevices(ctx.env, {profile, region: options.region});
      if (!found.ok) return found;
      const devices = found.value.devices.map((d) => ({serial: d.serial, userName: d.userName}));
      return ok({source: found.value.source, devices});
    },
    verify: async (profile) =>
      inThePanel(
        await callerIdentity(ctx.env, {
          profile,
          endpointUrl: options.endpointUrl,
          region: options.region,
          now: ctx.now(),
        }),
      ),
    now: ctx.now,
    banner: options.banner,
  };
}

/**
 * A TUI stays open for hours and redraws a small screen: V8's memory-saving mode fits it. The
 * flags are read as the heap grows (how much garbage old space may collect before a full
 * collection; whether the young generation grows), so setting them now still takes effect. The
 * young generation keeps the size it has: the precedence summary's burst of parsing would
 * otherwise grow it by ~16 MB for good; keystrokes stay well under a frame either way.
 */
function preferSmallHeap(): void {
  process
    .getBuiltinModule('node:v8')
    .setFlagsFromString('--optimize-for-size --semi-space-growth-factor=1');
}

/** Opens the TUI on the context's terminal; `mfa-tui demo` passes its banner here. */
export async function openTui(
  ctx: CommandContext,
  options: TuiOptions = {},
  /** Runs once the first frame is drawn, before V8's flags change (see preferSmallHeap). */
  afterFirstFrame?: () => void,
): Promise<ExitCode> {
  const ports = tuiPorts(ctx, options);
  // Only now: V8 takes a code cache made under the flags it was made with (see afterFirstFrame).
  const optimiseAgain = interpretWhileReading(ctx.env);
  const initial = await ports.load();
  const running = runTui({
    initial,
    ports,
    stdout: ctx.stdout as NodeJS.WriteStream,
    stdin: ctx.stdin as NodeJS.ReadStream,
    stderr: ctx.stderr as NodeJS.WriteStream,
    env: ctx.env,
    argv: ctx.argv,
  });
  // runTui drew the first frame before it returned: what ran so far is what the next start needs
  // (the code cache, which V8 refuses once made under other flags: so the optimising compiler is
  // back first); from now on memory matters more than speed.
  optimiseAgain();
  afterFirstFrame?.();
  preferSmallHeap();
  return running;
}
