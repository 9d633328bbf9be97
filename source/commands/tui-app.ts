// The TUI's edge, loaded with the UI itself: it builds the functions the UI calls (load, watch, renew, verify) from the store, the
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
import {last4} from '../core/mask.js';
import {awsCliIdentity, ssoTokenKeys} from '../core/precedence/index.js';
import {resolveStsEndpoint} from '../aws/endpoint.js';
import {mapStsError} from '../aws/errors.js';
import {changedSince, type ReadVersion} from '../store/aws-files.js';
import {profileSettings, servicesKeys} from '../store/aws-state.js';
import {loadSettings} from '../store/settings.js';
import {awsPaths} from '../store/paths.js';
import {readSsoTokens} from '../store/sso-cache.js';
import {describeRoleSigning} from '../core/role-plan.js';
import type {
  BannerInfo,
  CallerIdentity,
  ProfileSnapshot,
  RenewDone,
  RenewRequest,
  TuiPorts,
} from '../ui/ports.js';
import {runTui} from '../ui/run-tui.js';
import {buildSnapshot, inThePanel} from '../ui/snapshot.js';
import type {CommandContext, ExitCode} from './context.js';
import {fileWarnings, loadProfiles, loadProfilesWith, type Loaded} from './load-profiles.js';
import {discoverMfaDevices, renewProfile} from './renew.js';
import {sessionCredentials} from './session-credentials.js';

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

async function verifyIdentity(
  ctx: CommandContext,
  options: TuiOptions,
  profile: string | undefined,
): Promise<Result<CallerIdentity>> {
  const loaded = await loadProfiles(ctx);
  if (!loaded.ok) return loaded;
  const report = snapshotOf(ctx, loaded.value).precedence(profile);
  if (!report.ok) return report;
  // The same credentials the AWS CLI v2 would pick, found by the precedence engine.
  const identity = awsCliIdentity(report.value);
  if (!identity.ok) return {ok: false, error: identity.error};
  let credentials: {accessKeyId: string; secretAccessKey: string; sessionToken?: string};
  let using: string;
  let profileKeys: Record<string, string | undefined> = {};
  const use = identity.use;
  if (use.from === 'env') {
    credentials = {
      accessKeyId: ctx.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: ctx.env.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken: (use.sessionTokenVar && ctx.env[use.sessionTokenVar]) || undefined,
    };
    using = `environment keys …${last4(credentials.accessKeyId)}`;
  } else if (use.from === 'profile') {
    const found = sessionCredentials(loaded.value, use.profile, ctx.now());
    if (!found.ok) return found;
    const c = found.value;
    credentials = {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
    };
    using = `profile ${c.profile} (key …${last4(c.accessKeyId)})`;
    profileKeys = profileSettings(loaded.value.state, c.profile);
  } else {
    return fail(
      'verify-unsupported',
      `The AWS CLI would use ${use.from === 'imds' ? 'the instance role (IMDS)' : 'container credentials'}; mfa-tui verifies keys from the environment or the files only.`,
      'Run `/usr/bin/aws sts get-caller-identity` to check them.',
    );
  }
  const endpoint = resolveStsEndpoint({
    env: ctx.env,
    endpointUrl: options.endpointUrl,
    region: options.region,
    profileKeys,
    servicesSts: servicesKeys(loaded.value.state, profileKeys.services, 'sts'),
  });
  const {getCallerIdentity} = await import('../aws/sts.js');
  try {
    const id = await getCallerIdentity(credentials, endpoint);
    return ok({...id, using});
  } catch (error) {
    return {
      ok: false,
      error: mapStsError(error, {
        operation: 'GetCallerIdentity',
        profile: use.from === 'profile' ? use.profile : undefined,
        accessKeyIdLast4: last4(credentials.accessKeyId),
        endpointUrl: endpoint.url,
        region: endpoint.region,
      }),
    };
  }
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
  if (!renewed.ok) return {ok: false, error: inThePanel(renewed.error)};
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
  /** `drawn`: a frame is on screen (every read but one before the first frame). */
  const readFiles = async (drawn: boolean): Promise<Result<ProfileSnapshot>> => {
    // The file system's clock, not ctx.now (the time profiles are judged by).
    const readAt = Date.now();
    const settings = loadSettings(ctx.env);
    if (!settings.ok) return settings;
    // Once the first frame is drawn, a key pressed meanwhile waits for one step of the read.
    const loaded = await loadProfilesWith(ctx, settings.value, drawn ? turn : undefined);
    if (!loaded.ok) return loaded;
    read = [loaded.value.state.credentials, loaded.value.state.config].map((f) => ({
      stamp: f.stamp,
      text: f.text,
      readAt,
    }));
    return ok(snapshotOf(ctx, loaded.value));
  };
  return {
    load() {
      const initial = first;
      first = false;
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
    verify: (profile) => verifyIdentity(ctx, options, profile),
    now: ctx.now,
    banner: options.banner,
  };
}

/** Opens the TUI on the context's terminal; `mfa-tui demo` passes its banner here. */
export async function openTui(ctx: CommandContext, options: TuiOptions = {}): Promise<ExitCode> {
  const ports = tuiPorts(ctx, options);
  const initial = await ports.load();
  return runTui({
    initial,
    ports,
    stdout: ctx.stdout as NodeJS.WriteStream,
    stdin: ctx.stdin as NodeJS.ReadStream,
    stderr: ctx.stderr as NodeJS.WriteStream,
    env: ctx.env,
    argv: ctx.argv,
  });
}
