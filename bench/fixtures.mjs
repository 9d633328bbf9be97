// Generates credentials and config files the way people grow them, for the benchmarks: long-term
// keys with MFA devices, aws-mfa style sessions (valid, expiring, expired), roles, SSO profiles,
// credential_process, comments and blank lines. Deterministic for a given count and `now`.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

const hex = (n, width) => (n >>> 0).toString(16).toUpperCase().padStart(width, '0').slice(-width);

/** `YYYY-MM-DD HH:MM:SS` in UTC (aws-mfa's expiration format). */
const awsMfaTime = (d) =>
  d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');

/**
 * Returns {credentials, config, profiles} texts with `count` profiles in all. Groups of ten:
 * 3 long-term + 3 sessions (one expired, one expiring, one valid) + 2 roles + 1 SSO + 1 process.
 */
export function generateAwsFiles(count, now = new Date()) {
  const cred = ['# AWS credentials: generated for mfa-tui benchmarks\n'];
  const conf = ['# AWS config: generated for mfa-tui benchmarks\n'];
  const profiles = [];
  const hour = 3600 * 1000;
  const acct = (i) => String(100000000000 + (i % 997) * 7919).slice(0, 12);
  for (let i = 0; i < count; i++) {
    const team = Math.floor(i / 10);
    const slot = i % 10;
    if (slot === 0) {
      cred.push(`\n# team ${team}: rotated keys, see the wiki\n`);
      conf.push(`\n# ---- team ${team} ----\n`);
    }
    const user = `team${team}-user${slot % 3}`;
    const mfa = `arn:aws:iam::${acct(team)}:mfa/${user}`;
    let name;
    if (slot < 3) {
      // Long-term keys, aws-mfa style name, MFA device recorded next to them.
      name = `${user}-long-term`;
      cred.push(
        `[${name}]\n` +
          `aws_access_key_id = AKIA${hex(i * 2654435761, 16)}\n` +
          `aws_secret_access_key = ${hex(i * 40503, 8)}${'k'.repeat(24)}${hex(i, 8)}\n` +
          (slot === 1 ? `mfa_serial=${mfa}\n` : `mfa_serial = ${mfa}\n`) +
          '\n',
      );
      conf.push(`[profile ${name}]\nregion = eu-west-1\noutput = json\n\n`);
    } else if (slot < 6) {
      // The session each long-term profile renews into: expired, expiring soon, valid.
      name = `team${team}-user${slot - 3}`;
      const offset = slot === 3 ? -3 * hour : slot === 4 ? 10 * 60 * 1000 : 11 * hour;
      const exp = new Date(now.getTime() + offset);
      cred.push(
        `[${name}]\n` +
          `aws_access_key_id = ASIA${hex(i * 2246822519, 16)}\n` +
          `aws_secret_access_key = ${hex(i * 69069, 8)}${'s'.repeat(24)}${hex(i, 8)}\n` +
          `aws_session_token = ${'IQoJb3JpZ2luX2VjEHAaCXVzLWVhc3QtMSJGMEQCIF'.repeat(8)}${hex(i, 8)}\n` +
          `expiration = ${awsMfaTime(exp)}\n` +
          (slot === 5
            ? `x_security_token_expires = ${exp.toISOString().replace(/\.\d{3}Z$/, 'Z')}\n`
            : '') +
          '\n',
      );
      conf.push(`[profile ${name}]\nregion = us-east-1\n\n`);
    } else if (slot < 8) {
      name = `team${team}-${slot === 6 ? 'admin' : 'readonly'}`;
      conf.push(
        `[profile ${name}]\n` +
          `role_arn = arn:aws:iam::${acct(team + 1)}:role/${slot === 6 ? 'Admin' : 'ReadOnly'}\n` +
          `source_profile = team${team}-user0\n` +
          (slot === 6
            ? `mfa_serial = ${mfa.replace('user1', 'user0')}\nduration_seconds = 3600\n`
            : '') +
          'region = us-west-2\n\n',
      );
    } else if (slot === 8) {
      name = `team${team}-sso`;
      conf.push(
        `[profile ${name}]\n` +
          `sso_session = corp\n` +
          `sso_account_id = ${acct(team + 2)}\n` +
          `sso_role_name = Developer\n` +
          'region = eu-central-1\n' +
          's3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n\n',
      );
    } else {
      name = `team${team}-process`;
      conf.push(
        `[profile ${name}]\ncredential_process = /usr/local/bin/vault-creds --team ${team}\n\n`,
      );
    }
    profiles.push(name);
  }
  conf.push(
    '\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
  );
  return {credentials: cred.join(''), config: conf.join(''), profiles};
}

/** Writes the files under DIR/.aws and returns their paths and the env that points every tool at them. */
export function writeAwsFiles(dir, count, now = new Date()) {
  const aws = path.join(dir, '.aws');
  mkdirSync(aws, {recursive: true, mode: 0o700});
  const {credentials, config, profiles} = generateAwsFiles(count, now);
  const credentialsFile = path.join(aws, 'credentials');
  const configFile = path.join(aws, 'config');
  writeFileSync(credentialsFile, credentials, {mode: 0o600});
  writeFileSync(configFile, config, {mode: 0o600});
  return {credentialsFile, configFile, profiles, bytes: credentials.length + config.length};
}
