import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {demoStateFile} from '../../source/sandbox/demo-state.js';
import {
  parseStateFile,
  validateStateFile,
  type StateFile,
} from '../../source/sandbox/state-file.js';
import {SandboxState} from '../../source/sandbox/state.js';
import {base32Decode} from '../../source/sandbox/totp.js';
import {repoRoot} from '../helpers/cli.js';

const problems = (data: unknown): string[] => {
  const r = validateStateFile(data);
  return r.ok
    ? []
    : r.error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
};

const minimal = (): StateFile => ({
  accounts: [
    {
      id: '123456789012',
      users: [
        {
          name: 'dev',
          accessKeys: [
            {
              accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
              secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            },
          ],
          mfaDevices: [{serial: 'dev', secret: 'JBSWY3DPEHPK3PXP'}],
        },
      ],
    },
  ],
});

describe('demo state', () => {
  const state = new SandboxState();

  test('keys, secrets and seeds look like AWS’s and are stable across starts', () => {
    for (const key of state.longTermKeys.values()) {
      expect(key.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
      expect(key.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    }
    for (const device of state.devices.values()) {
      expect(device.secret).toMatch(/^[A-Z2-7]{64}$/);
      expect(base32Decode(device.secret)).toHaveLength(40);
    }
    expect(new SandboxState().users()).toEqual(state.users());
    expect(validateStateFile(demoStateFile()).ok).toBe(true);
  });

  test('has a root user, users with and without MFA, a deleted key, and roles', () => {
    const users = state.users();
    expect(users.map((u) => u.name)).toEqual(['root', 'alice', 'bob', 'carol']);
    expect(users[0]).toMatchObject({
      arn: 'arn:aws:iam::111122223333:root',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
    });
    expect(users.find((u) => u.name === 'carol')).toMatchObject({
      mfaSerial: null,
      totpSecret: null,
    });
    // alice's old key is deleted, not inactive: she holds one key and can rotate it.
    expect([...state.deletedKeys.values()].map((k) => k.principal.name)).toEqual(['alice']);
    expect(state.keysOf(state.principals[1]!)).toHaveLength(1);
    expect(
      [...state.roles.values()].map((r) => [r.name, r.requireMfa, r.maxSessionDuration]),
    ).toEqual([
      ['Admin', true, 43200],
      ['ReadOnly', false, 3600],
      ['Deploy', true, 7200],
    ]);
  });

  test('finds users by name, ARN, key id or serial', () => {
    const alice = state.user('alice')!;
    expect(state.user(alice.arn)).toEqual(alice);
    expect(state.user(alice.accessKeyId!)).toEqual(alice);
    expect(state.user(alice.mfaSerial!)).toEqual(alice);
    expect(state.user('nobody')).toBeUndefined();
  });
});

describe('state file validation', () => {
  test('the shipped example is valid and loads', () => {
    const file = path.join(repoRoot, 'docs', 'sandbox-state.example.json');
    const parsed = parseStateFile(readFileSync(file, 'utf8'), file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const state = new SandboxState(parsed.value);
    expect(state.user('dev')?.mfaSerial).toBe('arn:aws:iam::123456789012:mfa/dev-phone');
    expect(state.user('ops')?.mfaSerial).toBe('arn:aws:iam::123456789012:mfa/ops');
    expect(state.user('root')?.arn).toBe('arn:aws:iam::123456789012:root');
    expect(state.roles.get('arn:aws:iam::210987654321:role/Deploy')?.externalId).toBe(
      'deploy-pipeline',
    );
  });

  test('a minimal file is valid', () => {
    expect(problems(minimal())).toEqual([]);
  });

  test('each problem names its JSON path', () => {
    const bad = minimal() as any;
    bad.accounts[0].users[0].accessKeys[0].accessKeyId = 'AKIAshort';
    bad.accounts[0].users[0].accessKeys[0].secretAccessKey = 'short';
    bad.accounts[0].users[0].mfaDevices[0].secret = 'not base32!';
    bad.accounts[0].users[0].colour = 'blue';
    bad.accounts[0].roles = [{name: 'R', trust: ['someone'], maxSessionDuration: 60}];
    expect(problems(bad)).toEqual([
      'accounts[0].users[0]: unknown field "colour"',
      'accounts[0].users[0].accessKeys[0].accessKeyId: must be "AKIA" followed by 16 upper-case letters or digits',
      'accounts[0].users[0].accessKeys[0].secretAccessKey: must be 40 characters of A-Z, a-z, 0-9, / and +',
      'accounts[0].users[0].mfaDevices[0].secret: must be a base32 TOTP seed of at least 16 characters',
      'accounts[0].roles[0].trust[0]: must be an account (arn:aws:iam::ID:root), user, role or assumed-role ARN, or "*"',
      'accounts[0].roles[0].maxSessionDuration: must be whole seconds from 3600 to 43200',
    ]);
  });

  test('duplicates and foreign serials are refused', () => {
    const bad = minimal() as any;
    bad.accounts[0].users.push(structuredClone(bad.accounts[0].users[0]));
    bad.accounts[0].users[0].mfaDevices.push({
      serial: 'arn:aws:iam::999999999999:mfa/x',
      secret: 'JBSWY3DPEHPK3PXP',
    });
    expect(problems(bad)).toEqual([
      'accounts[0].users[0].mfaDevices[1].serial: belongs to account 999999999999, not 123456789012',
      'accounts[0].users[1].name: "dev" is taken (names are unique in the sandbox)',
      'accounts[0].users[1].accessKeys[0].accessKeyId: AKIAIOSFODNN7EXAMPLE is used twice',
      'accounts[0].users[1].mfaDevices[0].serial: arn:aws:iam::123456789012:mfa/dev is used twice',
    ]);
  });

  test('not JSON, or no accounts, is a clear error', () => {
    const notJson = parseStateFile('{accounts: []', 'state.json');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.error.message).toMatch(/^state.json is not valid JSON/);
    // JSON.parse quotes the text around its stop; the error says where, never what.
    const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';
    const unquoted = parseStateFile(`{"a": 1,\n "secretAccessKey": ${secret}}`, 'state.json');
    expect(!unquoted.ok && unquoted.error.message).toBe('state.json is not valid JSON');
    const cut = parseStateFile(`{"a": `, 'state.json');
    expect(!cut.ok && cut.error.message).toBe('state.json is not valid JSON: it ends too early');
    const at = parseStateFile(`{"secretAccessKey": "${secret}" "x"}`, 'state.json');
    expect(!at.ok && at.error.message).toMatch(
      /^state.json is not valid JSON at line 1, column \d+$/,
    );
    const empty = parseStateFile('{"accounts": []}', 'state.json');
    expect(!empty.ok && empty.error.message).toBe(
      'state.json is not valid:\n  accounts: must list at least one account',
    );
  });
});
