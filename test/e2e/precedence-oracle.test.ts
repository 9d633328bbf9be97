// Oracle tests: for each scenario (environment × file contents), our model's answer for the AWS
// CLI v2 must match what the real `/usr/bin/aws configure list` reports, and our JS SDK answer
// must match what the real fromNodeProviderChain() resolves; where this machine has boto3, our
// boto3 answer must match it too. Nothing leaves 127.0.0.1: a local fake answers STS, SSO and
// container-credential calls, the CLI gets a dead proxy, and the role and SSO sessions the CLI
// would fetch are planted in its cache instead.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {precedenceFromDisk} from '../../source/app/precedence.js';
import type {ClientResult, Winner} from '../../source/core/precedence/index.js';
import {awsCliMissingReason, awsCliPath, runAws} from '../helpers/aws-cli.js';
import {repoRoot, runCommand} from '../helpers/cli.js';
import {cleanEnv, makeTestHome, type TestHome} from '../helpers/env.js';

// ---------------------------------------------------------------------------------------------
// Keys: fake, with a readable last 4 so a mismatch is easy to read.
const K = {
  def: 'AKIAORACLEDEFAULT01',
  mfa: 'ASIAORACLESESSION02',
  cfg: 'AKIAORACLECONFIG003',
  env: 'AKIAORACLEENVKEY004',
  envSession: 'ASIAORACLEENVSES005',
  other: 'AKIAORACLEOTHERK006',
  src: 'AKIAORACLESOURCE007',
  proc: 'AKIAORACLEPROCES008',
  half: 'AKIAORACLEHALFKEY09',
};
const last4 = (k: string) => k.slice(-4);

/** The key the fake hands out for a role, a web identity role, an SSO role or the container. */
function fakeKey(label: string): string {
  return `ASIA${createHash('sha1').update(label).digest('hex').toUpperCase().slice(0, 16)}`;
}

// ---------------------------------------------------------------------------------------------
// The local fake for STS (AssumeRole, AssumeRoleWithWebIdentity), SSO GetRoleCredentials and the
// container credentials endpoint. It records who signed each AssumeRole call.
type FakeRequest = {action: string; roleArn?: string; signingKeyId?: string};

class Fake {
  server = http.createServer((req, res) => this.handle(req, res));
  requests: FakeRequest[] = [];
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.url);
      if (url.pathname === '/federation/credentials') {
        const role = `sso:${url.searchParams.get('account_id')}:${url.searchParams.get('role_name')}`;
        this.requests.push({action: 'GetRoleCredentials', roleArn: role});
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            roleCredentials: {
              accessKeyId: fakeKey(role),
              secretAccessKey: 'x',
              sessionToken: 't',
              expiration: 4070908800000,
            },
          }),
        );
        return;
      }
      if (url.pathname === '/container') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            AccessKeyId: fakeKey('container'),
            SecretAccessKey: 'x',
            Token: 't',
            Expiration: '2099-01-01T00:00:00Z',
          }),
        );
        return;
      }
      const form = new URLSearchParams(body);
      const action = form.get('Action') ?? '';
      const roleArn = form.get('RoleArn') ?? undefined;
      const signingKeyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
      this.requests.push({action, roleArn, signingKeyId});
      const key = fakeKey(
        action === 'AssumeRoleWithWebIdentity' ? `web:${roleArn}` : `role:${roleArn}`,
      );
      res.setHeader('content-type', 'text/xml');
      res.end(
        `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>` +
          `<Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>x</SecretAccessKey><SessionToken>t</SessionToken>` +
          `<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
          `<AssumedRoleUser><AssumedRoleId>AROAFAKE:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>` +
          `</${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`,
      );
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

type Scenario = {
  name: string;
  env?: Record<string, string>;
  credentials?: string;
  config?: string;
  /** "as if --profile" */
  profile?: string;
  /** Roles whose AssumeRole result the AWS CLI finds in its cache ({"RoleArn": …} plus extras). */
  cliRoles?: {roleArn: string; serial?: string; web?: boolean}[];
  /** Legacy SSO profiles: plant the SSO token (for JS) and the CLI's role-credential cache. */
  ssoLogin?: {startUrl: string; accountId: string; roleName: string};
  /** Executable scripts written into HOME: name -> access key id it prints. */
  processes?: Record<string, string>;
  /** Scripts of `processes` left without the execute bit. */
  notExecutable?: string[];
  /** The first AWS CLI v2 release that reads what the scenario tests; an older installed CLI is not compared. */
  cliSince?: string;
  /** A web identity token file written into HOME. */
  webToken?: boolean;
};

const CREDS_DEFAULT = `[default]\naws_access_key_id = ${K.def}\naws_secret_access_key = s-def\n`;
const CREDS_BASIC = `${CREDS_DEFAULT}\n[mfa]\naws_access_key_id = ${K.mfa}\naws_secret_access_key = s-mfa\naws_session_token = t-mfa\nx_security_token_expires = 2099-01-01T00:00:00Z\n`;
const CONFIG_BASIC = `[default]\nregion = us-east-1\n\n[profile cfg]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s-cfg\n`;
const ENV_KEYS = {AWS_ACCESS_KEY_ID: K.env, AWS_SECRET_ACCESS_KEY: 's-env'};
const SSO = {
  startUrl: 'https://oracle.awsapps.com/start',
  accountId: '123456789012',
  roleName: 'OracleSso',
};
const ssoConfig = (name: string) =>
  `[profile ${name}]\nsso_start_url = ${SSO.startUrl}\nsso_region = us-east-1\nsso_account_id = ${SSO.accountId}\nsso_role_name = ${SSO.roleName}\n`;
const role = (n: string) => `arn:aws:iam::123456789012:role/Oracle${n}`;

const scenarios: Scenario[] = [
  {name: 'default keys in the credentials file', credentials: CREDS_DEFAULT},
  {name: 'no files and no variables'},
  {name: 'environment keys only', env: ENV_KEYS},
  {
    name: 'environment session keys',
    env: {AWS_ACCESS_KEY_ID: K.envSession, AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't'},
  },
  {
    name: 'AWS_PROFILE=mfa against environment keys',
    env: {...ENV_KEYS, AWS_PROFILE: 'mfa'},
    credentials: CREDS_BASIC,
    config: CONFIG_BASIC,
  },
  {
    name: 'AWS_PROFILE=mfa',
    env: {AWS_PROFILE: 'mfa'},
    credentials: CREDS_BASIC,
    config: CONFIG_BASIC,
  },
  {
    name: 'AWS_DEFAULT_PROFILE alone',
    env: {AWS_DEFAULT_PROFILE: 'mfa'},
    credentials: CREDS_BASIC,
    config: CONFIG_BASIC,
  },
  {
    name: 'AWS_PROFILE and AWS_DEFAULT_PROFILE differ',
    env: {AWS_PROFILE: 'mfa', AWS_DEFAULT_PROFILE: 'cfg'},
    credentials: CREDS_BASIC,
    config: CONFIG_BASIC,
  },
  {name: 'only AWS_ACCESS_KEY_ID', env: {AWS_ACCESS_KEY_ID: K.env}, credentials: CREDS_DEFAULT},
  {
    name: 'only AWS_SECRET_ACCESS_KEY',
    env: {AWS_SECRET_ACCESS_KEY: 's'},
    credentials: CREDS_DEFAULT,
  },
  {
    name: 'AWS_SECURITY_TOKEN next to environment keys',
    env: {
      AWS_ACCESS_KEY_ID: K.envSession,
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SECURITY_TOKEN: 'stale',
      AWS_SESSION_TOKEN: 'fresh',
    },
  },
  {
    name: 'AWS_PROFILE names a missing profile',
    env: {AWS_PROFILE: 'nope'},
    credentials: CREDS_BASIC,
  },
  {name: 'AWS_PROFILE is empty', env: {AWS_PROFILE: ''}, credentials: CREDS_BASIC},
  {
    name: 'AWS_PROFILE is empty, AWS_DEFAULT_PROFILE is set',
    env: {AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'mfa'},
    credentials: CREDS_BASIC,
  },
  {name: 'explicit missing profile', profile: 'nope', credentials: CREDS_BASIC},
  {
    // The AWS CLI and the JS SDK pass over an empty --profile / {profile: ''}; boto3 does not.
    name: 'explicit empty profile beside AWS_PROFILE',
    env: {AWS_PROFILE: 'mfa'},
    profile: '',
    credentials: CREDS_BASIC,
  },
  {
    name: 'explicit profile against environment keys',
    env: ENV_KEYS,
    profile: 'mfa',
    credentials: CREDS_BASIC,
  },
  {
    name: 'missing AWS_PROFILE with environment keys',
    env: {...ENV_KEYS, AWS_PROFILE: 'nope'},
    credentials: CREDS_BASIC,
  },
  {
    name: 'AWS_PROFILE names a config-only profile',
    env: {AWS_PROFILE: 'cfg'},
    credentials: CREDS_BASIC,
    config: CONFIG_BASIC,
  },
  {
    name: 'duplicate section in the credentials file',
    credentials: `${CREDS_DEFAULT}[default]\naws_access_key_id = ${K.other}\naws_secret_access_key = s\n`,
  },
  {
    name: 'duplicate key in the credentials file',
    credentials: `[default]\naws_access_key_id = ${K.def}\naws_access_key_id = ${K.other}\naws_secret_access_key = s\n`,
  },
  {
    name: 'key before any section in the config file',
    credentials: CREDS_DEFAULT,
    config: `region = us-east-1\n[default]\noutput = json\n`,
  },
  {
    name: 'line without = in the credentials file',
    credentials: `[default]\naws_access_key_id = ${K.def}\naws_secret_access_key = s\nthis line is junk\n`,
  },
  {
    name: 'inline comment after the key id',
    credentials: `[default]\naws_access_key_id = ${K.def} # rotated in May\naws_secret_access_key = s\n`,
  },
  {
    name: 'key: value lines',
    credentials: `[default]\naws_access_key_id: ${K.def}\naws_secret_access_key: s\n`,
  },
  {
    name: 'upper-case keys',
    credentials: `[default]\nAWS_ACCESS_KEY_ID = ${K.def}\nAWS_SECRET_ACCESS_KEY = s\n`,
  },
  {
    name: '[DEFAULT] keys inherited by [mfa]',
    env: {AWS_PROFILE: 'mfa'},
    credentials: `[DEFAULT]\naws_access_key_id = ${K.def}\naws_secret_access_key = s\n\n[mfa]\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n`,
  },
  {
    name: 'nested s3 block in the config file',
    credentials: CREDS_DEFAULT,
    config: `[default]\nregion = us-east-1\ns3 =\n    max_concurrent_requests = 20\n    addressing_style = path\noutput = json\n`,
  },
  {
    name: 'nested block with a line without =',
    credentials: CREDS_DEFAULT,
    config: `[default]\ns3 =\n    max_concurrent_requests\n`,
  },
  {
    name: 'empty aws_access_key_id',
    profile: 'empt',
    config: `[profile empt]\naws_access_key_id =\naws_secret_access_key = s\n`,
  },
  {
    name: '[profile  foo] with two spaces',
    env: {AWS_PROFILE: 'foo'},
    config: `[profile  foo]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s\n`,
  },
  {
    name: '[profile.foo]',
    env: {AWS_PROFILE: 'foo'},
    config: `[profile.foo]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s\n`,
  },
  {
    name: '[profile foo] in the credentials file',
    env: {AWS_PROFILE: 'foo'},
    credentials: `[profile foo]\naws_access_key_id = ${K.other}\naws_secret_access_key = s\n`,
  },
  {name: 'UTF-8 BOM in the credentials file', credentials: `\uFEFF${CREDS_DEFAULT}`},
  {
    name: 'CRLF line endings',
    env: {AWS_PROFILE: 'cfg'},
    credentials: CREDS_BASIC.replace(/\n/g, '\r\n'),
    config: CONFIG_BASIC.replace(/\n/g, '\r\n'),
  },
  {
    name: '[profile default] before [default] in the config file',
    config: `[profile default]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s\n\n[default]\naws_access_key_id = ${K.other}\naws_secret_access_key = s\n`,
  },
  {
    name: 'same profile in both files with different keys',
    env: {AWS_PROFILE: 'both'},
    credentials: `[both]\naws_access_key_id = ${K.def}\naws_secret_access_key = s\n`,
    config: `[profile both]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s\n`,
  },
  {
    name: 'half pair (key id) in credentials, full pair in config',
    env: {AWS_PROFILE: 'half'},
    credentials: `[half]\naws_access_key_id = ${K.half}\n`,
    config: `[profile half]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s\n`,
  },
  {
    name: 'half pair (secret) in credentials, full pair in config',
    env: {AWS_PROFILE: 'half'},
    credentials: `[half]\naws_secret_access_key = s2\n`,
    config: `[profile half]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s\n`,
  },
  {
    name: 'indented line after the key id',
    credentials: `[default]\naws_access_key_id = ${K.def}\n  aws_secret_access_key = s\n`,
  },
  {
    name: 'credential_process',
    env: {AWS_PROFILE: 'proc'},
    config: `[profile proc]\ncredential_process = {home}/creds.sh\n`,
    processes: {'creds.sh': K.proc},
  },
  {
    name: 'credential_process shadowed by static keys',
    env: {AWS_PROFILE: 'proc'},
    credentials: `[proc]\naws_access_key_id = ${K.other}\naws_secret_access_key = s\n`,
    config: `[profile proc]\ncredential_process = {home}/creds.sh\n`,
    processes: {'creds.sh': K.proc},
  },
  {
    name: 'credential_process whose program does not exist',
    env: {AWS_PROFILE: 'proc'},
    config: `[profile proc]\ncredential_process = {home}/missing.sh\n`,
  },
  {
    name: 'credential_process not on PATH',
    env: {AWS_PROFILE: 'proc'},
    config: `[profile proc]\ncredential_process = mfa-tui-no-such-helper --json\n`,
  },
  {
    name: 'credential_process without the execute bit',
    env: {AWS_PROFILE: 'proc'},
    config: `[profile proc]\ncredential_process = {home}/creds.sh\n`,
    processes: {'creds.sh': K.proc},
    notExecutable: ['creds.sh'],
  },
  {
    name: 'credential_process that starts with a shell builtin',
    env: {AWS_PROFILE: 'proc'},
    config: `[profile proc]\ncredential_process = exec {home}/creds.sh\n`,
    processes: {'creds.sh': K.proc},
  },
  {
    name: 'role_arn with source_profile',
    env: {AWS_PROFILE: 'admin'},
    credentials: `[src]\naws_access_key_id = ${K.src}\naws_secret_access_key = s\n`,
    config: `[profile admin]\nrole_arn = ${role('Admin')}\nsource_profile = src\n`,
    cliRoles: [{roleArn: role('Admin')}],
  },
  {
    name: 'role_arn whose source_profile is missing',
    env: {AWS_PROFILE: 'admin'},
    credentials: CREDS_DEFAULT,
    config: `[profile admin]\nrole_arn = ${role('Missing')}\nsource_profile = gone\n`,
  },
  {
    name: 'role_arn without a source',
    profile: 'admin',
    credentials: CREDS_DEFAULT,
    config: `[profile admin]\nrole_arn = ${role('NoSource')}\n`,
  },
  {
    name: 'role_arn with both source_profile and credential_source',
    profile: 'admin',
    credentials: CREDS_DEFAULT,
    config: `[profile admin]\nrole_arn = ${role('Both')}\nsource_profile = default\ncredential_source = Environment\n`,
  },
  {
    name: 'role_arn with mfa_serial and a cached session',
    profile: 'admin',
    credentials: `[src]\naws_access_key_id = ${K.src}\naws_secret_access_key = s\n`,
    config: `[profile admin]\nrole_arn = ${role('Mfa')}\nsource_profile = src\nmfa_serial = arn:aws:iam::123456789012:mfa/oracle\n`,
    cliRoles: [{roleArn: role('Mfa'), serial: 'arn:aws:iam::123456789012:mfa/oracle'}],
  },
  {
    name: 'role_arn with credential_source Environment',
    env: ENV_KEYS,
    profile: 'admin',
    config: `[profile admin]\nrole_arn = ${role('EnvSource')}\ncredential_source = Environment\n`,
    cliRoles: [{roleArn: role('EnvSource')}],
  },
  {
    name: 'role whose source_profile is itself',
    profile: 'self',
    credentials: `[self]\naws_access_key_id = ${K.src}\naws_secret_access_key = s\n`,
    config: `[profile self]\nrole_arn = ${role('Self')}\nsource_profile = self\n`,
    cliRoles: [{roleArn: role('Self')}],
  },
  {
    name: 'chained roles',
    env: {AWS_PROFILE: 'outer'},
    credentials: `[src]\naws_access_key_id = ${K.src}\naws_secret_access_key = s\n`,
    config: `[profile inner]\nrole_arn = ${role('Inner')}\nsource_profile = src\n\n[profile outer]\nrole_arn = ${role('Outer')}\nsource_profile = inner\n`,
    cliRoles: [{roleArn: role('Outer')}],
  },
  {
    name: 'SSO profile with a login',
    env: {AWS_PROFILE: 'sso'},
    config: ssoConfig('sso'),
    ssoLogin: SSO,
  },
  {name: 'SSO profile without a login', env: {AWS_PROFILE: 'sso'}, config: ssoConfig('sso')},
  {
    // Another SSO profile makes the token cache read; botocore merges the two files' [sso].
    name: 'SSO start URL in the credentials file, with a login',
    env: {AWS_PROFILE: 'sso'},
    credentials: `[sso]\nsso_start_url = ${SSO.startUrl}\n`,
    config: `${ssoConfig('sso').replace(/^sso_start_url.*\n/m, '')}\n${ssoConfig('other').replace(SSO.startUrl, 'https://other.awsapps.com/start')}`,
    ssoLogin: SSO,
  },
  {
    name: 'web identity from the environment',
    env: {AWS_WEB_IDENTITY_TOKEN_FILE: '{home}/web-token', AWS_ROLE_ARN: role('Web')},
    webToken: true,
    cliRoles: [{roleArn: role('Web'), web: true}],
  },
  {
    name: 'web identity from the environment against AWS_PROFILE',
    env: {
      AWS_WEB_IDENTITY_TOKEN_FILE: '{home}/web-token',
      AWS_ROLE_ARN: role('WebVsProfile'),
      AWS_PROFILE: 'mfa',
    },
    credentials: CREDS_BASIC,
    webToken: true,
    cliRoles: [{roleArn: role('WebVsProfile'), web: true}],
  },
  {
    name: 'container credentials endpoint',
    env: {AWS_CONTAINER_CREDENTIALS_FULL_URI: '{fake}/container'},
  },
  {
    name: 'container credentials endpoint whose token file is missing',
    env: {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: '{fake}/container',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '{home}/no-token',
    },
    // EKS Pod Identity (late 2023) brought the token file to the AWS CLI; 2.9 ignores it.
    cliSince: '2.14.0',
  },
  {
    name: 'expired session profile',
    env: {AWS_PROFILE: 'old'},
    credentials: `[old]\naws_access_key_id = ${K.mfa}\naws_secret_access_key = s\naws_session_token = t\nexpiration = 2020-01-01 00:00:00\n`,
  },
  {
    name: 'default profile only in config with credentials elsewhere',
    env: {AWS_PROFILE: 'default'},
    config: `[default]\naws_access_key_id = ${K.cfg}\naws_secret_access_key = s\n`,
  },
];

// ---------------------------------------------------------------------------------------------
// Running the real clients.

/** Parses 2.9.19's `%10s %24s %16s    %s` table; the Type column may overflow its 16 characters. */
function parseConfigureList(stdout: string): {type: string; keyLast4: string | null} {
  const line = stdout.split('\n').find((l) => l.slice(0, 10).trim() === 'access_key');
  if (!line) throw new Error(`no access_key row in:\n${stdout}`);
  const value = line.slice(11, 35);
  const type = line.slice(36).trim().split(/\s{4}/)[0].trim();
  if (value.trim() === '<not set>') return {type: 'None', keyLast4: null};
  return {type, keyLast4: value.trimStart().slice(16)};
}

async function runCli(env: NodeJS.ProcessEnv, profile?: string): Promise<Answer> {
  const args = ['configure', 'list', ...(profile !== undefined ? ['--profile', profile] : [])];
  const r = await runAws(args, env, 60_000);
  if (r.code !== 0) {
    return {
      ok: false,
      error:
        r.stderr
          .split('\n')
          .map((l) => l.trim())
          .find(Boolean) ?? `exit ${r.code}`,
    };
  }
  const parsed = parseConfigureList(r.stdout);
  return {
    ok: true,
    source: CLI_TYPES[parsed.type] ?? `unknown Type ${parsed.type}`,
    last4: parsed.keyLast4,
  };
}

let installedCli: string | undefined;
/** The installed AWS CLI's version, e.g. `2.9.19`. */
function cliVersion(): string {
  installedCli ??=
    /aws-cli\/(\S+)/.exec(spawnSync(awsCliPath, ['--version'], {encoding: 'utf8'}).stdout)?.[1] ??
    '0';
  return installedCli;
}

function olderThan(version: string, since: string): boolean {
  const a = version.split('.').map(Number);
  const b = since.split('.').map(Number);
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) < b[i];
  return false;
}

/** One oracle run: a scenario's environment and its explicit profile, if any. */
type Job = {env: NodeJS.ProcessEnv; profile?: string; fetch: boolean};

const providersUrl = pathToFileURL(
  createRequire(path.join(repoRoot, 'package.json')).resolve('@aws-sdk/credential-providers'),
).href;

// Runs fromNodeProviderChain() for each job in turn, in one process, with the job's environment
// in process.env (the SDK reads it on every call; file and home-dir caches are keyed by path).
const jsOracle = `
const {fromNodeProviderChain} = await import(${JSON.stringify(providersUrl)});
const jobs = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
for (const job of jobs) {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, job.env);
  let answer;
  try {
    const c = await Promise.race([
      fromNodeProviderChain({...(job.profile !== undefined ? {profile: job.profile} : {}), ignoreCache: true})(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 20000)),
    ]);
    answer = {ok: true, last4: c.accessKeyId.slice(-4)};
  } catch (e) {
    answer = {ok: false, error: String(e?.message ?? e).split('\\n')[0]};
  }
  process.stdout.write(JSON.stringify(answer) + '\\n');
}
process.exit(0);
`;

async function runJsBatch(jobs: Job[], cwd: string): Promise<Answer[]> {
  const script = path.join(cwd, 'js-oracle.mjs');
  writeFileSync(
    script,
    `import {createRequire} from 'node:module';\nconst require = createRequire(import.meta.url);\n${jsOracle}`,
  );
  const r = await runCommand(process.execPath, [script], {
    env: cleanEnv(),
    input: JSON.stringify(jobs),
    timeoutMs: 300_000,
  });
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== jobs.length)
    throw new Error(
      `JS oracle answered ${lines.length} of ${jobs.length}: ${r.stderr.slice(-500)}`,
    );
  return lines.map((line) => {
    const a = JSON.parse(line) as {ok: true; last4: string} | {ok: false; error: string};
    // The JS SDK does not say which provider answered; the key tells (see expectedLast4).
    return a.ok ? {ok: true, source: null, last4: a.last4} : a;
  });
}

/** A Python with boto3 (not part of the project; used when this machine has one). */
const boto3Python = (() => {
  const r = spawnSync('python3', ['-c', 'import boto3, sys; print(sys.executable)'], {
    encoding: 'utf8',
    env: cleanEnv(),
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();

// Same idea for boto3: one process, os.environ swapped per job. botocore computes the SSO token
// folder from HOME when it is imported, so that one path is recomputed for each job.
const boto3Oracle = `
import json, os, sys
import boto3, botocore.credentials
for job in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(job['env'])
    botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = os.path.expanduser(os.path.join('~', '.aws', 'sso', 'cache'))
    try:
        s = boto3.Session(profile_name=job.get('profile'))
        c = s.get_credentials()
        s.client('sts', region_name='us-east-1')
        if c is None:
            answer = {'ok': True, 'method': None, 'last4': None}
        else:
            deferred = c.method in ('assume-role', 'sso', 'assume-role-with-web-identity')
            key = c.access_key if job['fetch'] or not deferred else None
            answer = {'ok': True, 'method': c.method, 'last4': None if key is None else key[-4:]}
    except Exception as e:
        answer = {'ok': False, 'error': (str(e).strip().splitlines() or [type(e).__name__])[0]}
    print(json.dumps(answer), flush=True)
`;

async function runBoto3Batch(jobs: Job[]): Promise<Answer[]> {
  const r = await runCommand(boto3Python!, ['-c', boto3Oracle], {
    env: cleanEnv(),
    input: JSON.stringify(jobs),
    timeoutMs: 300_000,
  });
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== jobs.length)
    throw new Error(
      `boto3 oracle answered ${lines.length} of ${jobs.length}: ${r.stderr.slice(-500)}`,
    );
  return lines.map((line) => {
    const a = JSON.parse(line) as
      {ok: true; method: string | null; last4: string | null} | {ok: false; error: string};
    return a.ok
      ? {
          ok: true,
          source: CLI_TYPES[a.method ?? 'None'] ?? `unknown method ${a.method}`,
          last4: a.last4,
        }
      : a;
  });
}

// ---------------------------------------------------------------------------------------------
// Setting up a scenario's HOME.

/** Python's json.dumps(obj, sort_keys=True) for flat string maps (the CLI's assume-role cache key). */
function pyJsonDumps(obj: Record<string, string>, compact = false): string {
  const [comma, colon] = compact ? [',', ':'] : [', ', ': '];
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}${colon}${JSON.stringify(obj[k])}`)
    .join(comma)}}`;
}
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

function prepare(s: Scenario, fake: Fake): {home: TestHome; env: NodeJS.ProcessEnv} {
  const home = makeTestHome();
  const fill = (t: string) => t.replaceAll('{home}', home.home).replaceAll('{fake}', fake.url);
  if (s.credentials !== undefined) home.write('credentials', fill(s.credentials));
  if (s.config !== undefined) home.write('config', fill(s.config));
  for (const [name, key] of Object.entries(s.processes ?? {})) {
    const file = path.join(home.home, name);
    writeFileSync(
      file,
      `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${key}", "SecretAccessKey": "s"}'\n`,
    );
    chmodSync(file, s.notExecutable?.includes(name) ? 0o644 : 0o755);
  }
  if (s.webToken) writeFileSync(path.join(home.home, 'web-token'), 'header.payload.signature');
  const cache = path.join(home.awsDir, 'cli', 'cache');
  mkdirSync(cache, {recursive: true});
  for (const r of s.cliRoles ?? []) {
    const args: Record<string, string> = {RoleArn: r.roleArn};
    if (r.serial) args.SerialNumber = r.serial;
    const key = fakeKey(r.web ? `web:${r.roleArn}` : `role:${r.roleArn}`);
    writeFileSync(
      path.join(cache, `${sha1(pyJsonDumps(args))}.json`),
      JSON.stringify({
        Credentials: {
          AccessKeyId: key,
          SecretAccessKey: 'x',
          SessionToken: 't',
          Expiration: '2099-01-01T00:00:00UTC',
        },
      }),
    );
  }
  if (s.ssoLogin) {
    const {startUrl, accountId, roleName} = s.ssoLogin;
    const key = fakeKey(`sso:${accountId}:${roleName}`);
    writeFileSync(
      path.join(cache, `${sha1(pyJsonDumps({accountId, roleName, startUrl}, true))}.json`),
      JSON.stringify({
        ProviderType: 'sso',
        Credentials: {
          AccessKeyId: key,
          SecretAccessKey: 'x',
          SessionToken: 't',
          Expiration: '2099-01-01T00:00:00Z',
        },
      }),
    );
    const tokens = path.join(home.awsDir, 'sso', 'cache');
    mkdirSync(tokens, {recursive: true});
    writeFileSync(
      path.join(tokens, `${sha1(startUrl)}.json`),
      JSON.stringify({
        accessToken: 'fake-token',
        expiresAt: '2099-01-01T00:00:00Z',
        region: 'us-east-1',
        startUrl,
      }),
    );
  }
  const scenarioEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.env ?? {})) scenarioEnv[k] = fill(v);
  const env: NodeJS.ProcessEnv = {
    ...home.env,
    // The CLI ignores AWS_ENDPOINT_URL_* (2.9.19); a dead proxy keeps it off the network.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    AWS_ENDPOINT_URL_STS: fake.url,
    AWS_ENDPOINT_URL_SSO: fake.url,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    ...scenarioEnv,
  };
  return {home, env};
}

// ---------------------------------------------------------------------------------------------
// Comparing.

const CLI_TYPES: Record<string, string> = {
  env: 'env',
  'assume-role': 'assume-role',
  'assume-role-with-web-identity': 'web-identity',
  sso: 'sso',
  'shared-credentials-file': 'shared-credentials-file',
  'custom-process': 'custom-process',
  'config-file': 'config-file',
  'container-role': 'container',
  'iam-role': 'imds',
  None: 'none',
};

/** The key a winner yields when our model cannot know it (roles, SSO, processes, container). */
function expectedLast4(s: Scenario, w: Winner): string | null {
  if (w.accessKeyIdLast4 !== null) return w.accessKeyIdLast4;
  switch (w.source) {
    case 'assume-role':
      return last4(fakeKey(`role:${w.roleArn}`));
    case 'web-identity':
      return last4(fakeKey(`web:${w.roleArn}`));
    case 'sso':
      return last4(fakeKey(`sso:${SSO.accountId}:${SSO.roleName}`));
    case 'container':
      return last4(fakeKey('container'));
    case 'custom-process':
      return last4(Object.values(s.processes ?? {})[0] ?? '');
    default:
      return null;
  }
}

function client(result: {clients: ClientResult[]}, id: ClientResult['client']): ClientResult {
  return result.clients.find((c) => c.client === id)!;
}

const skipCli = awsCliMissingReason();
const fake = new Fake();
const prepared = new Map<string, {home: TestHome; env: NodeJS.ProcessEnv}>();
const jsAnswers = new Map<string, Answer>();
const boto3Answers = new Map<string, Answer>();
let scratch: TestHome;

beforeAll(async () => {
  await fake.start();
  scratch = makeTestHome();
  for (const s of scenarios) prepared.set(s.name, prepare(s, fake));
  const jobs: Job[] = scenarios.map((s) => ({
    env: prepared.get(s.name)!.env,
    profile: s.profile,
    // boto3 would prompt for an MFA code when it fetches a role's keys; then only its choice is compared.
    fetch: !`${s.config ?? ''}${s.credentials ?? ''}`.includes('mfa_serial = arn'),
  }));
  const [js, boto] = await Promise.all([
    runJsBatch(jobs, scratch.home),
    boto3Python ? runBoto3Batch(jobs) : undefined,
  ]);
  scenarios.forEach((s, i) => {
    jsAnswers.set(s.name, js[i]);
    if (boto) boto3Answers.set(s.name, boto[i]);
  });
}, 300_000);

afterAll(async () => {
  for (const {home} of prepared.values()) home.cleanup();
  scratch?.cleanup();
  await fake.stop();
});

describe('precedence oracle: our model against the real clients', () => {
  it('has at least 40 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
  });

  it.concurrent.each(scenarios.map((s) => [s.name, s] as const))(
    '%s',
    {timeout: 90_000},
    async (_name, s) => {
      const {env} = prepared.get(s.name)!;
      const read = await precedenceFromDisk(env, new Date(), s.profile);
      if (!read.ok) throw new Error(read.error.message);
      const ours = read.value.report;
      const cliTooOld = s.cliSince !== undefined && olderThan(cliVersion(), s.cliSince);
      const cli = skipCli || cliTooOld ? undefined : await runCli(env, s.profile);
      if (cli) expectSameOutcome('the AWS CLI v2', s, client(ours, 'aws-cli-v2').winner, cli);
      const boto = boto3Answers.get(s.name);
      if (boto) expectSameOutcome('boto3', s, client(ours, 'aws-cli-v1/boto3').winner, boto);
      const js = jsAnswers.get(s.name)!;
      const oursJs = client(ours, 'js-sdk-v3').winner;
      expectSameOutcome('the JS SDK', s, oursJs, js);
      if (js.ok && oursJs.source === 'assume-role' && oursJs.via) {
        // The fake saw who signed the AssumeRole call: it must be the source our model names.
        const call = fake.requests.find(
          (r) => r.action === 'AssumeRole' && r.roleArn === oursJs.roleArn,
        );
        const via = oursJs.via as Winner;
        const signer =
          via.accessKeyIdLast4 ??
          (via.source === 'assume-role' ? last4(fakeKey(`role:${via.roleArn}`)) : null);
        expect(call?.signingKeyId?.slice(-4), 'key that signed AssumeRole').toBe(signer);
      }
    },
  );
});

/** A real client's answer, normalised: it failed with a message, or it chose a source (and key). */
type Answer = {ok: false; error: string} | {ok: true; source: string | null; last4: string | null};

/** Where the client fails, ours must be broken with the same message; else the same source and key. */
function expectSameOutcome(who: string, s: Scenario, ours: Winner, answer: Answer): void {
  if (!answer.ok) {
    expect(
      {status: ours.status, sameReason: ours.reason.includes(answer.error)},
      `${who} failed with "${answer.error}"; ours: ${ours.reason}`,
    ).toEqual({status: 'broken', sameReason: true});
    return;
  }
  if (answer.source !== null) {
    expect(ours.source, `${who} chose ${answer.source}; ours: ${ours.reason}`).toBe(answer.source);
  }
  if (answer.source === 'none') return;
  expect(
    ours.status,
    `${who} resolved ${answer.source ?? 'credentials'}; ours: ${ours.reason}`,
  ).toBe('used');
  if (answer.last4 !== null)
    expect(answer.last4, `${who}: key last 4`).toBe(expectedLast4(s, ours));
}
