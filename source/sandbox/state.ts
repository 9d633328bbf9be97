// The live sandbox: what a state file declares, plus the sessions, keys and TOTP steps since.
import {randomBytes} from 'node:crypto';
import {demoStateFile, derivedId} from './demo-state.js';
import type {AccessKeyFile, CredentialsFile, RoleFile, StateFile} from './state-file.js';
import {defaultEnableDate, expandSerial} from './state-file.js';
import {base32Decode, base32Encode} from './totp.js';

export type Role = Required<Omit<RoleFile, 'externalId'>> &
  Pick<RoleFile, 'externalId'> & {arn: string; accountId: string};

type Identity = {name: string; accountId: string; arn: string; userId: string};

/** Who signs a request: an account's root user, an IAM user, or a role session. */
export type Principal =
  (Identity & {kind: 'root' | 'user'}) | (Identity & {kind: 'role-session'; role: Role});

export type LongTermKey = Pick<AccessKeyFile, 'accessKeyId' | 'secretAccessKey'> & {
  status: 'Active' | 'Inactive';
  principal: Principal;
  createdAt: Date;
  /** Before this time STS refuses the key, as AWS does for a few seconds after CreateAccessKey. */
  usableFrom?: Date;
};

type MfaDevice = {
  serial: string;
  secret: string;
  key: Buffer;
  owner: Principal;
  enabledAt: Date;
  /** The last TOTP step accepted, so a code is good once (as at AWS). */
  lastStep?: number;
};

export type Session = Pick<LongTermKey, 'accessKeyId' | 'secretAccessKey' | 'principal'> & {
  sessionToken: string;
  expiration: Date;
  /** Whether MFA was presented when it was issued (aws:MultiFactorAuthPresent). */
  mfa: boolean;
};

/** One user as the `sandbox` command prints it and tests use it. */
export type SandboxUser = ReturnType<SandboxState['users']>[number];

/** Does a trust-policy principal cover this caller? */
export function trusts(entry: string, caller: Principal): boolean {
  if (entry === '*') return true;
  if (entry === `arn:aws:iam::${caller.accountId}:root`) return caller.kind !== 'root';
  if (caller.kind === 'role-session') return entry === caller.role.arn || entry === caller.arn;
  return entry === caller.arn;
}

/** A random key id (AKIA or ASIA, as AWS makes them): 80 random bits never repeat. */
const freshKeyId = (prefix: string) => prefix + base32Encode(randomBytes(10));

const freshSecret = () => randomBytes(30).toString('base64');

export class SandboxState {
  readonly principals: Principal[] = [];
  readonly roles = new Map<string, Role>();
  readonly devices = new Map<string, MfaDevice>();
  readonly longTermKeys = new Map<string, LongTermKey>();
  /** Keys IAM has deleted: STS refuses them, but sample files still show one. */
  readonly deletedKeys = new Map<string, LongTermKey>();
  readonly sessions = new Map<string, Session>();

  /** The sandbox a state file declares; the built-in demo unless given one. */
  constructor(file: StateFile = demoStateFile()) {
    const roots = file.accounts.filter((a) => a.root).length;
    for (const {id, root, users = [], roles = []} of file.accounts) {
      const arn = `arn:aws:iam::${id}:root`;
      const name = roots === 1 ? 'root' : `root-${id}`;
      if (root) this.#add({kind: 'root', name, accountId: id, arn, userId: id}, root);
      for (const user of users) {
        const arn = `arn:aws:iam::${id}:user/${user.name}`;
        const userId = user.userId ?? derivedId('AIDA', arn, 17);
        this.#add({kind: 'user', name: user.name, accountId: id, arn, userId}, user);
      }
      for (const {requireMfa = false, maxSessionDuration = 3600, ...role} of roles) {
        const arn = `arn:aws:iam::${id}:role/${role.name}`;
        const roleId = role.roleId ?? derivedId('AROA', arn, 17);
        this.roles.set(arn, {...role, arn, accountId: id, roleId, requireMfa, maxSessionDuration});
      }
    }
  }

  #add(principal: Principal, held: CredentialsFile): void {
    this.principals.push(principal);
    for (const {status = 'Active', createDate, ...key} of held.accessKeys ?? []) {
      const createdAt = new Date(createDate ?? defaultEnableDate);
      const live = status === 'Deleted' ? undefined : status;
      const entry = {...key, status: live ?? 'Inactive', principal, createdAt};
      (live ? this.longTermKeys : this.deletedKeys).set(key.accessKeyId, entry);
    }
    for (const device of held.mfaDevices ?? []) {
      const secret = device.secret.toUpperCase();
      const serial = expandSerial(device.serial, principal.accountId);
      const enabledAt = new Date(device.enableDate ?? defaultEnableDate);
      const key = base32Decode(secret)!;
      this.devices.set(serial, {serial, secret, key, owner: principal, enabledAt});
    }
  }

  /** A principal's first access key of a status, in state-file order. */
  keyOf(principal: Principal, status: LongTermKey['status']): LongTermKey | undefined {
    return this.keysOf(principal).find((k) => k.status === status);
  }

  /** A principal's access keys (any status), in the order they were made. */
  keysOf(principal: Principal): LongTermKey[] {
    return [...this.longTermKeys.values()].filter((k) => k.principal === principal);
  }

  /** Deletes a key for good: STS refuses it from now on. */
  deleteKey(key: LongTermKey): void {
    this.longTermKeys.delete(key.accessKeyId);
    this.deletedKeys.set(key.accessKeyId, key);
  }

  deletedKeyOf(principal: Principal): LongTermKey | undefined {
    return [...this.deletedKeys.values()].find((k) => k.principal === principal);
  }

  /** Makes a new active key for a principal, usable after `delayMs`. */
  createKey(principal: Principal, now: Date, delayMs = 0): LongTermKey {
    const key: LongTermKey = {
      accessKeyId: freshKeyId('AKIA'),
      secretAccessKey: freshSecret(),
      status: 'Active',
      principal,
      createdAt: now,
      usableFrom: new Date(now.getTime() + delayMs),
    };
    this.longTermKeys.set(key.accessKeyId, key);
    return key;
  }

  devicesOf(principal: Principal): MfaDevice[] {
    return [...this.devices.values()].filter((d) => d.owner === principal);
  }

  /** Every user and root user, each with its first active key and first MFA device. */
  users() {
    return this.principals.map((p) => {
      const key = this.keyOf(p, 'Active');
      const device = this.devicesOf(p)[0];
      return {
        name: p.name,
        arn: p.arn,
        accessKeyId: key?.accessKeyId ?? null,
        secretAccessKey: key?.secretAccessKey ?? null,
        mfaSerial: device?.serial ?? null,
        totpSecret: device?.secret ?? null,
        accountId: p.accountId,
      };
    });
  }

  /** A user by name, ARN, access key id or MFA serial. */
  user(which: string): SandboxUser | undefined {
    return this.users().find((u) => [u.name, u.arn, u.accessKeyId, u.mfaSerial].includes(which));
  }

  /** Issues fresh session credentials (random ASIA key, opaque token) and remembers them. */
  issueSession(options: Pick<Session, 'principal' | 'mfa' | 'expiration'>): Session {
    const accessKeyId = freshKeyId('ASIA');
    const sessionToken = `IQoJb3JpZ2luX2VjE${randomBytes(348).toString('base64')}`;
    const session = {...options, accessKeyId, secretAccessKey: freshSecret(), sessionToken};
    this.sessions.set(accessKeyId, session);
    return session;
  }
}
