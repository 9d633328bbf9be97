// A section with both aws_session_token and the legacy aws_security_token: `env` and
// `credential-process` hand out the one the AWS CLI uses (botocore reads the legacy one first).
import {expect, it} from 'vitest';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();

it('hands out the token the AWS CLI uses when a section holds both', async () => {
  h.write(
    'credentials',
    '[both]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n' +
      'aws_session_token = new-token\naws_security_token = legacy-token\n',
  );
  if (!awsCliMissingReason()) {
    const cli = await runAws(
      ['configure', 'export-credentials', '--profile', 'both', '--format', 'env'],
      h.env,
    );
    expect(cli.stdout).toContain('export AWS_SESSION_TOKEN=legacy-token');
  }
  const env = await runCli(['env', 'both'], {env: h.env});
  expect(env.code).toBe(0);
  expect(env.stdout).toContain('export AWS_SESSION_TOKEN=legacy-token');
  const process = await runCli(['credential-process', 'both'], {env: h.env});
  expect(JSON.parse(process.stdout).SessionToken).toBe('legacy-token');
});
