// The sandbox as `mfa-tui sandbox` and `demo` start it: state, server, sample files in a folder.
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Result} from '../core/errors.js';
import {fail, ok} from '../core/errors.js';
import {ioReason, writeSampleFiles, type SampleFiles} from './sample-files.js';
import type {Sandbox, SandboxOptions} from './server.js';
import {startSandbox} from './server.js';
import {SandboxState} from './state.js';
import {parseStateFile} from './state-file.js';

/** The JSON line `mfa-tui sandbox` prints first: where it listens, the files, what to export, the users. */
export type SandboxInfo = ReturnType<typeof sandboxInfo>;

export type Launched = {info: SandboxInfo; stop(): Promise<void>};

async function loadState(file: string | undefined): Promise<Result<SandboxState>> {
  if (file === undefined) return ok(new SandboxState());
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    const reason = `Cannot read the state file ${file}: ${ioReason(error)}`;
    return fail('sandbox-state-unreadable', reason, 'Check the path given to --state.');
  });
  if (typeof text !== 'string') return text;
  const parsed = parseStateFile(text, file);
  return parsed.ok ? ok(new SandboxState(parsed.value)) : parsed;
}

function sandboxInfo(sandbox: Sandbox, dir: string, files: SampleFiles) {
  const {credentialsFile, configFile, profiles} = files;
  return {
    endpoint: sandbox.endpoint,
    dir,
    credentialsFile,
    configFile,
    env: {
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: configFile,
      AWS_ENDPOINT_URL_STS: sandbox.endpoint,
      AWS_ENDPOINT_URL_IAM: sandbox.endpoint,
      // Role sessions renewed against the sandbox stay in its folder, not in ~/.aws/cli/cache.
      MFA_TUI_ROLE_CACHE_DIR: path.join(dir, 'cli', 'cache'),
    },
    users: sandbox.state.users(),
    profiles,
  };
}

/** Loads the state, starts the server, writes the sample files; undoes what it did if a step fails. */
export async function launchSandbox(
  options: Pick<SandboxOptions, 'clock' | 'port' | 'onRequest'> & {
    dir?: string;
    stateFile?: string;
    region?: string;
  },
): Promise<Result<Launched>> {
  const {dir: chosen, stateFile, region = 'us-east-1', ...serving} = options;
  const state = await loadState(stateFile);
  if (!state.ok) return state;
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({...serving, state: state.value});
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      'sandbox-listen-failed',
      code === 'EADDRINUSE'
        ? `Port ${options.port} on 127.0.0.1 is already in use.`
        : `Cannot listen on 127.0.0.1:${options.port ?? 0}: ${ioReason(error)}`,
      'Choose another port with --port, or leave it out to take a free one.',
    );
  }
  const temporary = chosen === undefined;
  const dir = path.resolve(chosen ?? (await mkdtemp(path.join(tmpdir(), 'mfa-tui-sandbox-'))));
  const stop = async () => {
    await sandbox.close();
    // A temporary folder's keys mean nothing once the sandbox is gone; a chosen --dir stays.
    if (temporary) await rm(dir, {recursive: true, force: true});
  };
  const now = options.clock.now();
  const files = await writeSampleFiles(dir, state.value, {endpoint: sandbox.endpoint, region, now});
  if (!files.ok) {
    await stop();
    return files;
  }
  return ok({info: sandboxInfo(sandbox, dir, files.value), stop});
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
