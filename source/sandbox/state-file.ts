// The JSON a `--state FILE` holds: accounts, IAM users (and root users) with access keys, virtual
// MFA devices and roles; and its checks, each problem named by its JSON path.
import type {Result} from '../core/errors.js';
import {fail, ok} from '../core/errors.js';
import {base32Decode} from './totp.js';

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

/** What a user or root user holds. */
export type CredentialsFile = {accessKeys?: AccessKeyFile[]; mfaDevices?: MfaDeviceFile[]};

export type UserFile = CredentialsFile & {name: string; userId?: string};

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
  root?: CredentialsFile;
  users?: UserFile[];
  roles?: RoleFile[];
};

/** The JSON a `--state FILE` holds (documented in docs/sandbox-state.md). */
export type StateFile = {accounts: AccountFile[]};

/** The EnableDate of a device whose state file gives none: fixed, so answers stay reproducible. */
export const defaultEnableDate = '2024-01-01T00:00:00Z';

/** A device's serial as an ARN: a bare name is a device of the account. */
export function expandSerial(serial: string, accountId: string): string {
  return serial.startsWith('arn:') ? serial : `arn:aws:iam::${accountId}:mfa/${serial}`;
}

const name = /^[\w+=,.@-]{1,64}$/;
const trustEntry =
  /^(\*|arn:aws:iam::\d{12}:(root|user\/[\w+=,.@-]+|role\/[\w+=,.@-]+)|arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;
const isoUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

type Fields = Record<string, unknown>;

/** Collects problems as it walks the file, and what must be unique across it. */
class Checker {
  readonly problems: string[] = [];
  readonly keys = new Set<string>();
  readonly serials = new Set<string>();
  readonly names = new Set<string>();
  readonly accounts = new Set<string>();

  add(where: string, problem: string): void {
    this.problems.push(`${where}: ${problem}`);
  }

  /** The value as an object whose fields are all `allowed`, or undefined (and a problem). */
  object(where: string, v: unknown, allowed: string[]): Fields | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return void this.add(where, 'must be an object');
    for (const k of Object.keys(v))
      if (!allowed.includes(k)) this.add(where, `unknown field "${k}"`);
    return v as Fields;
  }

  array(where: string, v: unknown): unknown[] {
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    this.add(where, 'must be an array');
    return [];
  }

  string(where: string, v: unknown, pattern: RegExp, shape: string): v is string {
    if (typeof v === 'string' && pattern.test(v)) return true;
    this.add(where, `must be ${shape}`);
    return false;
  }

  /** Notes a value that must be unique, with a problem when it was seen before. */
  unique(seen: Set<string>, value: string, where: string, problem: string): void {
    if (seen.has(value)) this.add(where, problem);
    seen.add(value);
  }
}

function checkKey(c: Checker, where: string, v: unknown): void {
  const key = c.object(where, v, ['accessKeyId', 'secretAccessKey', 'status']);
  if (!key) return;
  const idShape = '"AKIA" followed by 16 upper-case letters or digits';
  if (c.string(`${where}.accessKeyId`, key.accessKeyId, /^AKIA[A-Z0-9]{16}$/, idShape))
    c.unique(c.keys, key.accessKeyId, `${where}.accessKeyId`, `${key.accessKeyId} is used twice`);
  const secretShape = '40 characters of A-Z, a-z, 0-9, / and +';
  c.string(`${where}.secretAccessKey`, key.secretAccessKey, /^[A-Za-z0-9/+]{40}$/, secretShape);
  if (key.status !== undefined && key.status !== 'Active' && key.status !== 'Inactive')
    c.add(`${where}.status`, 'must be "Active" or "Inactive"');
}

function checkDevice(c: Checker, where: string, v: unknown, accountId: string): void {
  const device = c.object(where, v, ['serial', 'secret', 'enableDate']);
  if (!device) return;
  const {enableDate, serial, secret} = device;
  if (
    enableDate !== undefined &&
    (typeof enableDate !== 'string' ||
      !isoUtc.test(enableDate) ||
      Number.isNaN(Date.parse(enableDate)))
  )
    c.add(`${where}.enableDate`, `must be an ISO 8601 UTC time like ${defaultEnableDate}`);
  if (typeof serial !== 'string' || serial === '') {
    c.add(`${where}.serial`, 'must be an MFA device ARN or a device name');
  } else {
    const arn = expandSerial(serial, accountId);
    const m = /^arn:aws:iam::(\d{12}):mfa\/[\w+=,.@/-]{1,200}$/.exec(arn);
    if (!m) {
      const shape = `arn:aws:iam::${accountId}:mfa/NAME (or be just NAME)`;
      c.add(`${where}.serial`, `must look like ${shape}`);
    } else if (m[1] !== accountId) {
      c.add(`${where}.serial`, `belongs to account ${m[1]}, not ${accountId}`);
    } else if (c.serials.has(arn)) {
      c.add(`${where}.serial`, `${arn} is used twice`);
    }
    c.serials.add(arn);
  }
  const seed = typeof secret === 'string' ? secret.toUpperCase() : '';
  if (!/^[A-Z2-7]+=*$/.test(seed) || (base32Decode(seed)?.length ?? 0) < 10)
    c.add(`${where}.secret`, 'must be a base32 TOTP seed of at least 16 characters');
}

function checkCredentials(c: Checker, where: string, owner: Fields, accountId: string): void {
  c.array(`${where}.accessKeys`, owner.accessKeys).forEach((key, i) =>
    checkKey(c, `${where}.accessKeys[${i}]`, key),
  );
  c.array(`${where}.mfaDevices`, owner.mfaDevices).forEach((device, i) =>
    checkDevice(c, `${where}.mfaDevices[${i}]`, device, accountId),
  );
}

function checkUser(c: Checker, where: string, v: unknown, accountId: string): void {
  const user = c.object(where, v, ['name', 'userId', 'accessKeys', 'mfaDevices']);
  if (!user) return;
  if (c.string(`${where}.name`, user.name, name, 'an IAM user name')) {
    const taken = `"${user.name}" is taken (names are unique in the sandbox)`;
    if (user.name === 'root') c.add(`${where}.name`, taken);
    else c.unique(c.names, user.name, `${where}.name`, taken);
  }
  if (user.userId !== undefined)
    c.string(`${where}.userId`, user.userId, /^AIDA[A-Z0-9]{8,124}$/, 'AIDA…');
  checkCredentials(c, where, user, accountId);
}

function checkRole(c: Checker, where: string, v: unknown, roleNames: Set<string>): void {
  const allowed = ['name', 'roleId', 'trust', 'requireMfa', 'maxSessionDuration', 'externalId'];
  const role = c.object(where, v, allowed);
  if (!role) return;
  if (c.string(`${where}.name`, role.name, name, 'an IAM role name'))
    c.unique(roleNames, role.name, `${where}.name`, `"${role.name}" is listed twice`);
  if (role.roleId !== undefined)
    c.string(`${where}.roleId`, role.roleId, /^AROA[A-Z0-9]{8,124}$/, 'AROA…');
  const trust = c.array(`${where}.trust`, role.trust);
  if (trust.length === 0) c.add(`${where}.trust`, 'must list at least one principal');
  const shape = 'an account (arn:aws:iam::ID:root), user, role or assumed-role ARN, or "*"';
  trust.forEach((p, i) => c.string(`${where}.trust[${i}]`, p, trustEntry, shape));
  if (role.requireMfa !== undefined && typeof role.requireMfa !== 'boolean')
    c.add(`${where}.requireMfa`, 'must be true or false');
  const max = role.maxSessionDuration;
  if (max !== undefined && !(Number.isInteger(max) && Number(max) >= 3600 && Number(max) <= 43200))
    c.add(`${where}.maxSessionDuration`, 'must be whole seconds from 3600 to 43200');
  if (role.externalId !== undefined && typeof role.externalId !== 'string')
    c.add(`${where}.externalId`, 'must be a string');
}

function checkAccount(c: Checker, where: string, v: unknown): void {
  const account = c.object(where, v, ['id', 'alias', 'root', 'users', 'roles']);
  if (!account) return;
  const idOk = c.string(`${where}.id`, account.id, /^\d{12}$/, 'a 12-digit account id');
  const accountId = idOk ? (account.id as string) : '000000000000';
  if (idOk && c.accounts.has(accountId))
    c.add(`${where}.id`, `account ${accountId} is listed twice`);
  c.accounts.add(accountId);
  if (account.alias !== undefined && typeof account.alias !== 'string')
    c.add(`${where}.alias`, 'must be a string');
  if (account.root !== undefined) {
    const root = c.object(`${where}.root`, account.root, ['accessKeys', 'mfaDevices']);
    if (root) checkCredentials(c, `${where}.root`, root, accountId);
  }
  c.array(`${where}.users`, account.users).forEach((user, i) =>
    checkUser(c, `${where}.users[${i}]`, user, accountId),
  );
  const roleNames = new Set<string>();
  c.array(`${where}.roles`, account.roles).forEach((role, i) =>
    checkRole(c, `${where}.roles[${i}]`, role, roleNames),
  );
}

/** Checks a parsed state file; every problem names its JSON path. */
export function validateStateFile(data: unknown, label = 'The sandbox state'): Result<StateFile> {
  const c = new Checker();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    c.add('(top level)', 'must be an object with "accounts"');
  } else {
    const top = c.object('(top level)', data, ['accounts', 'description'])!;
    const accounts = c.array('accounts', top.accounts);
    if (accounts.length === 0) c.add('accounts', 'must list at least one account');
    accounts.forEach((account, i) => checkAccount(c, `accounts[${i}]`, account));
  }
  if (c.problems.length === 0) return ok(data as StateFile);
  const shown = c.problems.slice(0, 10);
  if (c.problems.length > shown.length) shown.push(`… and ${c.problems.length - 10} more`);
  return fail(
    'sandbox-state-invalid',
    `${label} is not valid:\n  ${shown.join('\n  ')}`,
    'Fix the file; docs/sandbox-state.md describes each field.',
  );
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
  return validateStateFile(data, label);
}
