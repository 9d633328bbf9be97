// Sample credentials and config files whose keys match the sandbox's users: long-term profiles with
// MFA devices, an aws-mfa style pair, a valid and an expired session, role profiles, regions.
import {mkdir, readFile, writeFile, chmod} from 'node:fs/promises';
import path from 'node:path';
import type {Result} from '../core/errors.js';
import {fail, ok} from '../core/errors.js';
import type {Principal, Role, SandboxState, Session} from './state.js';

/** First line of every file the sandbox writes; only files starting with it are overwritten. */
export const sampleMarker = '# mfa-tui sandbox:';

export type SampleTexts = {credentials: string; config: string; profiles: string[]};
export type SampleFiles = {credentialsFile: string; configFile: string; profiles: string[]};

const hour = 3600 * 1000;

/** `YYYY-MM-DD HH:MM:SS` in UTC, aws-mfa's expiration format. */
function awsMfaTime(when: Date): string {
  return when
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

function section(header: string, entries: Array<[string, string | undefined]>): string {
  const lines = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${v}`);
  return `[${header}]\n${lines.join('\n')}\n`;
}

/**
 * Builds the sample files' text for the current state. Issues (and registers) the sessions the
 * session profiles hold, one already expired and one valid, so every profile answers as it should.
 */
export function sampleTexts(
  state: SandboxState,
  options: {endpoint: string; region: string; now: Date},
): SampleTexts {
  const now = new Date(Math.floor(options.now.getTime() / 1000) * 1000);
  const credentials: string[] = [];
  const config: string[] = [];
  const taken = new Set<string>();
  const profileOf = new Map<string, string>(); // principal ARN -> long-term profile
  const name = (wanted: string, suffix: string) => {
    let n = wanted;
    while (taken.has(n)) n = `${n}-${suffix}`;
    taken.add(n);
    return n;
  };
  const keyOf = (p: Principal, status: 'Active' | 'Inactive') =>
    [...state.longTermKeys.values()].find((k) => k.principal === p && k.status === status);
  const deviceOf = (p: Principal) => [...state.devices.values()].find((d) => d.owner === p);
  // Every profile names a region (clients refuse to sign without one) and the sandbox's services block.
  const configSection = (
    profile: string,
    extra: Array<[string, string | undefined]> = [],
    region = options.region,
  ) =>
    config.push(
      section(profile === 'default' ? 'default' : `profile ${profile}`, [
        ...extra,
        ['region', region],
        ['services', 'sandbox'],
      ]),
    );
  const sessionSection = (profile: string, session: Session, extraExpiry: boolean) => {
    credentials.push(
      section(profile, [
        ['aws_access_key_id', session.accessKeyId],
        ['aws_secret_access_key', session.secretAccessKey],
        ['aws_session_token', session.sessionToken],
        ['expiration', awsMfaTime(session.expiration)],
        [
          'x_security_token_expires',
          extraExpiry ? session.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined,
        ],
      ]),
    );
  };

  const withKeys = state.principals.filter((p) => keyOf(p, 'Active'));
  const users = withKeys.filter((p) => p.kind === 'user');
  const first = users.find((p) => deviceOf(p)) ?? users[0];
  const second = users.find((p) => p !== first && deviceOf(p));
  const order = [first, second, ...withKeys.filter((p) => p !== first && p !== second)].filter(
    (p): p is Principal => p !== undefined,
  );

  for (const p of order) {
    const key = keyOf(p, 'Active')!;
    const device = deviceOf(p);
    const longTerm = (profile: string, deviceKey: string) => {
      credentials.push(
        section(profile, [
          ['aws_access_key_id', key.accessKeyId],
          ['aws_secret_access_key', key.secretAccessKey],
          [deviceKey, device?.serial],
        ]),
      );
      profileOf.set(p.arn, profile);
    };
    if (p === first) {
      // default -> mfa, as in the AWS knowledge-center article; its session lapsed 3 hours ago.
      longTerm(name('default', 'user'), 'mfa_serial');
      configSection('default');
      const session = state.issueSession({
        principal: p,
        via: 'GetSessionToken',
        mfa: device !== undefined,
        issuedAt: new Date(now.getTime() - 15 * hour),
        expiration: new Date(now.getTime() - 3 * hour),
      });
      const target = name('mfa', 'session');
      sessionSection(target, session, true);
      configSection(target);
    } else if (p === second) {
      // aws-mfa's convention: X-long-term holds the keys, X the session (valid for 11 more hours).
      const source = name('work-long-term', 'user');
      longTerm(source, 'aws_mfa_device');
      configSection(source);
      const session = state.issueSession({
        principal: p,
        via: 'GetSessionToken',
        mfa: device !== undefined,
        issuedAt: new Date(now.getTime() - 1 * hour),
        expiration: new Date(now.getTime() + 11 * hour),
      });
      const target = name('work', 'session');
      sessionSection(target, session, false);
      configSection(target, [], 'eu-west-1');
    } else {
      const profile = name(p.name, 'user');
      longTerm(profile, 'mfa_serial');
      configSection(profile);
    }
  }

  // A rotated-out key, so the "access key unknown to AWS" path has a profile to show it.
  for (const p of state.principals) {
    const old = keyOf(p, 'Inactive');
    if (!old) continue;
    const profile = name(`${p.name}-old`, 'key');
    credentials.push(
      section(profile, [
        ['aws_access_key_id', old.accessKeyId],
        ['aws_secret_access_key', old.secretAccessKey],
      ]),
    );
    configSection(profile);
  }

  const roleSource = (role: Role) =>
    order.find(
      (p) =>
        p.kind !== 'root' &&
        role.trust.some(
          (t) => t === '*' || t === p.arn || t === `arn:aws:iam::${p.accountId}:root`,
        ) &&
        (!role.requireMfa || deviceOf(p)),
    );
  for (const role of state.roles.values()) {
    const source = roleSource(role);
    if (!source) continue;
    const profile = name(role.name.toLowerCase(), 'role');
    configSection(profile, [
      ['role_arn', role.arn],
      ['source_profile', profileOf.get(source.arn)],
      ['mfa_serial', role.requireMfa ? deviceOf(source)?.serial : undefined],
      ['external_id', role.externalId],
      ['role_session_name', `${source.name}-sandbox`],
    ]);
  }
  config.push(
    `[services sandbox]\nsts =\n  endpoint_url = ${options.endpoint}\niam =\n  endpoint_url = ${options.endpoint}\n`,
  );

  const header = (what: string) =>
    `${sampleMarker} sample ${what} for the local STS at ${options.endpoint}.\n` +
    '# These are sandbox keys, not AWS keys. The sandbox rewrites this file when it starts again.\n\n';
  return {
    credentials: header('credentials') + credentials.join('\n'),
    config: header('config') + config.join('\n'),
    profiles: [...taken],
  };
}

async function ours(file: string): Promise<boolean> {
  try {
    const text = await readFile(file, 'utf8');
    return text.startsWith(sampleMarker);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Writes `credentials` and `config` into a folder, refusing to overwrite files it did not write. */
export async function writeSampleFiles(
  dir: string,
  texts: SampleTexts,
): Promise<Result<SampleFiles>> {
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
    await writeFile(credentialsFile, texts.credentials, {mode: 0o600});
    await writeFile(configFile, texts.config, {mode: 0o600});
    await chmod(credentialsFile, 0o600);
    await chmod(configFile, 0o600);
  } catch (error) {
    return fail(
      'sandbox-dir-unwritable',
      `Cannot write the sample files into ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Choose a writable folder with --dir.',
    );
  }
  return ok({credentialsFile, configFile, profiles: texts.profiles});
}
