// Conflicts the environment sets up: variables that some clients read and others ignore, halves of
// a key pair, stale tokens, and profile names that some or all clients cannot find.
import {isSessionKeyId, last4} from '../mask.js';
import {botocoreTokenVar} from './botocore.js';
import {credentialVars} from './snapshot.js';
import type {Conflicts} from './conflicts.js';
import type {ClientId, Reader} from './types.js';

/** Environment keys against AWS_PROFILE, and AWS_PROFILE against AWS_DEFAULT_PROFILE. */
function profileVariables(c: Conflicts): void {
  const env = c.s.env;
  const {AWS_PROFILE: profile, AWS_DEFAULT_PROFILE: defaultProfile} = env;
  if (c.explicit) return;
  const akid = env.AWS_ACCESS_KEY_ID ?? '';
  if (akid && env.AWS_SECRET_ACCESS_KEY && profile) {
    c.add('warning', {
      code: 'env-keys-beat-profile',
      keyLast4: last4(akid)!,
      profile,
      unset: credentialVars(env),
    });
  }
  if (profile !== undefined && defaultProfile !== undefined && profile !== defaultProfile) {
    c.add('warning', {code: 'profile-vs-default-profile', profile, defaultProfile});
  }
  if (defaultProfile && profile === undefined) {
    c.add('warning', {code: 'default-profile-ignored-by-js', defaultProfile});
  }
}

/** Environment keys and tokens: half pairs, two token variables, tokens beside long-term keys. */
function keyVariables(c: Conflicts): void {
  const env = c.s.env;
  const akid = env.AWS_ACCESS_KEY_ID ?? '';
  const secret = env.AWS_SECRET_ACCESS_KEY ?? '';
  const keyLast4 = last4(akid) ?? '';
  // The Go SDK also reads AWS_ACCESS_KEY and AWS_SECRET_KEY, each in place of its missing partner
  // name: it can hold a key pair no other client sees.
  const fallbacks = (['AWS_ACCESS_KEY', 'AWS_SECRET_KEY'] as const).filter(
    (name, i) => !(i === 0 ? akid : secret) && env[name],
  );
  const goPair =
    fallbacks.length > 0 && (akid || env.AWS_ACCESS_KEY) && (secret || env.AWS_SECRET_KEY);
  if (!c.explicit && akid && !secret) {
    c.add('error', {
      code: 'partial-env-keys',
      keyLast4,
      ...(goPair ? {goPairsWith: fallbacks[0]} : {}),
      unset: credentialVars(env),
    });
  } else if (!c.explicit && goPair) {
    c.add('warning', {
      code: 'go-only-env-keys',
      keyLast4: last4(akid || env.AWS_ACCESS_KEY) ?? '',
      variables: fallbacks,
      unset: credentialVars(env),
    });
  }
  if (!akid && secret && !goPair) {
    c.add('info', {code: 'partial-env-secret'});
  }
  const securityToken = env.AWS_SECURITY_TOKEN;
  if (securityToken && securityToken !== env.AWS_SESSION_TOKEN) {
    c.add('warning', {code: 'security-token', differsFromSessionToken: !!env.AWS_SESSION_TOKEN});
  }
  const tokenVar = botocoreTokenVar(env);
  if (akid.startsWith('AKIA') && secret && tokenVar) {
    c.add('error', {code: 'env-token-with-long-term-key', tokenVar, keyLast4});
  }
  if (isSessionKeyId(akid)) {
    c.add('warning', {code: 'env-session-breaks-renewal', keyLast4, unset: credentialVars(env)});
  } else if (!akid && env.AWS_SESSION_TOKEN) {
    c.add('info', {code: 'stale-session-token'});
  }
}

/** Conflicts the environment variables set up. */
export function environmentConflicts(c: Conflicts): void {
  const env = c.s.env;
  profileVariables(c);
  keyVariables(c);
  const profile = env.AWS_PROFILE;
  if (!c.explicit && env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN && profile) {
    c.add('warning', {code: 'web-identity-vs-profile', profile, roleArn: env.AWS_ROLE_ARN});
  }
  for (const variable of ['AWS_CREDENTIAL_FILE', 'BOTO_CONFIG']) {
    if (env[variable])
      c.add('info', {id: `legacy-${variable.toLowerCase()}`, code: 'legacy-variable', variable});
  }
}

type Named = {
  variable: '--profile' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE';
  name: string;
  readers: ClientId[];
};

/** Who reads which profile name (--profile, AWS_PROFILE, AWS_DEFAULT_PROFILE), from each client's own choice. */
function namedProfiles(c: Conflicts): Named[] {
  const named = new Map<string, Named>();
  const explicit = c.s.input.explicitProfile;
  for (const {client, profile} of c.clients) {
    // An empty --profile is no profile to the JS and Go SDKs, but it is still what was named.
    const from = explicit !== undefined ? 'explicit' : profile.from;
    if (from === 'default') continue;
    const variable = from === 'explicit' ? '--profile' : from;
    const name = from === 'explicit' ? explicit! : profile.name;
    const entry = named.get(variable) ?? {variable, name, readers: []};
    entry.readers.push(client);
    named.set(variable, entry);
  }
  return [...named.values()];
}

/** Profile names (--profile, AWS_PROFILE, AWS_DEFAULT_PROFILE) that are empty or that clients cannot find. */
export function missingProfileConflicts(c: Conflicts): void {
  const s = c.s;
  for (const {variable, name, readers} of namedProfiles(c)) {
    if (name === '') {
      const python = readers.filter((r) => r.startsWith('aws-cli'));
      if (python.length === 0) continue;
      c.add('error', {
        id: `empty-${variable.toLowerCase()}`,
        code: 'empty-profile-variable',
        variable,
        clients: python,
      });
      continue;
    }
    const sees = (r: Reader) =>
      s[r].config.profiles.has(name) || s[r].credentials.profiles.has(name);
    const present: Record<ClientId, boolean> = {
      'aws-cli-v2': sees('botocore'),
      'aws-cli-v1/boto3': sees('botocore'),
      'js-sdk-v3': sees('js'),
      'go-sdk-v2': sees('go'),
    };
    const missing = readers.filter((r) => !present[r]);
    if (missing.length === 0) continue;
    c.add('error', {
      id: `missing-profile-${variable.replace(/^--/, '').toLowerCase()}`,
      code: 'missing-profile',
      variable,
      profile: name,
      missing,
      everywhere: Object.values(present).every((p) => !p),
      credentialsPath: s.paths.credentials,
    });
  }
}
