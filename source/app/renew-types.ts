// The vocabulary of a renewal, shared by the session and the role renewal and by their callers.
import {ok, type AppError, type Result} from '../core/errors.js';
import type {DiscoveredDevice} from '../core/mfa.js';
import type {RenewPlan} from '../core/renew-plan.js';
import type {RolePlan} from '../core/role-plan.js';
import type {Endpoint} from '../aws/endpoint.js';
import type {Debug} from './aws-call.js';

/** What a code source is told when a code is needed: which device, for which profiles, and the profile's mfa_process. */
export type CodeNeed = {
  profile: string;
  source: string;
  target: string;
  serial: string;
  mfaProcess?: string;
};

/** A code, or a function that gets one when (and only when) the renewal needs it. */
export type CodeSource = string | ((need: CodeNeed) => Promise<Result<string>>);

/** A device IAM found for the source, and whether it was kept as mfa_serial in the config file. */
export type DiscoveryNote = {
  serial: string;
  userName: string;
  saved?: {file: string; header: string};
  saveError?: AppError;
};

export type RenewOutcome =
  | {
      kind: 'session';
      plan: RenewPlan;
      expiresAt: Date;
      endpoint: Endpoint;
      discovered?: DiscoveryNote;
    }
  | {
      kind: 'role';
      plan: RolePlan;
      expiresAt: Date;
      endpoint: Endpoint;
      /** The assumed-role ARN STS answered with. */
      assumedArn: string;
      /** The AWS CLI cache file written. */
      cacheFile: string;
    };

export type RenewProfileRequest = {
  profile: string;
  code: CodeSource;
  target?: string;
  serial?: string;
  duration?: string;
  force?: boolean;
  endpointUrl?: string;
  iamEndpointUrl?: string;
  region?: string;
  /** Keep the serial used as mfa_serial in the config profile: yes, no, or ask once a device is found. */
  saveSerial?: boolean | ((device: DiscoveredDevice, where: {profile: string}) => Promise<boolean>);
  /** For a role: sign with long-term keys and a new code even when an MFA session could sign. */
  newCode?: boolean;
  /** The time that decides whether a held MFA session may still sign (default: now). */
  now?: Date;
  debug?: Debug;
};

/** The code the source gives for this need. */
export const codeOf = async (code: CodeSource, need: CodeNeed): Promise<Result<string>> =>
  typeof code === 'string' ? ok(code) : code(need);
