// Shared by list, check, env and credential-process: files + settings → profiles, with warnings on stderr.
import {buildProfiles, type Profile} from '../core/profiles.js';
import type {AppError} from '../core/errors.js';
import {loadAwsState, type AwsState} from '../store/aws-state.js';
import {loadRoleCache} from '../store/role-cache.js';
import {loadSettings, type Settings} from '../store/settings.js';
import {printError, type CommandContext} from './context.js';

export type Loaded = {state: AwsState; settings: Settings; profiles: Profile[]};

/** Loads files, settings and the profile model; returns an error value instead of throwing. */
export async function loadProfiles(
  ctx: CommandContext,
): Promise<{ok: true; value: Loaded} | {ok: false; error: AppError}> {
  const settings = loadSettings(ctx.env);
  if (!settings.ok) return settings;
  return loadProfilesWith(ctx, settings.value);
}

/** loadProfiles with the settings already read. */
export async function loadProfilesWith(
  ctx: CommandContext,
  settings: Settings,
  /** Runs between the steps (each file, then the model): see loadAwsState. */
  pause?: () => Promise<void>,
): Promise<{ok: true; value: Loaded} | {ok: false; error: AppError}> {
  const state = await loadAwsState(ctx.env, pause);
  if (!state.ok) return state;
  await pause?.();
  const files = {
    credentials: state.value.credentials.sections,
    config: state.value.config.sections,
  };
  // Role sessions live in the AWS CLI's cache; their expiry is read from there.
  const profiles = buildProfiles(
    {...files, roleCache: await loadRoleCache(ctx.env, files)},
    {
      now: ctx.now(),
      warnSeconds: settings.warnSeconds,
      mappings: settings.targets,
      serials: settings.serials,
    },
  );
  return {ok: true, value: {state: state.value, settings, profiles}};
}

/** loadProfiles for a command that stops on failure: the error is printed, undefined returned. */
export async function loadProfilesOrReport(ctx: CommandContext): Promise<Loaded | undefined> {
  const loaded = await loadProfiles(ctx);
  if (loaded.ok) return loaded.value;
  printError(ctx, loaded.error);
  return undefined;
}

/** Warnings a user should see on every read: broken lines and a credentials file others can read. */
export function fileWarnings(state: AwsState): string[] {
  const out: string[] = [];
  for (const file of [state.credentials, state.config]) {
    for (const d of file.errors) out.push(`${file.path}:${d.line}: ${d.message}`);
  }
  const loose = state.credentials.exists
    ? looseModeWarning(state.credentials.path, state.credentials.mode)
    : undefined;
  if (loose) out.push(loose);
  return out;
}

/** The warning for a credentials file of `mode` that others than its owner can read, if it is. */
export function looseModeWarning(path: string, mode: number | undefined): string | undefined {
  if (mode === undefined || (mode & 0o077) === 0) return undefined;
  return `${path} is readable by ${mode & 0o007 ? 'others' : 'its group'} (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${path}\``;
}
