// Where the AWS files and caches are on each platform, as the AWS CLI finds them: its Python
// expands `~` from HOME on Linux and macOS, and from USERPROFILE (then HOMEDRIVE and HOMEPATH)
// on Windows, where HOME, when a shell such as Git Bash sets it, is not read.
import os from 'node:os';
import path from 'node:path';

export type AwsPaths = {credentialsFile: string; configFile: string};

/** The path functions of `platform`: Windows' separators are backslashes, whatever runs this. */
const pathsOf = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/** The home folder that `~` stands for in the AWS CLI's paths on `platform`. */
export function homeDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform !== 'win32') return env.HOME || os.homedir();
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return path.win32.join(env.HOMEDRIVE ?? '', env.HOMEPATH);
  return os.homedir();
}

/** Expands a leading `~` (`~\` too on Windows) the way the AWS CLI does for these variables. */
function expandHome(p: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (p === '~') return homeDir(env, platform);
  if (p.startsWith('~/') || (platform === 'win32' && p.startsWith('~\\'))) {
    return pathsOf(platform).join(homeDir(env, platform), p.slice(2));
  }
  return p;
}

/** A folder under `~/.aws`: the same place on every platform, under that platform's home. */
const underAws = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform, ...parts: string[]) =>
  pathsOf(platform).join(homeDir(env, platform), '.aws', ...parts);

/** Where the credentials and config files are, honouring AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE. */
export function awsPaths(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): AwsPaths {
  return {
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE
      ? expandHome(env.AWS_SHARED_CREDENTIALS_FILE, env, platform)
      : underAws(env, platform, 'credentials'),
    configFile: env.AWS_CONFIG_FILE
      ? expandHome(env.AWS_CONFIG_FILE, env, platform)
      : underAws(env, platform, 'config'),
  };
}

/**
 * The AWS CLI's role cache folder, `~/.aws/cli/cache`, or MFA_TUI_ROLE_CACHE_DIR: the sandbox and
 * the demo keep their role sessions in their own folder.
 */
export function roleCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.MFA_TUI_ROLE_CACHE_DIR) return expandHome(env.MFA_TUI_ROLE_CACHE_DIR, env, platform);
  return underAws(env, platform, 'cli', 'cache');
}

/** The SSO token cache folder the AWS CLI and the SDKs share, `~/.aws/sso/cache`. */
export function ssoCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  return underAws(env, platform, 'sso', 'cache');
}
