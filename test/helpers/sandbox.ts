// An in-process sandbox STS for tests: demo state (or your own), a clock you can move, and fresh MFA codes.
// A test file gets a sandbox STS, a temp HOME with its AWS files and the isolating env in two lines:
//   const sb = useTestSandbox();
//   const h = useTestHome({sandbox: sb}); // h.env sends STS calls to sb
// and then, in a test, h.write('credentials', userProfile(sb.user('alice'))).
import {afterAll, afterEach, beforeAll, beforeEach} from 'vitest';
import type {Clock} from '../../source/sandbox/query.js';
import {Refusal, type ErrorCode} from '../../source/sandbox/errors.js';
import {writeSampleFiles, type SampleFiles} from '../../source/sandbox/sample-files.js';
import {startSandbox, type RequestLogEntry} from '../../source/sandbox/server.js';
import type {StateFile} from '../../source/sandbox/state-file.js';
import {SandboxState, type SandboxUser} from '../../source/sandbox/state.js';
import {totpStepAt, totpStepSeconds} from '../../source/core/code-steps.js';
import {totpCodeAt} from '../../source/sandbox/totp.js';
import {makeTestHome, type TestHome} from './env.js';

/** A clock that stands still until a test sets or advances it, so TOTP steps and expiry are exact. */
class ManualClock implements Clock {
  constructor(private ms: number | Date = Date.now()) {}

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms = Number(this.ms) + ms;
  }
}

/** The machine's clock shifted by an offset: how a test fakes a client whose clock is wrong. */
class OffsetClock implements Clock {
  constructor(public offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export type TestSandbox = {
  endpoint: string;
  state: SandboxState;
  /**
   * Sandbox time (issuing, expiry, TOTP). It stands still unless moved: `clock.advance(ms)` makes
   * sessions expire. Signatures are checked against `signingClock` instead, so moving this clock
   * never makes a real client's signature look skewed.
   */
  clock: ManualClock;
  /** The clock clients are expected to sign with (system time); set `offsetMs` to fake client skew. */
  signingClock: OffsetClock;
  users: SandboxUser[];
  /** A user by name, ARN, access key id or MFA serial; throws when unknown. */
  user(which: string): SandboxUser;
  /**
   * A TOTP code for a user's (or serial's) device that is valid now and not yet used or handed
   * out. When the ±1 step window is spent it moves `clock` forward by whole 30 s steps.
   */
  code(userOrSerial: string | SandboxUser): string;
  /** Every request answered so far (no secrets). */
  requests: RequestLogEntry[];
  /** A user's long-term access keys and their status, as IAM holds them now. */
  keysOf(user: string): {id: string; status: string}[];
  throttleNext(count: number): void;
  /** Refuses the next request of `action` with AWS's code and message (a failure injected). */
  refuseNext(action: string, code: ErrorCode, message: string): void;
  /** STS refuses keys made by CreateAccessKey for this long (Infinity: never). */
  delayNewKeys(ms: number): void;
  /** Writes the sandbox's sample credentials/config files (fresh sessions included) into a folder. */
  writeSampleFiles(dir: string, region?: string): Promise<SampleFiles>;
  close(): Promise<void>;
};

/** Starts a sandbox on 127.0.0.1 (free port) with the demo state unless `state` is given. */
export async function startTestSandbox(
  options: {state?: StateFile; start?: Date | number} = {},
): Promise<TestSandbox> {
  const state = new SandboxState(options.state);
  const clock = new ManualClock(options.start ?? Date.now());
  const signingClock = new OffsetClock(0);
  const requests: RequestLogEntry[] = [];
  const sandbox = await startSandbox({
    state,
    clock,
    signingClock,
    onRequest: (entry) => requests.push(entry),
  });
  const handedOut = new Map<string, number>();
  const user = (which: string) => {
    const found = state.user(which);
    if (!found) throw new Error(`no sandbox user "${which}"`);
    return found;
  };
  return {
    endpoint: sandbox.endpoint,
    state,
    clock,
    signingClock,
    users: state.users(),
    user,
    keysOf: (name) =>
      [...state.longTermKeys.values()]
        .filter((k) => k.principal.name === name)
        .map((k) => ({id: k.accessKeyId, status: k.status})),
    code(which) {
      const serial =
        typeof which === 'string'
          ? state.devices.has(which)
            ? which
            : user(which).mfaSerial
          : which.mfaSerial;
      const device = serial ? state.devices.get(serial) : undefined;
      if (!device)
        throw new Error(`no MFA device for ${typeof which === 'string' ? which : which.name}`);
      const current = totpStepAt(clock.now());
      const spent = Math.max(
        device.lastStep ?? -Infinity,
        handedOut.get(device.serial) ?? -Infinity,
      );
      const step = Math.max(current, spent + 1);
      if (step > current + 1) clock.advance((step - current) * totpStepSeconds * 1000);
      handedOut.set(device.serial, step);
      return totpCodeAt(device.key, step);
    },
    requests,
    throttleNext: (count) => (sandbox.faults.throttle = count),
    refuseNext: (action, code, message) =>
      sandbox.faults.refuse.set(action, new Refusal(code, message)),
    delayNewKeys: (ms) => (sandbox.faults.newKeyDelayMs = ms),
    async writeSampleFiles(dir, region = 'us-east-1') {
      const now = clock.now();
      const written = await writeSampleFiles(dir, state, {endpoint: sandbox.endpoint, region, now});
      if (!written.ok) throw new Error(written.error.message);
      return written.value;
    },
    close: () => sandbox.close(),
  };
}

/**
 * The file's sandbox: started before its first test and closed after its last (with `each`, a
 * fresh one for every test). The object is filled in by the hook, so read it inside tests and
 * hooks only.
 */
export function useTestSandbox(
  options: {state?: StateFile; start?: Date | number; each?: boolean} = {},
): TestSandbox {
  const sb = {} as TestSandbox;
  const [before, after] = options.each ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    Object.assign(sb, await startTestSandbox(options));
  });
  after(() => sb.close());
  return sb;
}

/** A credentials-file section with a sandbox user's long-term keys, and its mfa_serial unless `mfa: false`. */
export function userProfile(user: SandboxUser, {name = 'default', mfa = true} = {}): string {
  const serial = mfa ? `mfa_serial = ${user.mfaSerial}\n` : '';
  return `[${name}]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n${serial}`;
}

/**
 * For files that run the AWS SDK in-process: from before the first test to after the last,
 * process.env holds none of the machine's AWS_* and points the shared files at an empty throw-away
 * HOME, so the SDK never reads the machine's ~/.aws.
 */
export function useIsolatedProcessEnv(): void {
  const replaceEnv = (env: NodeJS.ProcessEnv) => {
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, env);
  };
  let saved: NodeJS.ProcessEnv;
  let home: TestHome;
  beforeAll(() => {
    saved = {...process.env};
    home = makeTestHome();
    replaceEnv(home.env);
  });
  afterAll(() => {
    replaceEnv(saved);
    home.cleanup();
  });
}
