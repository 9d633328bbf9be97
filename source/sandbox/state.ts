// The sandbox's world: accounts, IAM users (and root users) with access keys, virtual MFA devices,
// roles, and the session credentials it has issued. Loaded from a JSON state file or the demo.
import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';
import type {Result} from '../core/errors.js';
import {fail, ok} from '../core/errors.js';
import {base32Decode, base32Encode} from './totp.js';

/** An access key as written in a state file. */
export type AccessKeyFile = {
  accessKeyId: string;
  secretAccessKey: string;
  status?: 'Active' | 'Inactive';
};

/**
 * A virtual MFA device as written in a state file: serial ARN (or bare device name), base32 seed,
 * and when it was enabled (ISO 8601; IAM ListMFADevices reports it as EnableDate).
 */
export type MfaDeviceFile = {serial: string; secret: string; enableDate?: string};

/** The EnableDate of a device whose state file gives none: fixed, so answers stay reproducible. */
export const defaultEnableDate = '2024-01-01T00:00:00Z';

export type UserFile = {
  name: string;
  userId?: string;
  accessKeys?: AccessKeyFile[];
  mfaDevices?: MfaDeviceFile[];
};

export type RoleFile = {
  name: string;
  roleId?: string;
  trust: string[];
  requireMfa?: boolean;
  maxSessionDuration?: number;
  externalId?: string;
};

export type AccountFile = {
  id: string;
  alias?: string;
  root?: {accessKeys?: AccessKeyFile[]; mfaDevices?: MfaDeviceFile[]};
  users?: UserFile[];
  roles?: RoleFile[];
};

/** The JSON a `--state FILE` holds (documented in docs/sandbox-state.md). */
export type StateFile = {accounts: AccountFile[]};

export type Role = {
  arn: string;
  accountId: string;
  name: string;
  roleId: string;
  trust: string[];
  requireMfa: boolean;
  maxSessionDuration: number;
  externalId?: string;
};

/** Who signs a request: an account's root user, an IAM user, or a role session. */
export type Principal =
  | {kind: 'root'; name: string; accountId: string; arn: string; userId: string}
  | {kind: 'user'; name: string; accountId: string; arn: string; userId: string}
  | {
      kind: 'role-session';
      name: string;
      accountId: string;
      arn: string;
      userId: string;
      role: Role;
      sessionName: string;
    };

export type LongTermKey = {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  principal: Principal;
};

export type MfaDevice = {
  serial: string;
  secret: string;
  key: Buffer;
  owner: Principal;
  enabledAt: Date;
  /** The last TOTP step accepted, so a code is good once (as at AWS). */
  lastStep?: number;
};

export type Session = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  issuedAt: Date;
  expiration: Date;
  principal: Principal;
  via: 'GetSessionToken' | 'AssumeRole';
  /** Whether MFA was presented when it was issued (aws:MultiFactorAuthPresent). */
  mfa: boolean;
};

/** One user as the `sandbox` command prints it and tests use it. */
export type SandboxUser = {
  name: string;
  accountId: string;
  arn: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  mfaSerial: string | null;
  totpSecret: string | null;
};

const accountIdPattern = /^\d{12}$/;
const accessKeyPattern = /^AKIA[A-Z0-9]{16}$/;
const secretPattern = /^[A-Za-z0-9/+]{40}$/;
const namePattern = /^[\w+=,.@-]{1,64}$/;
const base32Pattern = /^[A-Z2-7]+=*$/;

function digest(label: string): Buffer {
  return createHash('sha512').update(`mfa-tui sandbox/${label}`).digest();
}

/** A stable id of AWS's shape (prefix + upper-case letters and digits) derived from a label. */
export function derivedId(prefix: string, label: string, length: number): string {
  return prefix + base32Encode(digest(label)).slice(0, length);
}

/** A stable 40-character secret access key derived from a label. */
export function derivedSecret(label: string): string {
  return digest(label).subarray(0, 30).toString('base64');
}

/** A stable 64-character base32 TOTP seed (40 bytes, as AWS issues) derived from a label. */
export function derivedTotpSecret(label: string): string {
  return base32Encode(digest(label).subarray(0, 40));
}

const demoAccount = '111122223333';
const demoProdAccount = '444455556666';

function demoKey(label: string, status: 'Active' | 'Inactive' = 'Active'): AccessKeyFile {
  return {
    accessKeyId: derivedId('AKIA', `demo/${label}/id`, 16),
    secretAccessKey: derivedSecret(`demo/${label}/secret`),
    status,
  };
}

/** The built-in demo world: deterministic keys, so sample files and docs stay stable. */
export function demoStateFile(): StateFile {
  const mfa = (name: string): MfaDeviceFile => ({
    serial: `arn:aws:iam::${demoAccount}:mfa/${name}`,
    secret: derivedTotpSecret(`demo/mfa/${name}`),
  });
  return {
    accounts: [
      {
        id: demoAccount,
        alias: 'demo',
        root: {accessKeys: [demoKey('root')], mfaDevices: [mfa('root-account-mfa-device')]},
        users: [
          {
            name: 'alice',
            accessKeys: [demoKey('alice'), demoKey('alice-old', 'Inactive')],
            mfaDevices: [mfa('alice')],
          },
          {name: 'bob', accessKeys: [demoKey('bob')], mfaDevices: [mfa('bob')]},
          {name: 'carol', accessKeys: [demoKey('carol')]},
        ],
        roles: [
          {
            name: 'Admin',
            trust: [`arn:aws:iam::${demoAccount}:user/alice`],
            requireMfa: true,
            maxSessionDuration: 43200,
          },
          {
            name: 'ReadOnly',
            trust: [`arn:aws:iam::${demoAccount}:root`],
            requireMfa: false,
            maxSessionDuration: 3600,
          },
        ],
      },
      {
        id: demoProdAccount,
        alias: 'demo-prod',
        roles: [
          {
            name: 'Deploy',
            trust: [`arn:aws:iam::${demoAccount}:user/bob`],
            requireMfa: true,
            maxSessionDuration: 7200,
          },
        ],
      },
    ],
  };
}

type Problems = string[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(
  problems: Problems,
  where: string,
  v: Record<string, unknown>,
  allowed: string[],
): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) problems.push(`${where}: unknown field "${k}"`);
  }
}

function checkArray(problems: Problems, where: string, v: unknown): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push(`${where}: must be an array`);
    return [];
  }
  return v;
}

function checkString(
  problems: Problems,
  where: string,
  v: unknown,
  pattern: RegExp,
  shape: string,
): v is string {
  if (typeof v !== 'string' || !pattern.test(v)) {
    problems.push(`${where}: must be ${shape}`);
    return false;
  }
  return true;
}

/** Checks a parsed state file; every problem names its JSON path. */
export function validateStateFile(data: unknown): Result<StateFile> {
  const problems: Problems = [];
  const seenKeys = new Set<string>();
  const seenSerials = new Set<string>();
  const seenNames = new Set<string>();
  const seenAccounts = new Set<string>();
  if (!isObject(data)) {
    problems.push('(top level): must be an object with "accounts"');
  } else {
    checkKeys(problems, '(top level)', data, ['accounts', 'description']);
    const accounts = checkArray(problems, 'accounts', data.accounts);
    if (accounts.length === 0) problems.push('accounts: must list at least one account');
    accounts.forEach((account, ai) => {
      const aw = `accounts[${ai}]`;
      if (!isObject(account)) return void problems.push(`${aw}: must be an object`);
      checkKeys(problems, aw, account, ['id', 'alias', 'root', 'users', 'roles']);
      const idOk = checkString(
        problems,
        `${aw}.id`,
        account.id,
        accountIdPattern,
        'a 12-digit account id',
      );
      const accountId = idOk ? (account.id as string) : '000000000000';
      if (idOk && seenAccounts.has(accountId))
        problems.push(`${aw}.id: account ${accountId} is listed twice`);
      seenAccounts.add(accountId);
      if (account.alias !== undefined && typeof account.alias !== 'string')
        problems.push(`${aw}.alias: must be a string`);
      const checkCredentials = (where: string, owner: Record<string, unknown>) => {
        checkArray(problems, `${where}.accessKeys`, owner.accessKeys).forEach((key, ki) => {
          const kw = `${where}.accessKeys[${ki}]`;
          if (!isObject(key)) return void problems.push(`${kw}: must be an object`);
          checkKeys(problems, kw, key, ['accessKeyId', 'secretAccessKey', 'status']);
          if (
            checkString(
              problems,
              `${kw}.accessKeyId`,
              key.accessKeyId,
              accessKeyPattern,
              '"AKIA" followed by 16 upper-case letters or digits',
            )
          ) {
            if (seenKeys.has(key.accessKeyId))
              problems.push(`${kw}.accessKeyId: ${key.accessKeyId} is used twice`);
            seenKeys.add(key.accessKeyId);
          }
          checkString(
            problems,
            `${kw}.secretAccessKey`,
            key.secretAccessKey,
            secretPattern,
            '40 characters of A-Z, a-z, 0-9, / and +',
          );
          if (key.status !== undefined && key.status !== 'Active' && key.status !== 'Inactive')
            problems.push(`${kw}.status: must be "Active" or "Inactive"`);
        });
        checkArray(problems, `${where}.mfaDevices`, owner.mfaDevices).forEach((device, di) => {
          const dw = `${where}.mfaDevices[${di}]`;
          if (!isObject(device)) return void problems.push(`${dw}: must be an object`);
          checkKeys(problems, dw, device, ['serial', 'secret', 'enableDate']);
          if (
            device.enableDate !== undefined &&
            (typeof device.enableDate !== 'string' ||
              !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(device.enableDate) ||
              Number.isNaN(Date.parse(device.enableDate)))
          )
            problems.push(
              `${dw}.enableDate: must be an ISO 8601 UTC time like ${defaultEnableDate}`,
            );
          if (typeof device.serial !== 'string' || device.serial === '') {
            problems.push(`${dw}.serial: must be an MFA device ARN or a device name`);
          } else {
            const serial = expandSerial(device.serial, accountId);
            const m = /^arn:aws:iam::(\d{12}):mfa\/[\w+=,.@/-]{1,200}$/.exec(serial);
            if (!m) {
              problems.push(
                `${dw}.serial: must look like arn:aws:iam::${accountId}:mfa/NAME (or be just NAME)`,
              );
            } else if (m[1] !== accountId) {
              problems.push(`${dw}.serial: belongs to account ${m[1]}, not ${accountId}`);
            } else if (seenSerials.has(serial)) {
              problems.push(`${dw}.serial: ${serial} is used twice`);
            }
            seenSerials.add(serial);
          }
          const secret = typeof device.secret === 'string' ? device.secret.toUpperCase() : '';
          if (!base32Pattern.test(secret) || (base32Decode(secret)?.length ?? 0) < 10)
            problems.push(`${dw}.secret: must be a base32 TOTP seed of at least 16 characters`);
        });
      };
      if (account.root !== undefined) {
        if (!isObject(account.root)) problems.push(`${aw}.root: must be an object`);
        else {
          checkKeys(problems, `${aw}.root`, account.root, ['accessKeys', 'mfaDevices']);
          checkCredentials(`${aw}.root`, account.root);
        }
      }
      checkArray(problems, `${aw}.users`, account.users).forEach((user, ui) => {
        const uw = `${aw}.users[${ui}]`;
        if (!isObject(user)) return void problems.push(`${uw}: must be an object`);
        checkKeys(problems, uw, user, ['name', 'userId', 'accessKeys', 'mfaDevices']);
        if (checkString(problems, `${uw}.name`, user.name, namePattern, 'an IAM user name')) {
          if (seenNames.has(user.name) || user.name === 'root')
            problems.push(`${uw}.name: "${user.name}" is taken (names are unique in the sandbox)`);
          seenNames.add(user.name);
        }
        if (user.userId !== undefined)
          checkString(problems, `${uw}.userId`, user.userId, /^AIDA[A-Z0-9]{8,124}$/, 'AIDA…');
        checkCredentials(uw, user);
      });
      const roleNames = new Set<string>();
      checkArray(problems, `${aw}.roles`, account.roles).forEach((role, ri) => {
        const rw = `${aw}.roles[${ri}]`;
        if (!isObject(role)) return void problems.push(`${rw}: must be an object`);
        checkKeys(problems, rw, role, [
          'name',
          'roleId',
          'trust',
          'requireMfa',
          'maxSessionDuration',
          'externalId',
        ]);
        if (checkString(problems, `${rw}.name`, role.name, namePattern, 'an IAM role name')) {
          if (roleNames.has(role.name)) problems.push(`${rw}.name: "${role.name}" is listed twice`);
          roleNames.add(role.name);
        }
        if (role.roleId !== undefined)
          checkString(problems, `${rw}.roleId`, role.roleId, /^AROA[A-Z0-9]{8,124}$/, 'AROA…');
        const trust = checkArray(problems, `${rw}.trust`, role.trust);
        if (trust.length === 0) problems.push(`${rw}.trust: must list at least one principal`);
        trust.forEach((p, pi) =>
          checkString(
            problems,
            `${rw}.trust[${pi}]`,
            p,
            /^(\*|arn:aws:iam::\d{12}:(root|user\/[\w+=,.@-]+|role\/[\w+=,.@-]+)|arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/,
            'an account (arn:aws:iam::ID:root), user, role or assumed-role ARN, or "*"',
          ),
        );
        if (role.requireMfa !== undefined && typeof role.requireMfa !== 'boolean')
          problems.push(`${rw}.requireMfa: must be true or false`);
        const max = role.maxSessionDuration;
        if (
          max !== undefined &&
          (typeof max !== 'number' || !Number.isInteger(max) || max < 3600 || max > 43200)
        )
          problems.push(`${rw}.maxSessionDuration: must be whole seconds from 3600 to 43200`);
        if (role.externalId !== undefined && typeof role.externalId !== 'string')
          problems.push(`${rw}.externalId: must be a string`);
      });
    });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    return fail(
      'sandbox-state-invalid',
      `The sandbox state is not valid:\n  ${shown.join('\n  ')}`,
      'Fix the file; docs/sandbox-state.md describes each field.',
    );
  }
  return ok(data as StateFile);
}

function expandSerial(serial: string, accountId: string): string {
  return serial.startsWith('arn:') ? serial : `arn:aws:iam::${accountId}:mfa/${serial}`;
}

/** Parses and validates the text of a state file. */
export function parseStateFile(text: string, label: string): Result<StateFile> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(
      'sandbox-state-invalid',
      `${label} is not valid JSON: ${(error as Error).message}`,
      'Fix the file; docs/sandbox-state.md describes the format.',
    );
  }
  const checked = validateStateFile(data);
  if (!checked.ok)
    checked.error.message = checked.error.message.replace('The sandbox state', label);
  return checked;
}

/** Does a trust-policy principal cover this caller? */
export function trusts(entry: string, caller: Principal): boolean {
  if (entry === '*') return true;
  if (entry === `arn:aws:iam::${caller.accountId}:root`) return caller.kind !== 'root';
  if (caller.kind === 'role-session') return entry === caller.role.arn || entry === caller.arn;
  return entry === caller.arn;
}

/** The live sandbox: what the state file declared plus what has happened since (sessions, used TOTP steps). */
export class SandboxState {
  readonly principals: Principal[] = [];
  readonly roles = new Map<string, Role>();
  readonly devices = new Map<string, MfaDevice>();
  readonly longTermKeys = new Map<string, LongTermKey>();
  readonly sessions = new Map<string, Session>();
  readonly #users: SandboxUser[] = [];

  constructor(file: StateFile) {
    const rootCount = file.accounts.filter((a) => a.root).length;
    for (const account of file.accounts) {
      const add = (
        principal: Principal,
        owner: {accessKeys?: AccessKeyFile[]; mfaDevices?: MfaDeviceFile[]},
      ) => {
        this.principals.push(principal);
        for (const key of owner.accessKeys ?? []) {
          this.longTermKeys.set(key.accessKeyId, {
            accessKeyId: key.accessKeyId,
            secretAccessKey: key.secretAccessKey,
            status: key.status ?? 'Active',
            principal,
          });
        }
        const devices = (owner.mfaDevices ?? []).map((d) => {
          const serial = expandSerial(d.serial, account.id);
          const secret = d.secret.toUpperCase();
          const device: MfaDevice = {
            serial,
            secret,
            key: base32Decode(secret)!,
            owner: principal,
            enabledAt: new Date(d.enableDate ?? defaultEnableDate),
          };
          this.devices.set(serial, device);
          return device;
        });
        const active = (owner.accessKeys ?? []).find((k) => (k.status ?? 'Active') === 'Active');
        this.#users.push({
          name: principal.name,
          accountId: principal.accountId,
          arn: principal.arn,
          accessKeyId: active?.accessKeyId ?? null,
          secretAccessKey: active?.secretAccessKey ?? null,
          mfaSerial: devices[0]?.serial ?? null,
          totpSecret: devices[0]?.secret ?? null,
        });
      };
      if (account.root) {
        const name = rootCount === 1 ? 'root' : `root-${account.id}`;
        add(
          {
            kind: 'root',
            name,
            accountId: account.id,
            arn: `arn:aws:iam::${account.id}:root`,
            userId: account.id,
          },
          account.root,
        );
      }
      for (const user of account.users ?? []) {
        const arn = `arn:aws:iam::${account.id}:user/${user.name}`;
        add(
          {
            kind: 'user',
            name: user.name,
            accountId: account.id,
            arn,
            userId: user.userId ?? derivedId('AIDA', arn, 17),
          },
          user,
        );
      }
      for (const role of account.roles ?? []) {
        const arn = `arn:aws:iam::${account.id}:role/${role.name}`;
        this.roles.set(arn, {
          arn,
          accountId: account.id,
          name: role.name,
          roleId: role.roleId ?? derivedId('AROA', arn, 17),
          trust: role.trust,
          requireMfa: role.requireMfa ?? false,
          maxSessionDuration: role.maxSessionDuration ?? 3600,
          externalId: role.externalId,
        });
      }
    }
  }

  /** The built-in demo state. */
  static demo(): SandboxState {
    return new SandboxState(demoStateFile());
  }

  /** Every user and root user, each with its first active key and first MFA device. */
  users(): SandboxUser[] {
    return this.#users.map((u) => ({...u}));
  }

  /** A user by name, ARN, access key id or MFA serial. */
  user(which: string): SandboxUser | undefined {
    return this.#users.find(
      (u) =>
        u.name === which || u.arn === which || u.accessKeyId === which || u.mfaSerial === which,
    );
  }

  /** The MFA devices assigned to a principal, in state-file order. */
  devicesOf(principal: Principal): MfaDevice[] {
    return [...this.devices.values()].filter((d) => d.owner === principal);
  }

  /** The session credentials issued with this ASIA key, if any. */
  session(accessKeyId: string): Session | undefined {
    return this.sessions.get(accessKeyId);
  }

  /** Whether a token is the one issued with a session (constant time). */
  static tokenMatches(session: Session, token: string): boolean {
    const a = Buffer.from(session.sessionToken);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Issues fresh session credentials (random ASIA key, 40-char secret, opaque token) and remembers them. */
  issueSession(options: {
    principal: Principal;
    via: Session['via'];
    mfa: boolean;
    issuedAt: Date;
    expiration: Date;
  }): Session {
    let accessKeyId: string;
    do {
      accessKeyId = `ASIA${base32Encode(randomBytes(10))}`;
    } while (this.sessions.has(accessKeyId));
    const session: Session = {
      ...options,
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(348).toString('base64')}`,
    };
    this.sessions.set(accessKeyId, session);
    return session;
  }
}
