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
