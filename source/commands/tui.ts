// `mfa-tui` with no command: the full-screen UI on a terminal, the `list` output otherwise.
// This file is the TUI's edge: it builds the functions the UI calls (load, watch, renew, verify)
// from the store, the core and the STS edge, and loads Ink and React only now.
import {watch as watchFolder, realpathSync, type FSWatcher} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {fail, ok, type Result} from '../core/errors.js';
import {last4} from '../core/mask.js';
import {awsCliIdentity, ssoTokenKeys} from '../core/precedence/index.js';
import {resolveStsEndpoint} from '../aws/endpoint.js';
import {mapStsError} from '../aws/errors.js';
import {cacheDir, loadCachedScript} from '../store/code-cache.js';
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
import {buildSnapshot} from '../ui/snapshot.js';
import {parseCommandArgs} from './args.js';
import {exit, type CommandContext, type ExitCode} from './context.js';
import {fileWarnings, loadProfiles, type Loaded} from './load-profiles.js';
import {discoverMfaDevices, renewProfile} from './renew.js';
import {sessionCredentials} from './session-credentials.js';

const usage = `Usage: mfa-tui [--endpoint-url URL] [--region R] [--no-color]

Opens the full-screen UI: every profile with its expiry, renewal with an MFA code (Enter or r),
which identity each AWS client would use (p), all keys (?). When stdout is not a terminal, prints
the \`list\` output instead.`;

/** Set by the build: the UI bundle as a script for the code cache, relative to this file. */
declare const MFA_TUI_UI_SCRIPT: string | undefined;

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
 * not the files: a renewal replaces the file by rename, which a file watch would lose.
 */
export function watchAwsFiles(files: string[], onChange: () => void, debounceMs = 150): () => void {
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
  for (const [dir, names] of folders) {
    try {
      const watcher = watchFolder(dir, {persistent: false}, (_event, name) => {
        if (!name || names.has(String(name))) changed();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // A missing folder has nothing to watch; a renewal reloads explicitly anyway.
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
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
    const keysOf = (sections: Loaded['state']['config']['sections']) =>
      Object.assign(
        {},
        ...sections.filter((s) => s.profile === c.profile).map((s) => s.keys),
      ) as Record<string, string>;
    profileKeys = {
      ...keysOf(loaded.value.state.config.sections),
      ...keysOf(loaded.value.state.credentials.sections),
    };
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
  if (!renewed.ok) return renewed;
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

/** The functions the TUI calls: reading, watching, renewing and verifying, all outside ui/. */
export function tuiPorts(ctx: CommandContext, options: TuiOptions = {}): TuiPorts {
  const paths = awsPaths(ctx.env);
  return {
    async load() {
      const loaded = await loadProfiles(ctx);
      return loaded.ok ? ok(snapshotOf(ctx, loaded.value)) : loaded;
    },
    watch: (onChange) => watchAwsFiles([paths.credentialsFile, paths.configFile], onChange),
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

/**
 * Loads the UI module (Ink, React, yoga-layout). yoga-layout fetch()es its WebAssembly from a data:
 * URL whenever `fetch` exists, and Node's fetch costs ~30 ms to load (undici) before the first
 * frame; without it yoga decodes the very same bytes itself. So `fetch` is hidden, without
 * touching Node's lazy getter, while the module initialises, and put back straight after.
 */
async function importUi(): Promise<{
  ui: typeof import('../ui/run-tui.js');
  saveCache?: () => void;
}> {
  // Ink draws nothing until exit when it believes it runs in CI (is-in-ci reads the environment
  // as it loads); we only get here on a real terminal, so a stray CI variable must not blank it.
  const env = process.env;
  if (
    env.CI !== undefined ||
    env.CONTINUOUS_INTEGRATION !== undefined ||
    Object.keys(env).some((k) => k.startsWith('CI_'))
  ) {
    env.CI = 'false';
  }
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const hide = fetchProperty?.configurable === true;
  if (hide) {
    Object.defineProperty(globalThis, 'fetch', {
      value: undefined,
      configurable: true,
      writable: true,
    });
  }
  try {
    if (typeof MFA_TUI_UI_SCRIPT !== 'string') return {ui: await import('../ui/run-tui.js')};
    const file = fileURLToPath(new URL(MFA_TUI_UI_SCRIPT, import.meta.url));
    const dir = env.MFA_TUI_CODE_CACHE === '0' ? undefined : cacheDir(env);
    const loaded = await loadCachedScript<typeof import('../ui/run-tui.js')>(file, dir);
    return {ui: loaded.exports, saveCache: loaded.saveCache};
  } finally {
    if (hide) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}

/**
 * A TUI stays open for hours and redraws a small screen: V8's memory-saving mode fits it. The
 * flag is read as the heap grows (new-space size, how much garbage old space may collect before a
 * full collection), so setting it now still takes effect; keystrokes stay well under a frame.
 */
function preferSmallHeap(): void {
  process.getBuiltinModule('node:v8').setFlagsFromString('--optimize-for-size');
}

/** Opens the TUI on the context's terminal; `mfa-tui demo` passes its banner here. */
export async function openTui(ctx: CommandContext, options: TuiOptions = {}): Promise<ExitCode> {
  const ports = tuiPorts(ctx, options);
  // The files are read while the UI module loads, so the first frame already shows the rows.
  const [initial, {ui, saveCache}] = await Promise.all([ports.load(), importUi()]);
  const running = ui.runTui({
    initial,
    ports,
    stdout: ctx.stdout as NodeJS.WriteStream,
    stdin: ctx.stdin as NodeJS.ReadStream,
    stderr: ctx.stderr as NodeJS.WriteStream,
    env: ctx.env,
    argv: ctx.argv,
  });
  // runTui drew the first frame before it returned. The code that drew it goes to the cache for
  // the next start, before a V8 flag changes (V8 refuses a cache made under other flags); from
  // now on memory matters more than speed.
  saveCache?.();
  preferSmallHeap();
  return running;
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const interactive =
    (ctx.stdout as NodeJS.WriteStream).isTTY === true &&
    (ctx.stdin as NodeJS.ReadStream).isTTY === true;
  if (!interactive) {
    const list = await import('./list.js');
    return list.run(ctx);
  }
  const args = parseCommandArgs(ctx, {}, usage, {min: 0, max: 0});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  return openTui(ctx, {endpointUrl: args.values['endpoint-url'], region: args.values.region});
}
