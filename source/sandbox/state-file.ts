// The JSON a `--state FILE` holds (docs/sandbox-state.md), and its checks by JSON path.
import type {Result} from '../core/errors.js';
import {fail, ok} from '../core/errors.js';
import {base32Decode} from './totp.js';

export type AccessKeyFile = {
  accessKeyId: string;
  secretAccessKey: string;
  /** Deleted: a key IAM issued once and has since deleted (STS refuses it; IAM lists it no more). */
  status?: 'Active' | 'Inactive' | 'Deleted';
  /** ISO 8601; ListAccessKeys reports it as CreateDate. */
  createDate?: string;
};

/** `serial` is an ARN or a bare device name; `enableDate` (ISO 8601) is IAM's EnableDate. */
export type MfaDeviceFile = {serial: string; secret: string; enableDate?: string};

/** What a user or root user holds. */
export type CredentialsFile = {accessKeys?: AccessKeyFile[]; mfaDevices?: MfaDeviceFile[]};

export type RoleFile = {
  name: string;
  roleId?: string;
  trust: string[];
  requireMfa?: boolean;
  maxSessionDuration?: number;
  externalId?: string;
};

export type StateFile = {
  accounts: Array<{
    id: string;
    alias?: string;
    root?: CredentialsFile;
    users?: Array<CredentialsFile & {name: string; userId?: string}>;
    roles?: RoleFile[];
  }>;
};

/** The EnableDate of a device whose state file gives none: fixed, so answers stay reproducible. */
export const defaultEnableDate = '2024-01-01T00:00:00Z';

/** A device's serial as an ARN: a bare name is a device of the account. */
export function expandSerial(serial: string, accountId: string): string {
  return serial.startsWith('arn:') ? serial : `arn:aws:iam::${accountId}:mfa/${serial}`;
}

/** Collects the problems found walking a file, and the values that must be unique in it. */
class Checker {
  readonly problems: string[] = [];
  readonly keys = new Set<string>();
  readonly serials = new Set<string>();
  /** User names; `root` is the root user's. */
  readonly names = new Set<string>(['root']);
  readonly accounts = new Set<string>();

  add(path: string, problem: string): void {
    this.problems.push(`${path || '(top level)'}: ${problem}`);
  }

  /** Says `problem` when `v` is in `seen` already; remembers it. */
  once(seen: Set<string>, v: string, path: string, problem: string): void {
    if (seen.has(v)) this.add(path, problem);
    seen.add(v);
  }
}

/** Checks the value at `path` (undefined when the field is absent); `accountId` is the enclosing account's. */
type Check = (c: Checker, v: unknown, path: string, accountId: string) => void;

/** An object whose fields each pass their check, in the spec's order; any other field is a problem. */
const object =
  (spec: Record<string, Check>): Check =>
  (c, v, path, accountId) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return c.add(path, 'must be an object');
    for (const k of Object.keys(v))
      if (!Object.hasOwn(spec, k)) c.add(path, `unknown field "${k}"`);
    for (const [k, check] of Object.entries(spec))
      check(c, (v as Record<string, unknown>)[k], path ? `${path}.${k}` : k, accountId);
  };

/** An optional array whose items pass `item`; with `atLeast`, an empty one is a problem too. */
const array =
  (item: Check, atLeast?: string): Check =>
  (c, v, path, accountId) => {
    if (v !== undefined && !Array.isArray(v)) c.add(path, 'must be an array');
    const items = Array.isArray(v) ? v : [];
    if (items.length === 0 && atLeast) c.add(path, `must list at least one ${atLeast}`);
    items.forEach((x, i) => item(c, x, `${path}[${i}]`, accountId));
  };

/** A string matching `pattern`; `then` sees a good one. */
const text =
  (pattern: RegExp, shape: string, then?: (c: Checker, v: string, path: string) => void): Check =>
  (c, v, path) => {
    if (typeof v === 'string' && pattern.test(v)) then?.(c, v, path);
    else c.add(path, `must be ${shape}`);
  };

const optional =
  (check: Check): Check =>
  (c, v, ...rest) => {
    if (v !== undefined) check(c, v, ...rest);
  };

/** An optional field whose value, when given, `ok` accepts. */
const when = (ok: (v: unknown) => boolean, shape: string): Check =>
  optional((c, v, path) => {
    if (!ok(v)) c.add(path, `must be ${shape}`);
  });

const aString = when((v) => typeof v === 'string', 'a string');
const name = /^[\w+=,.@-]{1,64}$/;
const isoTime = when(
  (v) =>
    typeof v === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v) &&
    !isNaN(Date.parse(v)),
  `an ISO 8601 UTC time like ${defaultEnableDate}`,
);
const trustEntry =
  /^(\*|arn:aws:iam::\d{12}:(root|user\/[\w+=,.@-]+|role\/[\w+=,.@-]+)|arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;

const serial: Check = (c, v, path, accountId) => {
  if (typeof v !== 'string' || v === '')
    return c.add(path, 'must be an MFA device ARN or a device name');
  const arn = expandSerial(v, accountId);
  const m = /^arn:aws:iam::(\d{12}):mfa\/[\w+=,.@/-]{1,200}$/.exec(arn);
  if (!m) c.add(path, `must look like arn:aws:iam::${accountId}:mfa/NAME (or be just NAME)`);
  else if (m[1] !== accountId) c.add(path, `belongs to account ${m[1]}, not ${accountId}`);
  else if (c.serials.has(arn)) c.add(path, `${arn} is used twice`);
  c.serials.add(arn);
};

const credentials: Record<string, Check> = {
  accessKeys: array(
    object({
      accessKeyId: text(
        /^AKIA[A-Z0-9]{16}$/,
        '"AKIA" followed by 16 upper-case letters or digits',
        (c, v, path) => c.once(c.keys, v, path, `${v} is used twice`),
      ),
      secretAccessKey: text(/^[A-Za-z0-9/+]{40}$/, '40 characters of A-Z, a-z, 0-9, / and +'),
      status: when(
        (v) => v === 'Active' || v === 'Inactive' || v === 'Deleted',
        '"Active", "Inactive" or "Deleted"',
      ),
      createDate: isoTime,
    }),
  ),
  mfaDevices: array(
    object({
      enableDate: isoTime,
      serial,
      secret(c, v, path) {
        const seed = typeof v === 'string' ? v.toUpperCase() : '';
        if (!/^[A-Z2-7]+=*$/.test(seed) || (base32Decode(seed)?.length ?? 0) < 10)
          c.add(path, 'must be a base32 TOTP seed of at least 16 characters');
      },
    }),
  ),
};

const user = object({
  name: text(name, 'an IAM user name', (c, v, path) =>
    c.once(c.names, v, path, `"${v}" is taken (names are unique in the sandbox)`),
  ),
  userId: optional(text(/^AIDA[A-Z0-9]{8,124}$/, 'AIDA…')),
  ...credentials,
});

/** A role; `names` are the role names of its account so far. */
const role = (names: Set<string>) =>
  object({
    name: text(name, 'an IAM role name', (c, v, path) =>
      c.once(names, v, path, `"${v}" is listed twice`),
    ),
    roleId: optional(text(/^AROA[A-Z0-9]{8,124}$/, 'AROA…')),
    trust: array(
      text(trustEntry, 'an account (arn:aws:iam::ID:root), user, role or assumed-role ARN, or "*"'),
      'principal',
    ),
    requireMfa: when((v) => typeof v === 'boolean', 'true or false'),
    maxSessionDuration: when(
      (v) => Number.isInteger(v) && Number(v) >= 3600 && Number(v) <= 43200,
      'whole seconds from 3600 to 43200',
    ),
    externalId: aString,
  });

const account: Check = (c, v, path) => {
  const id = (v as {id?: unknown} | null)?.id;
  const idOk = typeof id === 'string' && /^\d{12}$/.test(id);
  const accountId = idOk ? id : '000000000000';
  object({
    id(c, v, path) {
      if (!idOk) c.add(path, 'must be a 12-digit account id');
      else c.once(c.accounts, accountId, path, `account ${accountId} is listed twice`);
    },
    alias: aString,
    root: optional(object(credentials)),
    users: array(user),
    roles: array(role(new Set())),
  })(c, v, path, accountId);
};

/** Checks a parsed state file; every problem names its JSON path. */
export function validateStateFile(data: unknown, label = 'The sandbox state'): Result<StateFile> {
  const c = new Checker();
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    c.add('', 'must be an object with "accounts"');
  else object({accounts: array(account, 'account'), description: () => undefined})(c, data, '', '');
  if (c.problems.length === 0) return ok(data as StateFile);
  const shown = c.problems.slice(0, 10);
  if (c.problems.length > shown.length) shown.push(`… and ${c.problems.length - 10} more`);
  return fail(
    'sandbox-state-invalid',
    `${label} is not valid:\n  ${shown.join('\n  ')}`,
    'Fix the file; docs/sandbox-state.md describes each field.',
  );
}

/** Where JSON.parse stopped, never its excerpt of the text: the file holds secret keys. */
function jsonProblem(error: unknown): string {
  const message = (error as Error).message;
  const at = /\(line (\d+) column (\d+)\)/.exec(message);
  if (at) return ` at line ${at[1]}, column ${at[2]}`;
  return message.includes('end of JSON input') ? ': it ends too early' : '';
}

/** Parses and validates the text of a state file. */
export function parseStateFile(text: string, label: string): Result<StateFile> {
  try {
    return validateStateFile(JSON.parse(text), label);
  } catch (error) {
    return fail(
      'sandbox-state-invalid',
      `${label} is not valid JSON${jsonProblem(error)}`,
      'Fix the file; docs/sandbox-state.md describes the format.',
    );
  }
}
