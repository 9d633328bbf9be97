// Loading what every use case starts from: the two AWS files, the settings and the profile model.
import {statSync} from 'node:fs';
import {ok, type Result} from '../core/errors.js';
import {ssoCacheKeys} from '../core/profile-links.js';
import {mergeSections} from '../core/profile-keys.js';
import {buildProfiles, type Profile} from '../core/profiles.js';
import {loadAwsState, type AwsState} from '../store/aws-state.js';
import {awsPaths} from '../store/paths.js';
import {loadRoleCache} from '../store/role-cache.js';
import {loadSettings, type Settings} from '../store/settings.js';
import {ssoTokenReader, type SsoTokenReader} from '../store/sso-cache.js';

/** `ssoTokens`: the token cache as this load read it, for a precedence built from the same load. */
export type Loaded = {
  state: AwsState;
  settings: Settings;
  profiles: Profile[];
  ssoTokens: SsoTokenReader;
};

/** The files and the settings, without the profile model (what a renewal plans from). */
export type LoadedFiles = Pick<Loaded, 'state' | 'settings'>;

/** The settings, then the files; `pause` runs between the steps (see loadAwsState). */
export async function loadFiles(
  env: NodeJS.ProcessEnv,
  pause?: () => Promise<void>,
): Promise<Result<LoadedFiles>> {
  const settings = await loadSettings(env);
  if (!settings.ok) return settings;
  const state = await loadAwsState(env, pause);
  if (!state.ok) return state;
  return ok({state: state.value, settings: settings.value});
}

/** Loads files, settings and the profile model; returns an error value instead of throwing. */
export async function loadProfiles(
  env: NodeJS.ProcessEnv,
  now: Date,
  {pause}: {pause?: () => Promise<void>} = {},
): Promise<Result<Loaded>> {
  const files = await loadFiles(env, pause);
  if (!files.ok) return files;
  await pause?.();
  return ok(await profilesOf(env, files.value, now));
}

/** The profile model of files already read, so a use case can judge and act on one version of them. */
export async function profilesOf(
  env: NodeJS.ProcessEnv,
  {state, settings}: LoadedFiles,
  now: Date,
  ssoTokens: SsoTokenReader = ssoTokenReader(env),
): Promise<Loaded> {
  const files = {credentials: state.credentials.sections, config: state.config.sections};
  // Role sessions and SSO logins are judged by their caches (~/.aws/cli/cache, ~/.aws/sso/cache).
  const ssoKeys = ssoCacheKeys(mergeSections(files.credentials), mergeSections(files.config));
  const profiles = buildProfiles(
    {
      ...files,
      roleCache: await loadRoleCache(env, files),
      ssoTokens: ssoTokens(ssoKeys) ?? {},
    },
    {
      now,
      warnSeconds: settings.warnSeconds,
      mappings: settings.targets,
      serials: settings.serials,
      keyDates: settings.keyCreatedAt,
    },
  );
  return {state, settings, profiles, ssoTokens};
}

/** Warnings a user should see on every read: broken lines and a credentials file others can read. */
export function fileWarnings(
  state: AwsState,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const out: string[] = [];
  for (const file of [state.credentials, state.config]) {
    if (file.danglingLink !== undefined) {
      out.push(
        `${file.path} is a symbolic link to ${file.danglingLink}, which does not exist: the AWS CLI finds no file there`,
      );
    }
    for (const d of file.errors) out.push(`${file.path}:${d.line}: ${d.message}`);
  }
  const {exists, path, mode} = state.credentials;
  const loose = exists && looseModeWarning(path, mode, platform);
  return loose ? [...out, loose] : out;
}

/** The warning for a file of `mode` others can read; none on Windows (ACLs: every file says 0666). */
export function looseModeWarning(
  path: string,
  mode: number | undefined,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (platform === 'win32' || mode === undefined || (mode & 0o077) === 0) return undefined;
  return `${path} is readable by ${mode & 0o007 ? 'others' : 'its group'} (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${path}\``;
}

/** The warning for the credentials file as it is now (just written), if others can read it. */
export function looseCredentialsWarning(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (platform === 'win32') return undefined;
  const {credentialsFile} = awsPaths(env, platform);
  let mode: number | undefined;
  try {
    mode = statSync(credentialsFile).mode;
  } catch {
    // Written a moment ago; nothing to say if it is gone now.
  }
  return looseModeWarning(credentialsFile, mode, platform);
}
