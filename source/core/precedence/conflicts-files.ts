// Conflicts the files set up: a file a client refuses or ignores, a profile the clients' parsers
// read differently, half a key pair, and a profile in both files with different values.
import {last4} from '../mask.js';
import {has, READERS} from './snapshot.js';
import type {Conflicts} from './conflicts.js';
import type {Cause, Severity, ShownValue} from './types.js';

/** Keys whose value decides which credentials a profile yields. */
const DECIDING_KEYS = (
  'aws_access_key_id aws_secret_access_key aws_session_token aws_security_token role_arn ' +
  'source_profile credential_source credential_process web_identity_token_file mfa_serial ' +
  'sso_session sso_start_url sso_region sso_account_id sso_role_name'
).split(' ');
const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** A value as a conflict may show it: never a secret, never a whole key id. */
function shown(key: string, value: string | undefined): ShownValue {
  if (value === undefined) return {shown: 'unset'};
  if (SECRET_KEYS.has(key)) return {shown: 'length', length: value.length};
  if (key === 'aws_access_key_id') return {shown: 'last4', last4: last4(value) ?? ''};
  return {shown: 'value', value};
}

/** A lint hit as a conflict keeps it: a copy of what it says, not the cached hit with its code. */
const causeOf = ({line, message, fix}: Cause): Cause => ({line, message, fix});

/** A file botocore refuses (every botocore client fails) or the JS SDK silently ignores. */
export function fileErrorConflicts(c: Conflicts): void {
  for (const file of ['config', 'credentials'] as const) {
    const path = c.s.paths[file];
    const boto = c.s.botocore[file].error;
    if (boto) {
      const hit = c.lint(file).find((h) => h.line === boto.line);
      c.add('error', {
        id: `parse-error-${file}`,
        code: 'parse-error',
        path,
        line: boto.line,
        error: boto.message,
        ...(hit ? {cause: causeOf(hit)} : {}),
      });
    }
    const js = c.s.js[file].error;
    if (js) {
      c.add('error', {
        id: `js-ignores-${file}`,
        code: 'js-ignores-file',
        path,
        line: js.line,
        error: js.message,
      });
    }
  }
}

/** The relevant profiles that the three parsers read differently from one file. */
export function parserDifferences(c: Conflicts): void {
  const disagree =
    new Set(
      c.clients.map(({winner: w}) => `${w.status}|${w.source}|${w.profile}|${w.accessKeyIdLast4}`),
    ).size > 1;
  const anyBroken = c.clients.some((client) => client.winner.status === 'broken');
  const severity: Severity = anyBroken || disagree ? 'error' : 'warning';
  for (const file of ['credentials', 'config'] as const) {
    const readers = READERS.filter((r) => !c.s[r][file].error);
    if (readers.length < 2) continue;
    for (const name of c.relevantProfiles()) {
      const sections = readers.map((r) => c.s[r][file].profiles.get(name));
      if (sections.every((p) => !p)) continue;
      const unseenBy = readers.filter((_, i) => !sections[i]);
      const decides = sections.some((p) => p && DECIDING_KEYS.some((k) => has(p.values, k)));
      if (unseenBy.length && !decides) continue;
      const values = unseenBy.length
        ? []
        : DECIDING_KEYS.flatMap((key) => {
            const raw = sections.map((p) => (p && has(p.values, key) ? p.values[key] : undefined));
            return new Set(raw).size <= 1 ? [] : [{key, reads: raw.map((v) => shown(key, v))}];
          });
      if (!unseenBy.length && !values.length) continue;
      // The lint hits in the profile's sections, in [DEFAULT] (copied into each) and a BOM.
      const headers = new Set(['DEFAULT', ...sections.flatMap((p) => (p ? [p.section] : []))]);
      const matching = c
        .lint(file)
        .filter((h) => h.code === 'bom' || (h.section !== null && headers.has(h.section)));
      const causes = [...new Map(matching.map((h) => [`${h.line}|${h.code}`, h])).values()];
      c.add(severity, {
        id: `parser-difference-${file}-${name}`,
        code: 'parser-difference',
        path: c.s.paths[file],
        profile: name,
        readers,
        unseenBy,
        values,
        causes: causes.map(causeOf),
      });
    }
  }
}

/** Half a key pair in the credentials file, and profiles in both files with different values. */
export function bothFilesConflicts(c: Conflicts): void {
  const s = c.s;
  const selected = new Set(c.clients.map((client) => client.profile.name));
  const useBoto = !s.botocore.credentials.error && !s.botocore.config.error;
  const {credentials, config} = useBoto ? s.botocore : s.js;
  for (const [name, cred] of credentials.profiles) {
    const cv = cred.values;
    const halfInCreds = has(cv, 'aws_access_key_id') !== has(cv, 'aws_secret_access_key');
    const cfg = config.profiles.get(name);
    if (halfInCreds) {
      const present = has(cv, 'aws_access_key_id') ? 'aws_access_key_id' : 'aws_secret_access_key';
      const other = present === 'aws_access_key_id' ? 'aws_secret_access_key' : 'aws_access_key_id';
      c.add(selected.has(name) ? 'error' : 'warning', {
        id: `half-pair-${name}`,
        code: 'half-pair',
        profile: name,
        section: cred.section,
        path: s.paths.credentials,
        line: cred.line,
        has: present,
        jsPair: !!cfg && has(cfg.values, other),
      });
    }
    if (!cfg || halfInCreds) continue;
    const keys = Object.keys(cv).filter((k) => has(cfg.values, k) && cv[k] !== cfg.values[k]);
    if (!keys.length) continue;
    const id = (v: Record<string, string>) => last4(v.aws_access_key_id) ?? '';
    const keyIds = keys.includes('aws_access_key_id')
      ? {keyIds: {credentials: id(cv), config: id(cfg.values)}}
      : {};
    const severity = keys.some((k) => k.startsWith('aws_')) ? 'warning' : 'info';
    c.add(severity, {
      id: `profile-in-both-files-${name}`,
      code: 'profile-in-both-files',
      profile: name,
      keys,
      ...keyIds,
      configPath: s.paths.config,
    });
  }
}
