import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach} from 'vitest';

/** A throw-away HOME with its own AWS files and settings folder, and an environment free of the machine's AWS_* variables. */
export type TestHome = {
  home: string;
  awsDir: string;
  credentialsFile: string;
  configFile: string;
  configDir: string;
  env: NodeJS.ProcessEnv;
  write(file: 'credentials' | 'config', text: string): void;
  cleanup(): void;
};

/**
 * What a machine's environment must not lend a test: its AWS_* variables (this machine sets
 * AWS_CA_BUNDLE globally) and mfa-tui's own, colour switches (FORCE_COLOR beats NO_COLOR), and
 * proxies (the AWS CLI would send its requests for 127.0.0.1 through one).
 */
const machineOnly = /^(AWS_|MFA_TUI_)|^(FORCE_COLOR|NO_COLOR)$|^(HTTPS?|ALL|NO)_PROXY$/i;

/** Copies process.env without the machine's own settings (see machineOnly). */
export function cleanEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (!machineOnly.test(k)) env[k] = v;
  }
  env.AWS_EC2_METADATA_DISABLED = 'true';
  return env;
}

export type TestHomeOptions = {
  /** Sends STS calls to this sandbox (AWS_ENDPOINT_URL_STS), and IAM calls too with `iam`. */
  sandbox?: {endpoint: string};
  iam?: boolean;
  /** More variables for this test's env (set after the isolating ones). */
  env?: NodeJS.ProcessEnv;
};

export function makeTestHome(options: TestHomeOptions = {}): TestHome {
  const home = mkdtempSync(path.join(tmpdir(), 'mfa-tui-test-'));
  const awsDir = path.join(home, '.aws');
  mkdirSync(awsDir, {mode: 0o700});
  const credentialsFile = path.join(awsDir, 'credentials');
  const configFile = path.join(awsDir, 'config');
  const configDir = path.join(home, '.config', 'mfa-tui');
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    HOME: home,
    USERPROFILE: home,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: configFile,
    MFA_TUI_CONFIG_DIR: configDir,
    NO_COLOR: '1',
  };
  if (options.sandbox) env.AWS_ENDPOINT_URL_STS = options.sandbox.endpoint;
  if (options.sandbox && options.iam) env.AWS_ENDPOINT_URL_IAM = options.sandbox.endpoint;
  Object.assign(env, options.env);
  return {
    home,
    awsDir,
    credentialsFile,
    configFile,
    configDir,
    env,
    write(file, text) {
      writeFileSync(file === 'credentials' ? credentialsFile : configFile, text, {mode: 0o600});
    },
    cleanup() {
      rmSync(home, {recursive: true, force: true});
    },
  };
}

/**
 * A fresh TestHome for each test of the file: made before it, removed after it. The object is
 * filled in by the hook, so read it inside tests and hooks only.
 */
export function useTestHome(options: TestHomeOptions = {}): TestHome {
  const h = {} as TestHome;
  beforeEach(() => {
    Object.assign(h, makeTestHome(options));
  });
  afterEach(() => h.cleanup());
  return h;
}
