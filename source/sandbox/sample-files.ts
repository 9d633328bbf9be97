// Sample credentials and config files whose profiles match the sandbox's users, sessions and roles.
import {mkdir, readFile, writeFile, chmod} from 'node:fs/promises';
import path from 'node:path';
import {fail, ok} from '../core/errors.js';
import type {Principal, SandboxState, Session} from './state.js';
import {formatAwsMfaExpiry, formatRfc3339} from '../core/expiry.js';
// names.js, not the index: the sandbox starts without loading the INI model.
import {profileHeader} from '../core/ini/names.js';
import {trusts} from './state.js';

/** First line of every file the sandbox writes; only files starting with it are overwritten. */
export const sampleMarker = '# mfa-tui sandbox:';

type SampleOptions = {endpoint: string; region: string; now: Date};
export type SampleFiles = {credentialsFile: string; configFile: string; profiles: string[]};

/** An I/O error's reason: its code (ENOENT, EACCES…), else its message. */
export const ioReason = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? (error as Error).message;

type Entries = Array<[string, string | undefined]>;

const keyPair = (key: Pick<Session, 'accessKeyId' | 'secretAccessKey'>): Entries => [
  ['aws_access_key_id', key.accessKeyId],
  ['aws_secret_access_key', key.secretAccessKey],
];

function section(header: string, entries: Entries): string {
  const lines = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${v}`);
  return `[${header}]\n${lines.join('\n')}\n`;
}

/** The two files as they are built: their sections in order, and the profile names taken. */
class Samples {
  readonly credentials: string[] = [];
  readonly config: string[] = [];
  readonly taken = new Set<string>();

  constructor(readonly region: string) {}

  /** A free profile name: `wanted`, or it with `-suffix` added until free. */
  name(wanted: string, suffix: string): string {
    let n = wanted;
    while (this.taken.has(n)) n = `${n}-${suffix}`;
    this.taken.add(n);
    return n;
  }

  /** A config section: every profile names a region (clients refuse to sign without one) and the sandbox's services. */
  profile(profile: string, extra: Entries = [], region = this.region): void {
    const entries: Entries = [...extra, ['region', region], ['services', 'sandbox']];
    this.config.push(section(profileHeader('config', profile), entries));
  }

  /** A credentials section and its config section. */
  keys(profile: string, entries: Entries, region?: string): void {
    this.credentials.push(section(profileHeader('credentials', profile), entries));
    this.profile(profile, [], region);
  }
}

/** The first two users' session pairs: `default` -> `mfa` (lapsed), `work-long-term` -> `work`. */
const pairs = [
  {longTerm: 'default', mfaKey: 'mfa_serial', session: 'mfa', hoursLeft: -3, isoExpiry: true},
  {
    longTerm: 'work-long-term',
    mfaKey: 'aws_mfa_device',
    session: 'work',
    hoursLeft: 11,
    region: 'eu-west-1',
  },
];
type Pair = (typeof pairs)[number];

/** A role profile for each role some written principal may assume (with MFA when the role wants it). */
function writeRoles(out: Samples, state: SandboxState, profileOf: Map<Principal, string>): void {
  for (const role of state.roles.values()) {
    const source = [...profileOf.keys()].find(
      (p) =>
        p.kind !== 'root' &&
        role.trust.some((entry) => trusts(entry, p)) &&
        (!role.requireMfa || state.devicesOf(p)[0]),
    );
    if (!source) continue;
    out.profile(out.name(role.name.toLowerCase(), 'role'), [
      ['role_arn', role.arn],
      ['source_profile', profileOf.get(source)],
      ['mfa_serial', role.requireMfa ? state.devicesOf(source)[0]?.serial : undefined],
      ['external_id', role.externalId],
      ['role_session_name', `${source.name}-sandbox`],
    ]);
  }
}

/** Writes a principal's long-term profile, and its session pair if it has one; answers the profile's name. */
function writePrincipal(out: Samples, state: SandboxState, p: Principal, now: Date, pair?: Pair) {
  const device = state.devicesOf(p)[0];
  const profile = out.name(pair?.longTerm ?? p.name, 'user');
  const key = state.keyOf(p, 'Active')!;
  out.keys(profile, [...keyPair(key), [pair?.mfaKey ?? 'mfa_serial', device?.serial]]);
  if (!pair) return profile;
  const expiration = new Date(now.getTime() + pair.hoursLeft * 3600_000);
  const session = state.issueSession({principal: p, mfa: device !== undefined, expiration});
  // `expiration` as aws-mfa writes it; the first pair has the ISO expiry too.
  const entries: Entries = [
    ...keyPair(session),
    ['aws_session_token', session.sessionToken],
    ['expiration', formatAwsMfaExpiry(expiration)],
    ['x_security_token_expires', pair.isoExpiry ? formatRfc3339(expiration) : undefined],
  ];
  out.keys(out.name(pair.session, 'session'), entries, pair.region);
  return profile;
}

/** The sample files' text for the current state; issues (and registers) the sessions they hold. */
function sampleTexts(state: SandboxState, options: SampleOptions) {
  const now = new Date(Math.floor(options.now.getTime() / 1000) * 1000);
  const out = new Samples(options.region);
  const deviceOf = (p: Principal) => state.devicesOf(p)[0];
  const withKeys = state.principals.filter((p) => state.keyOf(p, 'Active'));
  const users = withKeys.filter((p) => p.kind === 'user');
  const first = users.find(deviceOf) ?? users[0];
  const second = users.find((p) => p !== first && deviceOf(p));
  const rest = withKeys.filter((p) => p !== first && p !== second);
  const profileOf = new Map<Principal, string>();
  for (const [i, p] of [first, second, ...rest].entries())
    if (p) profileOf.set(p, writePrincipal(out, state, p, now, pairs[i]));
  // A rotated-out key, so the "access key unknown to AWS" path has a profile to show it.
  for (const p of state.principals) {
    const old = state.keyOf(p, 'Inactive') ?? state.deletedKeyOf(p);
    if (old) out.keys(out.name(`${p.name}-old`, 'key'), keyPair(old));
  }
  writeRoles(out, state, profileOf);
  out.config.push(
    `[services sandbox]\nsts =\n  endpoint_url = ${options.endpoint}\niam =\n  endpoint_url = ${options.endpoint}\n`,
  );
  const header = (what: string) =>
    `${sampleMarker} sample ${what} for the local STS at ${options.endpoint}.\n` +
    '# These are sandbox keys, not AWS keys. The sandbox rewrites this file when it starts again.\n\n';
  return {
    credentials: header('credentials') + out.credentials.join('\n'),
    config: header('config') + out.config.join('\n'),
    profiles: [...out.taken],
  };
}

/** Whether a file is one the sandbox wrote, or absent. */
const ours = (file: string) =>
  readFile(file, 'utf8').then(
    (text) => text.startsWith(sampleMarker),
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  );

/** Writes `credentials` and `config` into a folder, refusing to overwrite files it did not write. */
export async function writeSampleFiles(dir: string, state: SandboxState, options: SampleOptions) {
  const credentialsFile = path.join(dir, 'credentials');
  const configFile = path.join(dir, 'config');
  try {
    await mkdir(dir, {recursive: true, mode: 0o700});
    for (const file of [credentialsFile, configFile]) {
      if (!(await ours(file))) {
        return fail(
          'sandbox-dir-taken',
          `${file} exists and was not written by the sandbox; it is left untouched.`,
          'Choose an empty folder with --dir, or leave --dir out to use a temporary one.',
        );
      }
    }
    const texts = sampleTexts(state, options);
    await writeFile(credentialsFile, texts.credentials, {mode: 0o600});
    await writeFile(configFile, texts.config, {mode: 0o600});
    await chmod(credentialsFile, 0o600);
    await chmod(configFile, 0o600);
    return ok<SampleFiles>({credentialsFile, configFile, profiles: texts.profiles});
  } catch (error) {
    return fail(
      'sandbox-dir-unwritable',
      `Cannot write the sample files into ${dir}: ${ioReason(error)}`,
      'Choose a writable folder with --dir.',
    );
  }
}
