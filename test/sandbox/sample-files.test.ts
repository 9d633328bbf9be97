// The sample files match the sandbox: each profile, read by the real SDK and the real AWS CLI from
// the files alone, reaches the identity (or the error) it was written for.
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {sampleMarker, writeSampleFiles} from '../../source/sandbox/sample-files.js';
import {SandboxState} from '../../source/sandbox/state.js';
import {messages} from '../../source/sandbox/errors.js';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {cleanEnv} from '../helpers/env.js';
import {useIsolatedProcessEnv, useTestSandbox} from '../helpers/sandbox.js';
import {cliErrorLine} from './clients.js';

const cliMissing = awsCliMissingReason();
useIsolatedProcessEnv();
const sb = useTestSandbox();
let dir: string;
let files: {credentialsFile: string; configFile: string; profiles: string[]};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfa-tui-samples-'));
  files = await sb.writeSampleFiles(dir);
  process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
  process.env.AWS_CONFIG_FILE = files.configFile;
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A client that refuses any host but the sandbox, so a profile that lost its endpoint can never reach AWS. */
function localOnlyClient(profile: string): STSClient {
  const sts = new STSClient({profile});
  sts.middlewareStack.add(
    (next) => async (args) => {
      const hostname = (args.request as {hostname?: string}).hostname;
      if (hostname !== '127.0.0.1') throw new Error(`refused to call ${hostname}`);
      return next(args);
    },
    {step: 'finalizeRequest', name: 'localOnly'},
  );
  return sts;
}

const expected: Record<string, string> = {
  default: 'arn:aws:iam::111122223333:user/alice',
  'work-long-term': 'arn:aws:iam::111122223333:user/bob',
  work: 'arn:aws:iam::111122223333:user/bob',
  root: 'arn:aws:iam::111122223333:root',
  carol: 'arn:aws:iam::111122223333:user/carol',
};

describe('sample files', () => {
  test('hold the demo set, secrets only in credentials, both files 0600', () => {
    expect(files.profiles).toEqual(
      expect.arrayContaining([
        'default',
        'mfa',
        'work-long-term',
        'work',
        'root',
        'carol',
        'alice-old',
        'admin',
        'readonly',
        'deploy',
      ]),
    );
    const credentials = readFileSync(files.credentialsFile, 'utf8');
    const config = readFileSync(files.configFile, 'utf8');
    expect(credentials.startsWith(sampleMarker)).toBe(true);
    expect(config).not.toMatch(/aws_secret_access_key|aws_session_token|AKIA|ASIA/);
    expect(config).toContain(
      `[services sandbox]\nsts =\n  endpoint_url = ${sb.endpoint}\niam =\n  endpoint_url = ${sb.endpoint}\n`,
    );
    expect(config).toContain(
      '[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = default\nmfa_serial = arn:aws:iam::111122223333:mfa/alice\n',
    );
    expect(config).toMatch(/\[profile work\]\nregion = eu-west-1\n/);
    expect(credentials).toContain('[work-long-term]\naws_access_key_id = ');
    expect(credentials).toContain('aws_mfa_device = arn:aws:iam::111122223333:mfa/bob');
    expect(credentials).toMatch(/\[mfa\]\naws_access_key_id = ASIA[A-Z0-9]{16}\n/);
    for (const file of [files.credentialsFile, files.configFile]) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  test('the SDK, given only a profile name, reaches the identity each profile was written for', async () => {
    const call = (profile: string) =>
      localOnlyClient(profile)
        .send(new GetCallerIdentityCommand({}))
        .then(
          (out) => out.Arn,
          (error: Error) => `${error.name}: ${error.message}`,
        );
    const names = [...Object.keys(expected), 'mfa', 'alice-old'];
    const results = await Promise.all(names.map(call));
    expect(Object.fromEntries(names.map((n, i) => [n, results[i]]))).toEqual({
      ...expected,
      mfa: `ExpiredToken: ${messages.expiredToken}`,
      'alice-old': `InvalidClientTokenId: ${messages.invalidToken}`,
    });
  });

  test.skipIf(cliMissing !== undefined)(
    `the AWS CLI, given only --profile and --endpoint-url, does too${cliMissing ? ` (skipped: ${cliMissing})` : ''}`,
    async () => {
      const env = {
        ...cleanEnv(),
        HOME: dir,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
        AWS_CONFIG_FILE: files.configFile,
      };
      const call = async (profile: string) => {
        const r = await runAws(
          [
            'sts',
            'get-caller-identity',
            '--profile',
            profile,
            '--endpoint-url',
            sb.endpoint,
            '--output',
            'json',
          ],
          env,
        );
        if (r.code === 0) return JSON.parse(r.stdout).Arn as string;
        const line = cliErrorLine.exec(r.stderr);
        return line ? `${line[1]}: ${line[3]}` : r.stderr;
      };
      const names = ['default', 'work', 'root', 'mfa', 'alice-old'];
      const results = await Promise.all(names.map(call));
      expect(results).toEqual([
        expected.default,
        expected.work,
        expected.root,
        `ExpiredToken: ${messages.expiredToken}`,
        `InvalidClientTokenId: ${messages.invalidToken}`,
      ]);
    },
    60_000,
  );

  test('never overwrite a file the sandbox did not write', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'mfa-tui-samples-'));
    try {
      writeFileSync(
        path.join(other, 'credentials'),
        '[default]\naws_access_key_id = AKIAREALREALREALREAL\n',
      );
      const state = new SandboxState();
      const options = {endpoint: 'http://127.0.0.1:1', region: 'us-east-1', now: new Date()};
      const result = await writeSampleFiles(other, state, options);
      expect(result).toMatchObject({ok: false, error: {code: 'sandbox-dir-taken'}});
      expect(readFileSync(path.join(other, 'credentials'), 'utf8')).toContain(
        'AKIAREALREALREALREAL',
      );
      // Its own files it rewrites.
      rmSync(path.join(other, 'credentials'));
      expect((await writeSampleFiles(other, state, options)).ok).toBe(true);
      expect((await writeSampleFiles(other, state, options)).ok).toBe(true);
    } finally {
      rmSync(other, {recursive: true, force: true});
    }
  });
});
