// Everything worth telling the user about a snapshot: places where the clients disagree, where a
// client fails, where a session has lapsed, and where a file or variable sets a trap. Each conflict
// names its cause and one concrete next step. Keys appear as their last 4 characters only.
import {describeExpiry, expiryState} from '../expiry.js';
import {isSessionKeyId, last4} from '../mask.js';
import {has, type Snapshot} from './chain.js';
import {lintIni, type LintHit} from './lint.js';
import type {ClientId, ClientResult, Conflict, FileView, Identity, Severity} from './types.js';

const CLIENT_NAMES: Record<ClientId, string> = {
  'aws-cli-v2': 'the AWS CLI v2',
  'aws-cli-v1/boto3': 'boto3 (and the AWS CLI v1)',
  'js-sdk-v3': 'the JS SDK v3',
  'go-sdk-v2': 'the Go SDK v2',
};

/** "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const names = (ids: ClientId[]) => joinAnd(ids.map((id) => CLIENT_NAMES[id]));
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Keys whose value decides which credentials a profile yields. */
const DECIDING_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'role_arn',
  'source_profile',
  'credential_source',
  'credential_process',
  'web_identity_token_file',
  'mfa_serial',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
];
const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

function describeValue(key: string, value: string | undefined): string {
  if (value === undefined) return `no ${key}`;
  if (SECRET_KEYS.has(key))
    return `${key} (${value === '' ? 'empty' : `${value.length} characters`})`;
  if (key === 'aws_access_key_id') return `${key} ${value ? `…${last4(value)}` : '(empty)'}`;
  return `${key} = ${JSON.stringify(value)}`;
}

/** The `unset …` line that clears credential variables, always naming the three the SPEC names. */
function unsetCredentialVars(env: Record<string, string | undefined>): string {
  const vars = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
  for (const extra of [
    'AWS_SECURITY_TOKEN',
    'AWS_CREDENTIAL_EXPIRATION',
    'AWS_SESSION_EXPIRATION',
  ]) {
    if (env[extra] !== undefined) vars.push(extra);
  }
  return `unset ${vars.join(' ')}`;
}

function sectionHeader(kind: 'credentials' | 'config', profile: string): string {
  return kind === 'config' && profile !== 'default' ? `[profile ${profile}]` : `[${profile}]`;
}

class Conflicts {
  readonly list: Conflict[] = [];
  private readonly ids = new Set<string>();
  readonly byClient: Map<ClientId, ClientResult>;
  private lintCache = new Map<'credentials' | 'config', LintHit[]>();

  constructor(
    readonly s: Snapshot,
    readonly clients: ClientResult[],
  ) {
    this.byClient = new Map(clients.map((c) => [c.client, c]));
  }

  add(id: string, severity: Severity, message: string, fix: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.list.push({id, severity, message, fix});
  }

  path(kind: 'credentials' | 'config'): string {
    return kind === 'credentials' ? this.s.paths.credentials : this.s.paths.config;
  }

  lint(kind: 'credentials' | 'config'): LintHit[] {
    let hits = this.lintCache.get(kind);
    if (!hits) {
      const text = kind === 'credentials' ? this.s.input.credentialsText : this.s.input.configText;
      hits = text == null ? [] : lintIni(text);
      this.lintCache.set(kind, hits);
    }
    return hits;
  }

  get explicit(): boolean {
    return this.s.input.explicitProfile !== undefined;
  }

  environment(): void {
    const env = this.s.env;
    const akid = env.AWS_ACCESS_KEY_ID ?? '';
    const secret = env.AWS_SECRET_ACCESS_KEY ?? '';
    const profile = env.AWS_PROFILE;
    const defaultProfile = env.AWS_DEFAULT_PROFILE;
    if (!this.explicit && akid && secret && profile) {
      this.add(
        'env-keys-beat-profile',
        'warning',
        `AWS_ACCESS_KEY_ID is set (…${last4(akid)}), so the AWS CLI, boto3 and the Go SDK ignore AWS_PROFILE=${profile} and use the environment keys, while the JS SDK uses profile ${profile}.`,
        `To use profile ${profile} everywhere, run \`${unsetCredentialVars(env)}\`; to use the environment keys everywhere, run \`unset AWS_PROFILE\`.`,
      );
    }
    if (
      !this.explicit &&
      profile !== undefined &&
      defaultProfile !== undefined &&
      profile !== defaultProfile
    ) {
      this.add(
        'profile-vs-default-profile',
        'warning',
        `AWS_PROFILE=${profile} and AWS_DEFAULT_PROFILE=${defaultProfile} differ: the AWS CLI v2 and the Go SDK use ${profile || '(empty)'}, boto3 and the AWS CLI v1 use ${defaultProfile || '(empty)'}, and the JS SDK ignores AWS_DEFAULT_PROFILE.`,
        `Run \`unset AWS_DEFAULT_PROFILE\` (or set both to the same profile).`,
      );
    }
    if (!this.explicit && defaultProfile && profile === undefined) {
      this.add(
        'default-profile-ignored-by-js',
        'warning',
        `AWS_DEFAULT_PROFILE=${defaultProfile} is set without AWS_PROFILE: the AWS CLI, boto3 and the Go SDK use ${defaultProfile}, but the JS SDK ignores AWS_DEFAULT_PROFILE and uses default.`,
        `Run \`export AWS_PROFILE=${defaultProfile}; unset AWS_DEFAULT_PROFILE\`.`,
      );
    }
    if (!this.explicit && akid && !secret) {
      this.add(
        'partial-env-keys',
        'error',
        `AWS_ACCESS_KEY_ID is set (…${last4(akid)}) without AWS_SECRET_ACCESS_KEY: the AWS CLI and boto3 stop with "Partial credentials found in env", while the JS and Go SDKs silently fall through to the files.`,
        `Run \`${unsetCredentialVars(env)}\` (or export AWS_SECRET_ACCESS_KEY as well).`,
      );
    }
    if (!akid && secret) {
      this.add(
        'partial-env-secret',
        'info',
        'AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID: every client ignores it.',
        'Run `unset AWS_SECRET_ACCESS_KEY`.',
      );
    }
    const securityToken = env.AWS_SECURITY_TOKEN;
    if (securityToken && securityToken !== env.AWS_SESSION_TOKEN) {
      this.add(
        'security-token',
        'warning',
        `AWS_SECURITY_TOKEN is set${env.AWS_SESSION_TOKEN ? ' and differs from AWS_SESSION_TOKEN' : ''}: botocore (the AWS CLI, boto3) sends AWS_SECURITY_TOKEN with environment keys, the JS and Go SDKs send AWS_SESSION_TOKEN; a stale one breaks only the Python clients.`,
        'Run `unset AWS_SECURITY_TOKEN`.',
      );
    }
    const tokenVar = env.AWS_SECURITY_TOKEN
      ? 'AWS_SECURITY_TOKEN'
      : env.AWS_SESSION_TOKEN
        ? 'AWS_SESSION_TOKEN'
        : undefined;
    if (akid.startsWith('AKIA') && secret && tokenVar) {
      this.add(
        'env-token-with-long-term-key',
        'error',
        `${tokenVar} is set next to the long-term key AWS_ACCESS_KEY_ID (…${last4(akid)}): every client sends both and AWS rejects the request (InvalidClientTokenId).`,
        `Run \`unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN\` (or export the session's own key pair).`,
      );
    }
    if (isSessionKeyId(akid)) {
      this.add(
        'env-session-breaks-renewal',
        'warning',
        `AWS_ACCESS_KEY_ID holds session credentials (…${last4(akid)}): the AWS CLI, boto3 and the Go SDK use them ahead of any profile, so a renewal (\`mfa-tui renew\`, \`aws sts get-session-token\`) signs with them and fails with "Cannot call GetSessionToken with session credentials".`,
        `Run \`${unsetCredentialVars(env)}\` before renewing.`,
      );
    } else if (!akid && env.AWS_SESSION_TOKEN) {
      this.add(
        'stale-session-token',
        'info',
        'AWS_SESSION_TOKEN is set without AWS_ACCESS_KEY_ID: it is ignored today, but is sent with whatever keys are exported next.',
        'Run `unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN`.',
      );
    }
    const tokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE;
    if (!this.explicit && tokenFile && env.AWS_ROLE_ARN && profile) {
      this.add(
        'web-identity-vs-profile',
        'warning',
        `AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are set together with AWS_PROFILE=${profile}: the AWS CLI, boto3 and the Go SDK assume ${env.AWS_ROLE_ARN} with the web identity token, while the JS SDK uses profile ${profile}.`,
        `Run \`unset AWS_PROFILE\` to use the role everywhere, or \`unset AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN\` to use the profile.`,
      );
    }
    for (const legacy of ['AWS_CREDENTIAL_FILE', 'BOTO_CONFIG']) {
      if (env[legacy]) {
        this.add(
          `legacy-${legacy.toLowerCase()}`,
          'info',
          `${legacy} is set: botocore (the AWS CLI, boto3) may read credentials from that legacy file after the shared files; the other clients never do.`,
          `Run \`unset ${legacy}\` unless you rely on it.`,
        );
      }
    }
  }

  /** Whether a profile exists for each client, under its own parser and naming rules. */
  presence(name: string): Record<ClientId, boolean> {
    const s = this.s;
    const boto = s.botocore.config.profiles.has(name) || s.botocore.credentials.profiles.has(name);
    return {
      'aws-cli-v2': boto,
      'aws-cli-v1/boto3': boto,
      'js-sdk-v3': s.js.config.profiles.has(name) || s.js.credentials.profiles.has(name),
      'go-sdk-v2': s.go.config.profiles.has(name) || s.go.credentials.profiles.has(name),
    };
  }

  missingProfiles(): void {
    const env = this.s.env;
    const explicitName = this.s.input.explicitProfile;
    const named: {var: string; name: string; readers: ClientId[]}[] = [];
    if (explicitName !== undefined) {
      named.push({
        var: '--profile',
        name: explicitName,
        readers: ['aws-cli-v2', 'aws-cli-v1/boto3', 'js-sdk-v3', 'go-sdk-v2'],
      });
    } else {
      if (env.AWS_PROFILE !== undefined) {
        const readers: ClientId[] = ['aws-cli-v2', 'js-sdk-v3', 'go-sdk-v2'];
        if (env.AWS_DEFAULT_PROFILE === undefined) readers.splice(1, 0, 'aws-cli-v1/boto3');
        named.push({var: 'AWS_PROFILE', name: env.AWS_PROFILE, readers});
      }
      if (env.AWS_DEFAULT_PROFILE !== undefined) {
        const readers: ClientId[] = ['aws-cli-v1/boto3'];
        if (env.AWS_PROFILE === undefined) readers.unshift('aws-cli-v2');
        if (!env.AWS_PROFILE) readers.push('go-sdk-v2');
        named.push({var: 'AWS_DEFAULT_PROFILE', name: env.AWS_DEFAULT_PROFILE, readers});
      }
    }
    for (const {var: v, name, readers} of named) {
      const setting = v === '--profile' ? `--profile ${name}` : `${v}=${name}`;
      if (name === '') {
        const python = readers.filter((r) => r.startsWith('aws-cli'));
        if (python.length === 0) continue;
        this.add(
          `empty-${v.toLowerCase()}`,
          'error',
          `${v} is set but empty: ${names(python)} fail with "The config profile () could not be found"; the JS and Go SDKs treat it as unset.`,
          `Run \`unset ${v}\`.`,
        );
        continue;
      }
      const present = this.presence(name);
      const missing = readers.filter((r) => !present[r]);
      if (missing.length === 0) continue;
      const everywhere = (Object.keys(present) as ClientId[]).every((r) => !present[r]);
      const fails = missing.map((r) => {
        if (r === 'js-sdk-v3')
          return 'the JS SDK v3 ends with "Could not load credentials from any providers"';
        if (r === 'go-sdk-v2') {
          return v === 'AWS_DEFAULT_PROFILE'
            ? 'the Go SDK v2 ignores it and finds no profile settings'
            : `the Go SDK v2 fails with "failed to get shared config profile, ${name}"`;
        }
        return `${CLIENT_NAMES[r]} fail${r === 'aws-cli-v2' ? 's' : ''} with "The config profile (${name}) could not be found"`;
      });
      this.add(
        `missing-profile-${v.replace(/^--/, '').toLowerCase()}`,
        'error',
        everywhere
          ? `${setting} names a profile that is in neither file: ${joinAnd(fails)}.`
          : `${setting} names a profile that only some clients can see (their parsers read the files differently): ${joinAnd(fails)}.`,
        everywhere
          ? v === '--profile'
            ? `Add ${sectionHeader('credentials', name)} to ${this.path('credentials')} (e.g. \`aws configure --profile ${name}\`), or pick an existing profile.`
            : `Run \`unset ${v}\`, or add ${sectionHeader('credentials', name)} to ${this.path('credentials')} (e.g. \`aws configure --profile ${name}\`).`
          : 'Rewrite the section header as [NAME] in the credentials file or [profile NAME] in the config file (one space, no quotes); see the parser conflicts.',
      );
    }
  }

  fileErrors(): void {
    for (const kind of ['config', 'credentials'] as const) {
      const boto = this.s.botocore[kind].error;
      if (boto) {
        const hit = this.lint(kind).find((h) => h.line === boto.line);
        this.add(
          `parse-error-${kind}`,
          'error',
          `${this.path(kind)}, line ${boto.line}: ${boto.message}. The AWS CLI and boto3 refuse the whole file ("Unable to parse config file") and fail even with environment keys; the JS and Go SDKs read it anyway.`,
          hit ? capital(hit.fix) + '.' : `Fix or delete line ${boto.line} of ${this.path(kind)}.`,
        );
      }
      const js = this.s.js[kind].error;
      if (js) {
        this.add(
          `js-ignores-${kind}`,
          'error',
          `${this.path(kind)}, line ${js.line}: ${js.message}: the JS SDK silently ignores the whole file.`,
          `Rename that section in ${this.path(kind)}.`,
        );
      }
    }
  }

  /** Profiles whose reading matters for this snapshot: the selected ones and the sources they lean on. */
  relevantProfiles(): string[] {
    const out = new Set<string>();
    const addVia = (i: (Identity & {via?: Identity}) | undefined) => {
      for (let cur = i; cur; cur = (cur as {via?: Identity}).via)
        if (cur.profile) out.add(cur.profile);
    };
    for (const c of this.clients) {
      out.add(c.profile.name);
      addVia(c.winner);
    }
    for (const name of [...out]) {
      for (const view of this.allViews()) {
        const sp = view.profiles.get(name)?.values.source_profile;
        if (sp) out.add(sp);
      }
    }
    out.delete('');
    return [...out];
  }

  allViews(): FileView[] {
    const s = this.s;
    return [
      s.botocore.config,
      s.botocore.credentials,
      s.js.config,
      s.js.credentials,
      s.go.config,
      s.go.credentials,
    ];
  }

  winnersDisagree(): boolean {
    const sig = (c: ClientResult) =>
      `${c.winner.status}|${c.winner.source}|${c.winner.profile}|${c.winner.accessKeyIdLast4}`;
    return new Set(this.clients.map(sig)).size > 1;
  }

  parserDifferences(): void {
    const anyBroken = this.clients.some((c) => c.winner.status === 'broken');
    const severity: Severity = anyBroken || this.winnersDisagree() ? 'error' : 'warning';
    for (const kind of ['credentials', 'config'] as const) {
      type Reader = {label: string; clients: ClientId[]; view: FileView};
      const readers: Reader[] = [
        {
          label: 'the AWS CLI and boto3',
          clients: ['aws-cli-v2', 'aws-cli-v1/boto3'],
          view: this.s.botocore[kind],
        },
        {label: 'the JS SDK', clients: ['js-sdk-v3'], view: this.s.js[kind]},
        {label: 'the Go SDK', clients: ['go-sdk-v2'], view: this.s.go[kind]},
      ];
      const views = readers.filter((v) => !v.view.error);
      if (views.length < 2) continue;
      for (const name of this.relevantProfiles()) {
        const sections = views.map((v) => v.view.profiles.get(name));
        if (sections.every((p) => !p)) continue;
        const details: string[] = [];
        const absent = views.filter((_, i) => !sections[i]).map((v) => v.label);
        const decides = sections.some((p) => p && DECIDING_KEYS.some((k) => has(p.values, k)));
        if (absent.length && !decides) continue;
        if (absent.length)
          details.push(`${joinAnd(absent)} do${absent.length === 1 ? 'es' : ''} not see it at all`);
        else {
          for (const key of DECIDING_KEYS) {
            const values = sections.map((p) =>
              p && has(p.values, key) ? p.values[key] : undefined,
            );
            if (new Set(values).size <= 1) continue;
            const parts = views.map((v, i) => `${v.label} read ${describeValue(key, values[i])}`);
            details.push(joinAnd(parts));
          }
        }
        if (!details.length) continue;
        const headers = new Set(sections.filter((p) => p).map((p) => p!.section));
        const matching = this.lint(kind).filter(
          (h) =>
            h.code === 'bom' ||
            h.section === 'DEFAULT' ||
            (h.section !== null && headers.has(h.section)),
        );
        const hits = [...new Map(matching.map((h) => [`${h.line}|${h.code}`, h])).values()];
        const cause = hits.length
          ? ` Cause: ${hits.map((h) => `line ${h.line}: ${h.message}`).join('; ')}.`
          : '';
        this.add(
          `parser-difference-${kind}-${name}`,
          severity,
          `Profile ${name} reads differently in ${this.path(kind)}: ${details.join('; ')}.${cause}`,
          hits.length
            ? `${capital(joinAnd([...new Set(hits.map((h) => h.fix))]))}.`
            : 'Write plain `key = value` lines: lower-case keys, `=` as separator, no quotes, no inline comments, [profile NAME] headers with one space.',
        );
      }
    }
  }

  bothFiles(): void {
    const selected = new Set(this.clients.map((c) => c.profile.name));
    const useBoto = !this.s.botocore.credentials.error && !this.s.botocore.config.error;
    const creds = useBoto ? this.s.botocore.credentials : this.s.js.credentials;
    const config = useBoto ? this.s.botocore.config : this.s.js.config;
    for (const [name, cred] of creds.profiles) {
      const cv = cred.values;
      const halfInCreds = has(cv, 'aws_access_key_id') !== has(cv, 'aws_secret_access_key');
      const cfg = config.profiles.get(name);
      if (halfInCreds) {
        const hasKey = has(cv, 'aws_access_key_id');
        const other = hasKey ? 'aws_secret_access_key' : 'aws_access_key_id';
        const jsPair = cfg && has(cfg.values, other);
        this.add(
          `half-pair-${name}`,
          selected.has(name) ? 'error' : 'warning',
          `[${cred.section}] in ${this.path('credentials')} (line ${cred.line}) has ${hasKey ? 'aws_access_key_id' : 'aws_secret_access_key'} but no ${other}: ${hasKey ? 'the AWS CLI and boto3 stop with "Partial credentials found in shared-credentials-file"' : 'the AWS CLI and boto3 skip it'}, the Go SDK fails with "partial credentials found for profile ${name}", and the JS SDK ${jsPair ? `builds a pair with the config file's ${other}` : 'skips the profile'}.`,
          `Add the missing ${other} to [${cred.section}] in ${this.path('credentials')}, or remove the half pair.`,
        );
      }
      if (!cfg || halfInCreds) continue;
      const differing: string[] = [];
      for (const key of new Set([...Object.keys(cv), ...Object.keys(cfg.values)])) {
        if (has(cv, key) && has(cfg.values, key) && cv[key] !== cfg.values[key])
          differing.push(key);
      }
      if (!differing.length) continue;
      const credKeys = differing.filter((k) => k.startsWith('aws_'));
      const shown = differing.map((k) =>
        k === 'aws_access_key_id'
          ? `aws_access_key_id (…${last4(cv[k])} in credentials, …${last4(cfg.values[k])} in config)`
          : k,
      );
      this.add(
        `profile-in-both-files-${name}`,
        credKeys.length ? 'warning' : 'info',
        `Profile ${name} is in both files with different values for ${joinAnd(shown)}: every client takes the credentials file's ${credKeys.length ? 'keys' : 'values'} (botocore reads the credentials file's key pair first, the JS SDK merges key by key, the Go SDK replaces the key pair as a whole).`,
        `Remove ${joinAnd(differing)} from ${sectionHeader('config', name)} in ${this.path('config')} so only the credentials file sets ${differing.length === 1 ? 'it' : 'them'}.`,
      );
    }
  }

  expiry(): void {
    const {now, warnSeconds} = this.s.input;
    const groups = new Map<string, {identity: Identity; clients: ClientId[]; role?: string}>();
    for (const c of this.clients) {
      if (c.winner.status !== 'used') continue;
      const chain: {identity: Identity; role?: string}[] = [{identity: c.winner}];
      for (
        let v = c.winner.via, role = c.winner.roleArn;
        v;
        role = (v as {roleArn?: string}).roleArn, v = (v as {via?: Identity}).via
      ) {
        chain.push({identity: v, role});
      }
      for (const {identity, role} of chain) {
        if (!identity.expiresAt) continue;
        const key = `${identity.source}|${identity.profile}|${identity.accessKeyIdLast4}|${identity.expiresAt}`;
        const g = groups.get(key) ?? {identity, clients: [], role};
        g.clients.push(c.client);
        groups.set(key, g);
      }
    }
    for (const {identity, clients, role} of groups.values()) {
      const at = new Date(identity.expiresAt!);
      const state = expiryState(at, now, warnSeconds);
      if (state !== 'expired' && state !== 'expiring') continue;
      const what =
        identity.source === 'env'
          ? `The environment keys (…${identity.accessKeyIdLast4})`
          : `Profile ${identity.profile} (…${identity.accessKeyIdLast4})`;
      const use = role
        ? `signs the AssumeRole call for ${role} that ${names(clients)} make`
        : `is what ${names(clients)} use${clients.length === 1 && !clients[0].startsWith('aws-cli-v1') ? 's' : ''}`;
      const fix =
        identity.source === 'env'
          ? `Renew the session and re-export it, e.g. \`eval "$(mfa-tui env PROFILE)"\`, or run \`${unsetCredentialVars(this.s.env)}\` to fall back to the files.`
          : `Run \`mfa-tui renew ${identity.profile}\`.`;
      this.add(
        `${state}-${identity.source}-${identity.profile ?? 'env'}`,
        state === 'expired' ? 'error' : 'warning',
        `${what} ${use}; it ${describeExpiry(at, now, warnSeconds).replace(/^valid /, 'is valid for ')}.`,
        fix,
      );
    }
  }

  tokenWithLongTermKey(): void {
    const seen = new Set<string>();
    for (const c of this.clients) {
      const w = c.winner;
      if (w.source !== 'shared-credentials-file' && w.source !== 'config-file') continue;
      const kind = w.source === 'shared-credentials-file' ? 'credentials' : 'config';
      const section =
        this.s.botocore[kind].profiles.get(w.profile!) ?? this.s.js[kind].profiles.get(w.profile!);
      const v = section?.values;
      if (!v || !(v.aws_access_key_id ?? '').startsWith('AKIA')) continue;
      const token = has(v, 'aws_session_token')
        ? 'aws_session_token'
        : has(v, 'aws_security_token')
          ? 'aws_security_token'
          : undefined;
      if (!token || seen.has(`${kind}|${w.profile}`)) continue;
      seen.add(`${kind}|${w.profile}`);
      this.add(
        `token-with-long-term-key-${w.profile}`,
        'error',
        `[${section!.section}] in ${this.path(kind)} has ${token} next to the long-term key …${last4(v.aws_access_key_id)}: every client sends both and AWS rejects the request (InvalidClientTokenId).`,
        `Remove ${token} from [${section!.section}] in ${this.path(kind)}, or run \`mfa-tui renew ${w.profile}\` to write a complete session.`,
      );
    }
  }

  processShell(): void {
    for (const name of this.relevantProfiles()) {
      const js =
        this.s.js.config.profiles.get(name)?.values.credential_process ??
        this.s.js.credentials.profiles.get(name)?.values.credential_process;
      if (js && /[$|&;<>`*~(){}]|^\s*\w+=/.test(js)) {
        this.add(
          `process-shell-${name}`,
          'warning',
          `credential_process of profile ${name} uses shell syntax: the JS and Go SDKs run it through a shell, the AWS CLI and boto3 split it into words and run it without one.`,
          `Put the command in a small script and set credential_process to the script's path.`,
        );
      }
    }
  }

  permissions(): void {
    const mode = this.s.input.credentialsMode;
    if (mode === undefined || this.s.input.credentialsText == null) return;
    if ((mode & 0o077) === 0) return;
    const who = joinAnd([
      ...((mode & 0o070) !== 0 ? ['group'] : []),
      ...((mode & 0o007) !== 0 ? ['others'] : []),
    ]);
    this.add(
      'credentials-file-readable',
      'warning',
      `${this.path('credentials')} is readable by ${who} (mode ${(mode & 0o777).toString(8).padStart(3, '0')}).`,
      `Run \`chmod 600 ${this.path('credentials')}\`.`,
    );
  }

  nothingFound(): void {
    if (this.clients.every((c) => c.winner.source === 'none')) {
      const fatal = this.clients.some((c) => c.chain.some((l) => l.reason.includes('not reached')));
      if (fatal) return;
      this.add(
        'no-credentials',
        'info',
        'No client finds credentials in this environment and these files.',
        `Add keys with \`aws configure\`, or renew a session with \`mfa-tui renew PROFILE\`.`,
      );
    }
  }
}

/** Every conflict in a snapshot, given the clients' results for it. */
export function findConflicts(s: Snapshot, clients: ClientResult[]): Conflict[] {
  const c = new Conflicts(s, clients);
  c.fileErrors();
  c.missingProfiles();
  c.environment();
  c.parserDifferences();
  c.bothFiles();
  c.tokenWithLongTermKey();
  c.expiry();
  c.processShell();
  c.permissions();
  c.nothingFound();
  const order: Record<Severity, number> = {error: 0, warning: 1, info: 2};
  return c.list.sort((a, b) => order[a.severity] - order[b.severity]);
}
