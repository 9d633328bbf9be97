// Starts the sandbox the way `mfa-tui sandbox` and `mfa-tui demo` do: state from a file or the demo,
// a listening server, and sample files in a folder (a temporary one unless given).
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Result} from '../core/errors.js';
import {fail, ok} from '../core/errors.js';
import type {Clock} from './clock.js';
import {sampleTexts, writeSampleFiles} from './sample-files.js';
import type {RequestLogEntry, Sandbox} from './server.js';
import {startSandbox} from './server.js';
import {SandboxState, type SandboxUser} from './state.js';
import {parseStateFile} from './state-file.js';

/** The JSON line `mfa-tui sandbox` prints first: where it listens, the files, what to export, the users. */
export type SandboxInfo = {
  endpoint: string;
  dir: string;
  credentialsFile: string;
  configFile: string;
  env: {
    AWS_SHARED_CREDENTIALS_FILE: string;
    AWS_CONFIG_FILE: string;
    AWS_ENDPOINT_URL_STS: string;
    AWS_ENDPOINT_URL_IAM: string;
    /** Role sessions renewed against the sandbox stay in its folder, not in ~/.aws/cli/cache. */
    MFA_TUI_ROLE_CACHE_DIR: string;
  };
  users: SandboxUser[];
  profiles: string[];
};

export type LaunchOptions = {
  dir?: string;
  port?: number;
  stateFile?: string;
  region?: string;
  clock: Clock;
  onRequest?: (entry: RequestLogEntry) => void;
};

export type Launched = {sandbox: Sandbox; info: SandboxInfo; stop(): Promise<void>};

async function loadState(file: string | undefined): Promise<Result<SandboxState>> {
  if (file === undefined) return ok(SandboxState.demo());
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail(
      'sandbox-state-unreadable',
      `Cannot read the state file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Check the path given to --state.',
    );
  }
  const parsed = parseStateFile(text, file);
  return parsed.ok ? ok(new SandboxState(parsed.value)) : parsed;
}

/** Loads the state, starts the server, writes the sample files; undoes what it did if a step fails. */
export async function launchSandbox(options: LaunchOptions): Promise<Result<Launched>> {
  const state = await loadState(options.stateFile);
  if (!state.ok) return state;
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      state: state.value,
      clock: options.clock,
      port: options.port,
      onRequest: options.onRequest,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      'sandbox-listen-failed',
      code === 'EADDRINUSE'
        ? `Port ${options.port} on 127.0.0.1 is already in use.`
        : `Cannot listen on 127.0.0.1:${options.port ?? 0}: ${code ?? (error as Error).message}`,
      'Choose another port with --port, or leave it out to take a free one.',
    );
  }
  const temporary = options.dir === undefined;
  const dir = path.resolve(options.dir ?? (await mkdtemp(path.join(tmpdir(), 'mfa-tui-sandbox-'))));
  const texts = sampleTexts(state.value, {
    endpoint: sandbox.endpoint,
    region: options.region ?? 'us-east-1',
    now: options.clock.now(),
  });
  const files = await writeSampleFiles(dir, texts);
  if (!files.ok) {
    await sandbox.close();
    if (temporary) await rm(dir, {recursive: true, force: true});
    return files;
  }
  const info: SandboxInfo = {
    endpoint: sandbox.endpoint,
    dir,
    credentialsFile: files.value.credentialsFile,
    configFile: files.value.configFile,
    env: {
      AWS_SHARED_CREDENTIALS_FILE: files.value.credentialsFile,
      AWS_CONFIG_FILE: files.value.configFile,
      AWS_ENDPOINT_URL_STS: sandbox.endpoint,
      AWS_ENDPOINT_URL_IAM: sandbox.endpoint,
      MFA_TUI_ROLE_CACHE_DIR: path.join(dir, 'cli', 'cache'),
    },
    users: state.value.users(),
    profiles: files.value.profiles,
  };
  return ok({
    sandbox,
    info,
    async stop() {
      await sandbox.close();
      // A temporary folder's keys mean nothing once the sandbox is gone; a chosen --dir stays.
      if (temporary) await rm(dir, {recursive: true, force: true});
    },
  });
}

/** Resolves `done` on SIGINT or SIGTERM; `dispose()` gives the signals back to Node's defaults. */
export function untilSignal(): {done: Promise<NodeJS.Signals>; dispose(): void} {
  let resolve!: (signal: NodeJS.Signals) => void;
  const done = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const on = (signal: NodeJS.Signals) => {
    dispose();
    resolve(signal);
  };
  const dispose = () => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {done, dispose};
}
