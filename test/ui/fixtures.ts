// Inline INI → the snapshot and ports the TUI gets, built with the real core (no disk, no STS).
import {listSections, parseIni} from '../../source/core/ini/index.js';
import {buildProfiles, type FileSection} from '../../source/core/profiles.js';
import type {RoleCacheEntry} from '../../source/core/role-cache.js';
import type {AppError, Result} from '../../source/core/errors.js';
import type {RotateResult} from '../../source/app/rotate.js';
import type {
  CallerIdentity,
  FoundDevice,
  ProfileSnapshot,
  RenewDone,
  RenewRequest,
  TuiPorts,
} from '../../source/ui/ports.js';
import {buildSnapshot, type SnapshotFile} from '../../source/ui/snapshot.js';

export const fixedNow = new Date('2026-03-01T12:00:00Z');

function file(path: string, text: string, kind: 'credentials' | 'config'): SnapshotFile {
  const sections: FileSection[] = [];
  for (const s of listSections(parseIni(text), kind)) {
    if (s.profile !== undefined) sections.push({profile: s.profile, keys: s.keys, line: s.line});
  }
  return {path, exists: text !== '', text, mode: 0o600, sections};
}

export type FixtureOptions = {
  credentials?: string;
  config?: string;
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** The edge's clock (commands/tui-app passes ctx.now). */
  clock?: () => Date;
  warnings?: string[];
  ssoTokens?: () => Record<string, string> | undefined;
  /** Remembered key creation times by key id, and the age that marks a key old. */
  keyDates?: Record<string, string>;
  keyAgeDays?: number;
  /** The expiry warning (900 s unless given) and the AWS CLI's cached role sessions by profile name. */
  warnSeconds?: number;
  roleCache?: ReadonlyMap<string, RoleCacheEntry>;
};

export function snapshotFrom(options: FixtureOptions): ProfileSnapshot {
  const now = options.now ?? fixedNow;
  const credentials = file('/home/u/.aws/credentials', options.credentials ?? '', 'credentials');
  const config = file('/home/u/.aws/config', options.config ?? '', 'config');
  const settings = {
    warnSeconds: options.warnSeconds ?? 900,
    defaultDurationSeconds: 43_200,
    targets: {},
    serials: {},
    keyAgeDays: options.keyAgeDays,
  };
  const profiles = buildProfiles(
    {credentials: credentials.sections, config: config.sections, roleCache: options.roleCache},
    {now, warnSeconds: settings.warnSeconds, mappings: {}, serials: {}, keyDates: options.keyDates},
  );
  return buildSnapshot({
    env: options.env ?? {},
    now,
    clock: options.clock,
    credentials,
    config,
    profiles,
    settings,
    warnings: options.warnings ?? [],
    ssoTokens: options.ssoTokens,
  });
}

/** Long-term keys in [default] with a device, an MFA session [mfa] valid 2 h, a role, an expired session. */
export const sampleCredentials = `[default]
aws_access_key_id = AKIAEXAMPLEDEFAULT01
aws_secret_access_key = secretsecretsecretsecretsecretsecret0001
mfa_serial = arn:aws:iam::111122223333:mfa/alice

[mfa]
aws_access_key_id = ASIAEXAMPLESESSION02
aws_secret_access_key = secretsecretsecretsecretsecretsecret0002
aws_session_token = tokentokentoken
x_security_token_expires = 2026-03-01T14:00:00Z

[ops-long-term]
aws_access_key_id = AKIAEXAMPLEOPSKEY003
aws_secret_access_key = secretsecretsecretsecretsecretsecret0003
mfa_serial = arn:aws:iam::111122223333:mfa/bob

[ops]
aws_access_key_id = ASIAEXAMPLEOPSSESS04
aws_secret_access_key = secretsecretsecretsecretsecretsecret0004
aws_session_token = tokentokentoken
expiration = 2026-03-01 09:00:00
`;

export const sampleConfig = `[profile admin]
role_arn = arn:aws:iam::444455556666:role/admin
source_profile = mfa
`;

export type FakePorts = TuiPorts & {
  renewCalls: RenewRequest[];
  /** The signal each renewal was given, in the order of renewCalls. */
  renewSignals: (AbortSignal | undefined)[];
  discoverCalls: string[];
  answerDiscover(result: Result<{source: string; devices: FoundDevice[]}>): void;
  verifyCalls: (string | undefined)[];
  rotateCalls: string[];
  /** Settles the pending rotation. */
  answerRotate(answer: RotateResult): void;
  /** Settles the pending renewal. */
  answerRenew(result: Result<RenewDone>): void;
  answerVerify(result: Result<CallerIdentity>): void;
  /** Simulates a change on disk. */
  fileChanged(): void;
  loads: number;
};

/** Ports whose I/O the test settles by hand: the renewal waits until answerRenew(). */
export function fakePorts(options: FixtureOptions & {banner?: TuiPorts['banner']} = {}): FakePorts {
  let snapshot = snapshotFrom({credentials: sampleCredentials, config: sampleConfig, ...options});
  let pendingRenew: ((r: Result<RenewDone>) => void) | undefined;
  let pendingDiscover: ((r: Result<{source: string; devices: FoundDevice[]}>) => void) | undefined;
  let pendingVerify: ((r: Result<CallerIdentity>) => void) | undefined;
  let pendingRotate: ((r: RotateResult) => void) | undefined;
  let watcher: (() => void) | undefined;
  const ports: FakePorts = {
    renewCalls: [],
    renewSignals: [],
    discoverCalls: [],
    verifyCalls: [],
    rotateCalls: [],
    loads: 0,
    async load() {
      ports.loads += 1;
      return {ok: true, value: snapshot};
    },
    watch(onChange) {
      watcher = onChange;
      return () => {
        watcher = undefined;
      };
    },
    renew(request, signal) {
      ports.renewCalls.push(request);
      ports.renewSignals.push(signal);
      return new Promise((resolve) => (pendingRenew = resolve));
    },
    discover(profile) {
      ports.discoverCalls.push(profile);
      return new Promise((resolve) => (pendingDiscover = resolve));
    },
    answerDiscover(result) {
      pendingDiscover?.(result);
    },
    verify(profile) {
      ports.verifyCalls.push(profile);
      return new Promise((resolve) => (pendingVerify = resolve));
    },
    rotate(profile) {
      ports.rotateCalls.push(profile);
      return new Promise((resolve) => (pendingRotate = resolve));
    },
    answerRotate(answer) {
      pendingRotate?.(answer);
    },
    now: () => options.now ?? fixedNow,
    banner: options.banner,
    answerRenew(result) {
      pendingRenew?.(result);
    },
    answerVerify(result) {
      pendingVerify?.(result);
    },
    fileChanged() {
      watcher?.();
    },
  };
  return Object.assign(ports, {
    setSnapshot(next: FixtureOptions) {
      snapshot = snapshotFrom({
        credentials: sampleCredentials,
        config: sampleConfig,
        ...options,
        ...next,
      });
    },
  });
}

export const wrongCode: AppError = {
  code: 'mfa-code-invalid',
  message: 'STS refused the MFA code: it is wrong or was already used.',
  fix: 'Wait for the next code and type it once.',
};
