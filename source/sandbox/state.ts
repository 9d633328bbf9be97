// The live sandbox: the principals, keys, MFA devices and roles a state file declares, plus what has
// happened since (sessions issued, TOTP steps spent).
import {randomBytes, timingSafeEqual} from 'node:crypto';
import {demoStateFile, derivedId} from './demo-state.js';
import type {AccountFile, CredentialsFile, StateFile} from './state-file.js';
import {defaultEnableDate, expandSerial} from './state-file.js';
import {base32Decode, base32Encode} from './totp.js';

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

type Identity = {name: string; accountId: string; arn: string; userId: string};

/** Who signs a request: an account's root user, an IAM user, or a role session. */
export type Principal =
  | (Identity & {kind: 'root' | 'user'})
  | (Identity & {kind: 'role-session'; role: Role; sessionName: string});

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
  arn: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  mfaSerial: string | null;
  totpSecret: string | null;
  accountId: string;
};

/** ISO 8601 UTC without milliseconds, as STS and IAM write times. */
export function isoSeconds(when: Date): string {
  return when.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Does a trust-policy principal cover this caller? */
export function trusts(entry: string, caller: Principal): boolean {
  if (entry === '*') return true;
  if (entry === `arn:aws:iam::${caller.accountId}:root`) return caller.kind !== 'root';
  if (caller.kind === 'role-session') return entry === caller.role.arn || entry === caller.arn;
  return entry === caller.arn;
}

/** Whether a token is the one issued with a session (constant time). */
export function tokenMatches(session: Session, token: string): boolean {
  const a = Buffer.from(session.sessionToken);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The principals an account declares (its root user first), each with what it holds. */
function principalsOf(account: AccountFile, rootName: string): Array<[Principal, CredentialsFile]> {
  const id = account.id;
  const root: Array<[Principal, CredentialsFile]> = account.root
    ? [
        [
          {kind: 'root', name: rootName, accountId: id, arn: `arn:aws:iam::${id}:root`, userId: id},
          account.root,
        ],
      ]
    : [];
  return root.concat(
    (account.users ?? []).map((user) => {
      const arn = `arn:aws:iam::${id}:user/${user.name}`;
      const userId = user.userId ?? derivedId('AIDA', arn, 17);
      return [{kind: 'user', name: user.name, accountId: id, arn, userId}, user];
    }),
  );
}

function roleOf(account: AccountFile, role: NonNullable<AccountFile['roles']>[number]): Role {
  const arn = `arn:aws:iam::${account.id}:role/${role.name}`;
  return {
    arn,
    accountId: account.id,
    name: role.name,
    roleId: role.roleId ?? derivedId('AROA', arn, 17),
    trust: role.trust,
    requireMfa: role.requireMfa ?? false,
    maxSessionDuration: role.maxSessionDuration ?? 3600,
    externalId: role.externalId,
  };
}

/** The live sandbox: what the state file declared plus what has happened since. */
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
      const rootName = rootCount === 1 ? 'root' : `root-${account.id}`;
      for (const [principal, held] of principalsOf(account, rootName))
        this.#add(principal, held, account.id);
      for (const file of account.roles ?? []) {
        const role = roleOf(account, file);
        this.roles.set(role.arn, role);
      }
    }
  }

  #add(principal: Principal, held: CredentialsFile, accountId: string): void {
    this.principals.push(principal);
    for (const key of held.accessKeys ?? []) {
      const status = key.status ?? 'Active';
      this.longTermKeys.set(key.accessKeyId, {...key, status, principal});
    }
    const devices = (held.mfaDevices ?? []).map((d): MfaDevice => {
      const secret = d.secret.toUpperCase();
      const serial = expandSerial(d.serial, accountId);
      const enabledAt = new Date(d.enableDate ?? defaultEnableDate);
      return {serial, secret, key: base32Decode(secret)!, owner: principal, enabledAt};
    });
    for (const device of devices) this.devices.set(device.serial, device);
    const active = (held.accessKeys ?? []).find((k) => (k.status ?? 'Active') === 'Active');
    this.#users.push({
      name: principal.name,
      arn: principal.arn,
      accessKeyId: active?.accessKeyId ?? null,
      secretAccessKey: active?.secretAccessKey ?? null,
      mfaSerial: devices[0]?.serial ?? null,
      totpSecret: devices[0]?.secret ?? null,
      accountId: principal.accountId,
    });
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
    return this.#users.find((u) => [u.name, u.arn, u.accessKeyId, u.mfaSerial].includes(which));
  }

  /** The MFA devices assigned to a principal, in state-file order. */
  devicesOf(principal: Principal): MfaDevice[] {
    return [...this.devices.values()].filter((d) => d.owner === principal);
  }

  /** The session credentials issued with this ASIA key, if any. */
  session(accessKeyId: string): Session | undefined {
    return this.sessions.get(accessKeyId);
  }

  /** Issues fresh session credentials (random ASIA key, 40-char secret, opaque token) and remembers them. */
  issueSession(
    options: Omit<Session, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
  ): Session {
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
