import os from 'node:os';
import path from 'node:path';

export type AwsPaths = {credentialsFile: string; configFile: string};

/** Expands a leading `~` the way every AWS client does for these two variables. */
function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

/** Where the credentials and config files are, honouring AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE. */
export function awsPaths(env: NodeJS.ProcessEnv): AwsPaths {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  return {
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE
      ? expandHome(env.AWS_SHARED_CREDENTIALS_FILE, env)
      : path.join(home, '.aws', 'credentials'),
    configFile: env.AWS_CONFIG_FILE
      ? expandHome(env.AWS_CONFIG_FILE, env)
      : path.join(home, '.aws', 'config'),
  };
}

/**
 * The AWS CLI's role cache folder, `~/.aws/cli/cache` with `~` as Python's expanduser reads it, or
 * MFA_TUI_ROLE_CACHE_DIR: the sandbox and the demo keep their role sessions in their own folder.
 */
export function roleCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.MFA_TUI_ROLE_CACHE_DIR) return expandHome(env.MFA_TUI_ROLE_CACHE_DIR, env);
  const home =
    (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || env.HOME || os.homedir();
  return path.join(home, '.aws', 'cli', 'cache');
}
