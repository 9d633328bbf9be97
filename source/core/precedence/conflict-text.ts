// A conflict in words: its message (what happens, for which client) and its fix (one next step, as
// shell commands where there are some). The CLI's text and JSON and the TUI render through here.
import {formatDuration} from '../expiry.js';
import {configSection} from '../ini/names.js';
import type {ClientId, Conflict, ConflictCode, Reader, ShownValue} from './types.js';

const CLIENT_NAMES: Record<ClientId, string> = {
  'aws-cli-v2': 'the AWS CLI v2',
  'aws-cli-v1/boto3': 'boto3 (and the AWS CLI v1)',
  'js-sdk-v3': 'the JS SDK v3',
  'go-sdk-v2': 'the Go SDK v2',
};

const READER_NAMES: Record<Reader, string> = {
  botocore: 'the AWS CLI and boto3',
  js: 'the JS SDK',
  go: 'the Go SDK',
};

/** "a, b and c". */
function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const names = (ids: ClientId[]) => joinAnd(ids.map((id) => CLIENT_NAMES[id]));
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const unset = (vars: string[]) => `unset ${vars.join(' ')}`;

function describeValue(key: string, v: ShownValue): string {
  switch (v.shown) {
    case 'unset':
      return `no ${key}`;
    case 'length':
      return `${key} (${v.length === 0 ? 'empty' : `${v.length} characters`})`;
    case 'last4':
      return `${key} ${v.last4 ? `…${v.last4}` : '(empty)'}`;
    case 'value':
      return `${key} = ${JSON.stringify(v.value)}`;
  }
}

type Text = {message: string; fix: string};
type Renderers = {[K in ConflictCode]: (c: Extract<Conflict, {code: K}>) => Text};

function missingProfile(c: Extract<Conflict, {code: 'missing-profile'}>): Text {
  const {variable: v, profile: name} = c;
  const setting = v === '--profile' ? `--profile ${name}` : `${v}=${name}`;
  const fails = c.missing.map((r) => {
    if (r === 'js-sdk-v3')
      return 'the JS SDK v3 ends with "Could not load credentials from any providers"';
    if (r === 'go-sdk-v2') {
      return v === 'AWS_DEFAULT_PROFILE'
        ? 'the Go SDK v2 ignores it and finds no profile settings'
        : `the Go SDK v2 fails with "failed to get shared config profile, ${name}"`;
    }
    return `${CLIENT_NAMES[r]} fail${r === 'aws-cli-v2' ? 's' : ''} with "The config profile (${name}) could not be found"`;
  });
  if (!c.everywhere) {
    return {
      message: `${setting} names a profile that only some clients can see (their parsers read the files differently): ${joinAnd(fails)}.`,
      fix: 'Rewrite the section header as [NAME] in the credentials file or [profile NAME] in the config file (one space, no quotes); see the parser conflicts.',
    };
  }
  const add = `[${name}] to ${c.credentialsPath} (e.g. \`aws configure --profile ${name}\`)`;
  return {
    message: `${setting} names a profile that is in neither file: ${joinAnd(fails)}.`,
    fix:
      v === '--profile'
        ? `Add ${add}, or pick an existing profile.`
        : `Run \`unset ${v}\`, or add ${add}.`,
  };
}

function parserDifference(c: Extract<Conflict, {code: 'parser-difference'}>): Text {
  const n = c.unseenBy.length;
  const details = n
    ? [
        `${joinAnd(c.unseenBy.map((r) => READER_NAMES[r]))} do${n === 1 ? 'es' : ''} not see it at all`,
      ]
    : c.values.map(({key, reads}) =>
        joinAnd(c.readers.map((r, i) => `${READER_NAMES[r]} read ${describeValue(key, reads[i])}`)),
      );
  const cause = c.causes.length
    ? ` Cause: ${c.causes.map((h) => `line ${h.line}: ${h.message}`).join('; ')}.`
    : '';
  return {
    message: `Profile ${c.profile} reads differently in ${c.path}: ${details.join('; ')}.${cause}`,
    fix: c.causes.length
      ? `${capital(joinAnd([...new Set(c.causes.map((h) => h.fix))]))}.`
      : 'Write plain `key = value` lines: lower-case keys, `=` as separator, no quotes, no inline comments, [profile NAME] headers with one space.',
  };
}

const renderers: Renderers = {
  'env-keys-beat-profile': (c) => ({
    message: `AWS_ACCESS_KEY_ID is set (…${c.keyLast4}), so the AWS CLI, boto3 and the Go SDK ignore AWS_PROFILE=${c.profile} and use the environment keys, while the JS SDK uses profile ${c.profile}.`,
    fix: `To use profile ${c.profile} everywhere, run \`${unset(c.unset)}\`; to use the environment keys everywhere, run \`unset AWS_PROFILE\`.`,
  }),
  'profile-vs-default-profile': (c) => ({
    message: `AWS_PROFILE=${c.profile} and AWS_DEFAULT_PROFILE=${c.defaultProfile} differ: the AWS CLI v2 and the Go SDK use ${c.profile || '(empty)'}, boto3 and the AWS CLI v1 use ${c.defaultProfile || '(empty)'}, and the JS SDK ignores AWS_DEFAULT_PROFILE.`,
    fix: 'Run `unset AWS_DEFAULT_PROFILE` (or set both to the same profile).',
  }),
  'default-profile-ignored-by-js': (c) => ({
    message: `AWS_DEFAULT_PROFILE=${c.defaultProfile} is set without AWS_PROFILE: the AWS CLI, boto3 and the Go SDK use ${c.defaultProfile}, but the JS SDK ignores AWS_DEFAULT_PROFILE and uses default.`,
    fix: `Run \`export AWS_PROFILE=${c.defaultProfile}; unset AWS_DEFAULT_PROFILE\`.`,
  }),
  'partial-env-keys': (c) => ({
    message: `AWS_ACCESS_KEY_ID is set (…${c.keyLast4}) without AWS_SECRET_ACCESS_KEY: the AWS CLI and boto3 stop with "Partial credentials found in env", while ${c.goPairsWith ? `the JS SDK silently falls through to the files and the Go SDK pairs it with ${c.goPairsWith}` : 'the JS and Go SDKs silently fall through to the files'}.`,
    fix: `Run \`${unset(c.unset)}\` (or export AWS_SECRET_ACCESS_KEY as well).`,
  }),
  'go-only-env-keys': (c) => ({
    message: `${joinAnd(c.variables)} ${c.variables.length > 1 ? 'are' : 'is'} set: only the Go SDK reads ${c.variables.length > 1 ? 'these names' : 'that name'}, so it uses the environment key (…${c.keyLast4}) while the AWS CLI, boto3 and the JS SDK look for credentials elsewhere.`,
    fix: `To use the same credentials everywhere, export the pair as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run \`${unset(c.unset)}\`.`,
  }),
  'partial-env-secret': () => ({
    message: 'AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID: every client ignores it.',
    fix: 'Run `unset AWS_SECRET_ACCESS_KEY`.',
  }),
  'security-token': (c) => ({
    message: `AWS_SECURITY_TOKEN is set${c.differsFromSessionToken ? ' and differs from AWS_SESSION_TOKEN' : ''}: botocore (the AWS CLI, boto3) sends AWS_SECURITY_TOKEN with environment keys, the JS and Go SDKs send AWS_SESSION_TOKEN; a stale one breaks only the Python clients.`,
    fix: 'Run `unset AWS_SECURITY_TOKEN`.',
  }),
  'env-token-with-long-term-key': (c) => ({
    message: `${c.tokenVar} is set next to the long-term key AWS_ACCESS_KEY_ID (…${c.keyLast4}): every client sends both and AWS rejects the request (InvalidClientTokenId).`,
    fix: "Run `unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN` (or export the session's own key pair).",
  }),
  'env-session-breaks-renewal': (c) => ({
    message: `AWS_ACCESS_KEY_ID holds session credentials (…${c.keyLast4}): the AWS CLI, boto3 and the Go SDK use them ahead of any profile, so a renewal (\`mfa-tui renew\`, \`aws sts get-session-token\`) signs with them and fails with "Cannot call GetSessionToken with session credentials".`,
    fix: `Run \`${unset(c.unset)}\` before renewing.`,
  }),
  'stale-session-token': () => ({
    message:
      'AWS_SESSION_TOKEN is set without AWS_ACCESS_KEY_ID: it is ignored today, but is sent with whatever keys are exported next.',
    fix: 'Run `unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN`.',
  }),
  'web-identity-vs-profile': (c) => ({
    message: `AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are set together with AWS_PROFILE=${c.profile}: the AWS CLI, boto3 and the Go SDK assume ${c.roleArn} with the web identity token, while the JS SDK uses profile ${c.profile}.`,
    fix: 'Run `unset AWS_PROFILE` to use the role everywhere, or `unset AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN` to use the profile.',
  }),
  'legacy-variable': (c) => ({
    message: `${c.variable} is set: botocore (the AWS CLI, boto3) may read credentials from that legacy file after the shared files; the other clients never do.`,
    fix: `Run \`unset ${c.variable}\` unless you rely on it.`,
  }),
  'empty-profile-variable': (c) => ({
    message: `${c.variable} is set but empty: ${names(c.clients)} fail with "The config profile () could not be found"; the JS and Go SDKs treat it as unset.`,
    fix: `Run \`unset ${c.variable}\`.`,
  }),
  'missing-profile': missingProfile,
  'parse-error': (c) => ({
    message: `${c.path}, line ${c.line}: ${c.error}. The AWS CLI and boto3 refuse the whole file ("Unable to parse config file") and fail even with environment keys; the JS and Go SDKs read it anyway.`,
    fix: c.cause ? `${capital(c.cause.fix)}.` : `Fix or delete line ${c.line} of ${c.path}.`,
  }),
  'js-ignores-file': (c) => ({
    message: `${c.path}, line ${c.line}: ${c.error}: the JS SDK silently ignores the whole file.`,
    fix: `Rename that section in ${c.path}.`,
  }),
  'parser-difference': parserDifference,
  'half-pair': (c) => {
    const other = c.has === 'aws_access_key_id' ? 'aws_secret_access_key' : 'aws_access_key_id';
    const botocore =
      c.has === 'aws_access_key_id'
        ? 'the AWS CLI and boto3 stop with "Partial credentials found in shared-credentials-file"'
        : 'the AWS CLI and boto3 skip it';
    return {
      message: `[${c.section}] in ${c.path} (line ${c.line}) has ${c.has} but no ${other}: ${botocore}, the Go SDK fails with "partial credentials found for profile ${c.profile}", and the JS SDK ${c.jsPair ? `builds a pair with the config file's ${other}` : 'skips the profile'}.`,
      fix: `Add the missing ${other} to [${c.section}] in ${c.path}, or remove the half pair.`,
    };
  },
  'profile-in-both-files': (c) => {
    const shown = c.keys.map((k) =>
      k === 'aws_access_key_id' && c.keyIds
        ? `aws_access_key_id (…${c.keyIds.credentials} in credentials, …${c.keyIds.config} in config)`
        : k,
    );
    const what = c.keys.some((k) => k.startsWith('aws_')) ? 'keys' : 'values';
    return {
      message: `Profile ${c.profile} is in both files with different values for ${joinAnd(shown)}: every client takes the credentials file's ${what} (botocore reads the credentials file's key pair first, the JS SDK merges key by key, the Go SDK replaces the key pair as a whole).`,
      fix: `Remove ${joinAnd(c.keys)} from ${configSection(c.profile)} in ${c.configPath} so only the credentials file sets ${c.keys.length === 1 ? 'it' : 'them'}.`,
    };
  },
  'session-expiry': (c) => {
    const what =
      c.source === 'env'
        ? `The environment keys (…${c.keyLast4})`
        : `Profile ${c.profile} (…${c.keyLast4})`;
    const one = c.clients.length === 1 && !c.clients[0].startsWith('aws-cli-v1');
    const use = c.role
      ? `signs the AssumeRole call for ${c.role} that ${names(c.clients)} make`
      : `is what ${names(c.clients)} use${one ? 's' : ''}`;
    const when =
      c.state === 'expired'
        ? `expired ${formatDuration(-c.msLeft)} ago`
        : `expires in ${formatDuration(c.msLeft)}`;
    return {
      message: `${what} ${use}; it ${when}.`,
      fix:
        c.source === 'env'
          ? `Renew the session and re-export it, e.g. \`eval "$(mfa-tui env PROFILE)"\`, or run \`${unset(c.unset)}\` to fall back to the files.`
          : `Run \`mfa-tui renew ${c.profile}\`.`,
    };
  },
  'token-with-long-term-key': (c) => ({
    message: `[${c.section}] in ${c.path} has ${c.token} next to the long-term key …${c.keyLast4}: every client sends both and AWS rejects the request (InvalidClientTokenId).`,
    fix: `Remove ${c.token} from [${c.section}] in ${c.path}, or run \`mfa-tui renew ${c.profile}\` to write a complete session.`,
  }),
  'process-shell': (c) => ({
    message: `credential_process of profile ${c.profile} uses shell syntax: the JS and Go SDKs run it through a shell, the AWS CLI and boto3 split it into words and run it without one.`,
    fix: "Put the command in a small script and set credential_process to the script's path.",
  }),
  'credentials-file-readable': (c) => ({
    message: `${c.path} is readable by ${joinAnd(c.readers)} (mode ${c.mode.toString(8).padStart(3, '0')}).`,
    fix: `Run \`chmod 600 ${c.path}\`.`,
  }),
  'no-credentials': () => ({
    message: 'No client finds credentials in this environment and these files.',
    fix: 'Add keys with `aws configure`, or renew a session with `mfa-tui renew PROFILE`.',
  }),
};

/** A conflict's message and fix in the words of the CLI's report. */
export function conflictText(c: Conflict): Text {
  return (renderers[c.code] as (c: Conflict) => Text)(c);
}
