// The profile model as plain rows for `list`'s cache (store/listing-cache.ts), and back. A row
// keeps everything buildProfiles works out from the files except what depends on the clock: a
// profile with an expiry gets its state again from that expiry, the time and the warning threshold,
// exactly as buildProfiles gives it (a property test holds the two together). Rows carry no secret:
// a Profile has none (key ids as their last 4 characters, problems never quote a value).
import {expiryState} from './expiry.js';
import {kindLabels, type Profile, type ProfileKind, type ProfileState} from './profiles.js';

/**
 * [name, kind, key id's last 4, MFA serial, source, target, expiry (ms), state when it does not
 * depend on the clock, problems, in credentials, in config, region, manager]; absent is null.
 */
export type ProfileRow = [
  string,
  ProfileKind,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  ProfileState | null,
  string[],
  boolean,
  boolean,
  string | null,
  string | null,
];

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** One row per profile, in order. */
export function profileRows(profiles: readonly Profile[]): ProfileRow[] {
  return profiles.map((p) => [
    p.name,
    p.kind,
    orNull(p.accessKeyIdLast4),
    orNull(p.mfaSerial),
    orNull(p.source),
    orNull(p.target),
    p.expiresAt === undefined ? null : p.expiresAt.getTime(),
    p.expiresAt === undefined ? p.state : null,
    p.problems,
    p.inCredentials,
    p.inConfig,
    orNull(p.region),
    orNull(p.manager),
  ]);
}

const kinds: ReadonlySet<string> = new Set(Object.keys(kindLabels));
const fixedStates: ReadonlySet<string> = new Set<ProfileState>([
  'long-term',
  'unknown',
  'not-applicable',
  'broken',
]);

const isText = (v: unknown) => v === null || typeof v === 'string';

/** Whether a value read back is a row as profileRows writes it (a cache file may be damaged). */
function isRow(r: unknown): r is ProfileRow {
  // Indexed reads: destructuring an array runs its iterator, slow in a process this young.
  if (!Array.isArray(r) || r.length !== 13) return false;
  const kind: unknown = r[1];
  const expires: unknown = r[6];
  const state: unknown = r[7];
  const problems: unknown = r[8];
  if (typeof r[0] !== 'string' || typeof kind !== 'string' || !kinds.has(kind)) return false;
  if (!isText(r[2]) || !isText(r[3]) || !isText(r[4]) || !isText(r[5])) return false;
  if (expires === null) {
    if (typeof state !== 'string' || !fixedStates.has(state)) return false;
  } else if (typeof expires !== 'number' || !Number.isFinite(expires) || state !== null)
    return false;
  if (!Array.isArray(problems)) return false;
  for (let i = 0; i < problems.length; i++) if (typeof problems[i] !== 'string') return false;
  return typeof r[9] === 'boolean' && typeof r[10] === 'boolean' && isText(r[11]) && isText(r[12]);
}

/** The profiles back from rows at `now`; undefined when any row is not one profileRows wrote. */
export function profilesFromRows(
  rows: unknown,
  now: Date,
  warnSeconds: number,
): Profile[] | undefined {
  if (!Array.isArray(rows)) return undefined;
  const out: Profile[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r: unknown = rows[i];
    if (!isRow(r)) return undefined;
    const expiresAt = r[6] === null ? undefined : new Date(r[6]);
    // The fields in buildProfiles' order: one object shape for every profile.
    out.push({
      name: r[0],
      kind: r[1],
      accessKeyIdLast4: orUndefined(r[2]),
      mfaSerial: orUndefined(r[3]),
      source: orUndefined(r[4]),
      target: orUndefined(r[5]),
      expiresAt,
      state: expiresAt === undefined ? r[7]! : expiryState(expiresAt, now, warnSeconds),
      problems: r[8],
      inCredentials: r[9],
      inConfig: r[10],
      region: orUndefined(r[11]),
      manager: orUndefined(r[12]),
    });
  }
  return out;
}
