// Where the AWS files and caches are, as the AWS CLI finds them: its Python expands `~` from HOME,
// and on Windows from USERPROFILE (then HOMEDRIVE and HOMEPATH), never HOME (Git Bash sets it).
import os from 'node:os';
import path from 'node:path';

/** The home folder that `~` stands for in the AWS CLI's paths on `platform`. */
export function homeDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (platform !== 'win32') return env.HOME || os.homedir();
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return path.win32.join(env.HOMEDRIVE ?? '', env.HOMEPATH);
  return os.homedir();
}

/** The path a variable names, a leading `~` (`~\` on Windows too) expanded; else ~/.aws/<parts>. */
function fromVariable(
  value: string | undefined,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  ...parts: string[]
): string {
  const {join} = platform === 'win32' ? path.win32 : path.posix;
  if (!value) return join(homeDir(env, platform), '.aws', ...parts);
  if (value === '~') return homeDir(env, platform);
  if (value.startsWith('~/') || (platform === 'win32' && value.startsWith('~\\'))) {
    return join(homeDir(env, platform), value.slice(2));
  }
  return value;
}

/** Where the credentials and config files are, honouring AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE. */
export function awsPaths(env: NodeJS.ProcessEnv, platform = process.platform) {
  return {
    credentialsFile: fromVariable(env.AWS_SHARED_CREDENTIALS_FILE, env, platform, 'credentials'),
    configFile: fromVariable(env.AWS_CONFIG_FILE, env, platform, 'config'),
  };
}

/** The AWS CLI's role cache, `~/.aws/cli/cache`, or MFA_TUI_ROLE_CACHE_DIR (sandbox and demo). */
export function roleCacheDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  return fromVariable(env.MFA_TUI_ROLE_CACHE_DIR, env, platform, 'cli', 'cache');
}

/** A cache entry's file name, as the AWS CLI and the SDKs give it: the SHA-1 (hex) of its key. */
export function cacheEntryName(key: string): string {
  // node:crypto loads only when a cache is looked into.
  const {createHash} = process.getBuiltinModule('node:crypto');
  return `${createHash('sha1').update(key, 'utf8').digest('hex')}.json`;
}

/** The SSO token cache folder the AWS CLI and the SDKs share, `~/.aws/sso/cache`. */
export function ssoCacheDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  return fromVariable(undefined, env, platform, 'sso', 'cache');
}

/** mfa-tui's settings: in MFA_TUI_CONFIG_DIR, else the platform's folder earlier versions used. */
export function settingsFile(env: NodeJS.ProcessEnv, platform = process.platform): string {
  const {join} = path;
  const home = homeDir(env, platform);
  const folder =
    env.MFA_TUI_CONFIG_DIR ||
    (platform === 'darwin'
      ? join(home, 'Library', 'Preferences', 'mfa-tui')
      : platform === 'win32'
        ? join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'mfa-tui', 'Config')
        : join(env.XDG_CONFIG_HOME || join(home, '.config'), 'mfa-tui'));
  return join(folder, 'config.json');
}
