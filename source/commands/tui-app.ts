// The TUI's wiring, loaded with the UI itself: the ports the UI calls (load, watch, renew, discover,
// verify, rotate) wired to the use cases in app/, and the UI mounted. commands/tui.ts loads it.
import {fail, ok, type Result} from '../core/errors.js';
import {sessionUsable} from '../core/profiles.js';
import {describeRoleSigning} from '../core/role-plan.js';
import {callerIdentity} from '../app/caller-identity.js';
import {discoverMfaDevices} from '../app/discover.js';
import {fileWarnings, loadProfiles, type Loaded} from '../app/load.js';
import {precedenceReads} from '../app/precedence.js';
import {renewProfile} from '../app/renew.js';
import {rotateProfile} from '../app/rotate.js';
import type {UnwrittenSession} from '../app/renew-types.js';
import {awsFilesWatch} from '../app/watch.js';
import type {ProfileSnapshot, RenewDone, RenewRequest, TuiPorts} from '../ui/ports.js';
import {runTui} from '../ui/run-tui.js';
import {buildSnapshot, inThePanel} from '../ui/snapshot.js';
import type {CommandContext, ExitCode} from './context.js';

/** `banner`: `mfa-tui demo`'s authenticator line above the profiles. */
type TuiOptions = {endpointUrl?: string; region?: string} & Pick<TuiPorts, 'banner'>;

/** Everything the screens need from one read of the files. */
export function snapshotOf(ctx: CommandContext, loaded: Loaded): ProfileSnapshot {
  const {state, settings, profiles} = loaded;
  // The disk reads of the precedence, when first asked: the SSO tokens as the profiles read them.
  let reads: ReturnType<typeof precedenceReads> | undefined;
  const read = () => (reads ??= precedenceReads(ctx.env, state, loaded.ssoTokens));
  return buildSnapshot({
    env: ctx.env,
    now: ctx.now(),
    // A renew panel plans at the time it is opened or changed, as the renewal then decides.
    clock: ctx.now,
    credentials: state.credentials,
    config: state.config,
    profiles,
    settings,
    warnings: fileWarnings(state),
    ssoTokens: () => read().ssoTokens,
    lookups: () => {
      const {programs, files} = read();
      return {programs, files};
    },
  });
}

/** The code source of a call that asks for no code: the failure that says what to do instead. */
const noCode = (message: string, fix: string) => async () => fail('code-missing', message, fix);

/** The renew panel's request, as renewProfile takes it: a typed code (or none), a chosen device, a new code for a role. */
async function renewFromTui(
  ctx: CommandContext,
  options: TuiOptions,
  request: RenewRequest,
  signal: AbortSignal | undefined,
  kept: Map<string, UnwrittenSession>,
): Promise<Result<RenewDone>> {
  const {profile, code, saveSerial, ...rest} = request;
  // A session STS issued that could not be written is written again before any new code is sent.
  const held = kept.get(profile);
  kept.delete(profile);
  const renewed =
    held && sessionUsable(held.credentials.expiration, ctx.now())
      ? await held.retry()
      : await renewProfile(ctx.env, {
          ...rest,
          profile,
          code:
            code ??
            noCode(
              'This renewal needs an MFA code, and none was typed.',
              'Press n in the renew panel to type a new code.',
            ),
          endpointUrl: options.endpointUrl,
          region: options.region,
          saveSerial: saveSerial === true,
          now: ctx.now(),
          signal,
        });
  if (!renewed.ok && renewed.unwritten && !signal?.aborted) {
    kept.set(profile, renewed.unwritten);
    const error = inThePanel(renewed.error);
    const fix = `The session is kept until you quit: Enter writes it again. ${error.fix}`;
    return {ok: false, error: {...error, fix}};
  }
  // Refused at write time (the file changed since the plan): in the panel's words too.
  if (!renewed.ok) return inThePanel(renewed);
  const r = renewed.value;
  const done = {kind: r.kind, source: r.plan.source, target: r.plan.target, expiresAt: r.expiresAt};
  if (r.kind === 'role') return ok({...done, signing: describeRoleSigning(r.plan)});
  return ok({...done, saved: r.discovered?.saved, saveError: r.discovered?.saveError});
}

/** A turn of the event loop: what waits (a key) runs. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The functions the TUI calls: reading, watching, renewing and verifying, all outside ui/. */
export function tuiPorts(ctx: CommandContext, options: TuiOptions = {}): TuiPorts {
  const files = awsFilesWatch(ctx.env);
  let first = true;
  const {endpointUrl, region} = options;
  // Sessions STS issued that could not be written, by profile: in memory only, never on disk.
  const unwritten = new Map<string, UnwrittenSession>();
  return {
    load() {
      // Once the first frame is drawn, a key pressed meanwhile waits for one step of the read.
      const pause = first ? undefined : turn;
      first = false;
      // The file system's clock, not ctx.now (the time profiles are judged by).
      const readAt = Date.now();
      const result = loadProfiles(ctx.env, ctx.now(), {pause}).then((loaded) => {
        if (!loaded.ok) return loaded;
        files.saw(loaded.value, readAt);
        return ok(snapshotOf(ctx, loaded.value));
      });
      files.reading(result);
      return result;
    },
    watch: (onChange) => files.watch(onChange),
    renew: (request, signal) => renewFromTui(ctx, options, request, signal, unwritten),
    discover: async (profile) => inThePanel(await discoverMfaDevices(ctx.env, {profile, region})),
    // The very use case `whoami` runs: what the AWS CLI would use (or as if --profile).
    verify: async (profile) =>
      inThePanel(await callerIdentity(ctx.env, {profile, endpointUrl, region, now: ctx.now()})),
    // The rotate key: with the MFA session the profile holds; the TUI asks no code for it.
    async rotate(profile) {
      const code = noCode(
        `Rotating needs a valid MFA session of ${profile}, and it has none.`,
        'Renew it first (Enter), then press K again.',
      );
      const now = ctx.now();
      const done = await rotateProfile(ctx.env, {profile, code, endpointUrl, region, now});
      return done.ok ? done : {ok: false, error: inThePanel(done.error), keys: done.keys};
    },
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
