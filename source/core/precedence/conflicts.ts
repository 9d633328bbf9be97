// Where the clients disagree or fail, a session has lapsed, or a file or variable sets a trap: each
// conflict is a code and its facts (conflict-text.ts words it); keys appear as their last 4 only.
import {expiryState} from '../expiry.js';
import {last4} from '../mask.js';
import {TOKEN_KEYS} from '../profile-keys.js';
import {credentialVars, READERS, selectProfile, type Snapshot} from './snapshot.js';
import {environmentConflicts, missingProfileConflicts} from './conflicts-env.js';
import {bothFilesConflicts, fileErrorConflicts, parserDifferences} from './conflicts-files.js';
import {lintIni, type LintHit} from './lint.js';
import type {
  ClientId,
  ClientResult,
  Conflict,
  ConflictFacts,
  FileKind,
  Identity,
  Severity,
} from './types.js';

/** Collects the conflicts of one snapshot, each id once. */
export class Conflicts {
  readonly list: Conflict[] = [];
  private readonly ids = new Set<string>();
  private readonly lints: Partial<Record<FileKind, LintHit[]>> = {};

  constructor(
    readonly s: Snapshot,
    readonly clients: ClientResult[],
  ) {}

  /** Adds a conflict once; its id is its code unless it can occur more than once. */
  add(severity: Severity, facts: ConflictFacts & {id?: string}): void {
    const id = facts.id ?? facts.code;
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.list.push({...facts, id, severity});
  }

  lint(kind: FileKind): LintHit[] {
    const text = kind === 'credentials' ? this.s.input.credentialsText : this.s.input.configText;
    return (this.lints[kind] ??= text == null ? [] : lintIni(text, kind));
  }

  /** Whether a profile given in code turns off the environment's keys (the CLI v2 ignores an empty one). */
  get explicit(): boolean {
    return selectProfile(this.s, 'aws-cli-v2').from === 'explicit';
  }

  /** Profiles whose reading matters for this snapshot: the selected ones and the sources they lean on. */
  relevantProfiles(): string[] {
    const out = new Set<string>();
    for (const c of this.clients) {
      out.add(c.profile.name);
      for (let cur: Identity | undefined = c.winner; cur; cur = cur.via)
        if (cur.profile) out.add(cur.profile);
    }
    const views = READERS.flatMap((r) => [this.s[r].config, this.s[r].credentials]);
    for (const name of [...out]) {
      for (const view of views) {
        const sp = view.profiles.get(name)?.values.source_profile;
        if (sp) out.add(sp);
      }
    }
    out.delete('');
    return [...out];
  }
}

/** Sessions that have expired or are about to, grouped by the credentials, with who uses them. */
function expiryConflicts(c: Conflicts): void {
  const {now, warnSeconds} = c.s.input;
  type Group = {identity: Identity; clients: ClientId[]; role?: string};
  const groups = new Map<string, Group>();
  for (const client of c.clients) {
    if (client.winner.status !== 'used') continue;
    // The winner, then the credentials that sign each AssumeRole call, with the role they assume.
    let role: string | undefined;
    for (let v: Identity | undefined = client.winner; v; role = v.roleArn, v = v.via) {
      if (!v.expiresAt) continue;
      const key = `${v.source}|${v.profile}|${v.accessKeyIdLast4}|${v.expiresAt}`;
      const g = groups.get(key) ?? {identity: v, clients: [], role};
      g.clients.push(client.client);
      groups.set(key, g);
    }
  }
  for (const {identity, clients, role} of groups.values()) {
    const at = new Date(identity.expiresAt!);
    const state = expiryState(at, now, warnSeconds);
    if (state !== 'expired' && state !== 'expiring') continue;
    const {source, profile, accessKeyIdLast4: keyLast4} = identity;
    c.add(state === 'expired' ? 'error' : 'warning', {
      id: `${state}-${source}-${profile ?? 'env'}`,
      code: 'session-expiry',
      state,
      msLeft: at.getTime() - now.getTime(),
      source,
      profile,
      keyLast4,
      clients,
      ...(role ? {role} : {}),
      unset: credentialVars(c.s.env),
    });
  }
}

/** A long-term key in a file that a client uses, with a session token beside it. */
function tokenWithLongTermKey(c: Conflicts): void {
  for (const client of c.clients) {
    const w = client.winner;
    if (w.source !== 'shared-credentials-file' && w.source !== 'config-file') continue;
    const kind = w.source === 'shared-credentials-file' ? 'credentials' : 'config';
    const section =
      c.s.botocore[kind].profiles.get(w.profile!) ?? c.s.js[kind].profiles.get(w.profile!);
    const v = section?.values;
    if (!v || !(v.aws_access_key_id ?? '').startsWith('AKIA')) continue;
    // Only a token with a value is sent (botocore reads an empty aws_security_token as none, the
    // JS and Go SDKs read aws_session_token): every one of them must go.
    const tokens = TOKEN_KEYS.filter((k) => v[k]);
    if (tokens.length === 0) continue;
    c.add('error', {
      id: `token-with-long-term-key-${w.profile}`,
      code: 'token-with-long-term-key',
      profile: w.profile!,
      section: section!.section,
      path: c.s.paths[kind],
      token: tokens.join(' and '),
      keyLast4: last4(v.aws_access_key_id)!,
    });
  }
}

function processShell(c: Conflicts): void {
  const {config, credentials} = c.s.js;
  for (const name of c.relevantProfiles()) {
    const command =
      config.profiles.get(name)?.values.credential_process ??
      credentials.profiles.get(name)?.values.credential_process;
    if (command && /[$|&;<>`*~(){}]|^\s*\w+=/.test(command))
      c.add('warning', {id: `process-shell-${name}`, code: 'process-shell', profile: name});
  }
}

function permissions(c: Conflicts): void {
  const mode = c.s.input.credentialsMode;
  if (mode === undefined || c.s.input.credentialsText == null || (mode & 0o077) === 0) return;
  const readers = [
    ...((mode & 0o070) !== 0 ? (['group'] as const) : []),
    ...((mode & 0o007) !== 0 ? (['others'] as const) : []),
  ];
  c.add('warning', {
    code: 'credentials-file-readable',
    path: c.s.paths.credentials,
    mode: mode & 0o777,
    readers,
  });
}

function nothingFound(c: Conflicts): void {
  if (!c.clients.every((client) => client.winner.source === 'none')) return;
  // A client that stopped before its providers has its own conflict (a parse error, a missing profile).
  if (c.clients.some((client) => client.chain.some((l) => l.code === 'not-reached'))) return;
  c.add('info', {code: 'no-credentials'});
}

/** Every conflict in a snapshot, given the clients' results for it, errors first. */
export function findConflicts(s: Snapshot, clients: ClientResult[]): Conflict[] {
  const c = new Conflicts(s, clients);
  fileErrorConflicts(c);
  missingProfileConflicts(c);
  environmentConflicts(c);
  parserDifferences(c);
  bothFilesConflicts(c);
  tokenWithLongTermKey(c);
  expiryConflicts(c);
  processShell(c);
  permissions(c);
  nothingFound(c);
  const order: Record<Severity, number> = {error: 0, warning: 1, info: 2};
  return c.list.sort((a, b) => order[a.severity] - order[b.severity]);
}
