import {describe, expect, it} from 'vitest';
import {mfaPolicy, type Policy} from '../../source/core/policy.js';
import {runCli} from '../helpers/cli.js';
import {makeTestHome} from '../helpers/env.js';

type Request = {action: string; context: Record<string, string | undefined>};

const matches = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(
    action,
  );

/** A small IAM evaluator for the operators this policy uses: explicit deny wins, then any allow. */
function evaluate(policy: Policy, req: Request, otherAllows = true): 'allow' | 'deny' {
  let allowed = otherAllows;
  for (const s of policy.Statement) {
    const inAction = s.Action
      ? s.Action.some((a) => matches(a, req.action))
      : !s.NotAction!.some((a) => matches(a, req.action));
    if (!inAction) continue;
    const conditionsHold = Object.entries(s.Condition ?? {}).every(([op, kv]) =>
      Object.entries(kv).every(([key, want]) => {
        const have = req.context[key];
        if (op.endsWith('IfExists') && have === undefined) return true;
        if (have === undefined) return false;
        if (op.startsWith('Bool')) return have === want;
        if (op.startsWith('NumericGreaterThan')) return Number(have) > Number(want);
        throw new Error(`operator ${op} not modelled`);
      }),
    );
    if (!conditionsHold) continue;
    if (s.Effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'deny';
}

const longTermKeys = {};
const mfaSession = (age: number) => ({
  'aws:MultiFactorAuthPresent': 'true',
  'aws:MultiFactorAuthAge': String(age),
});
const plainSession = {'aws:MultiFactorAuthPresent': 'false'};

describe('mfaPolicy', () => {
  const policy = mfaPolicy();
  it('is an IAM policy document with unique alphanumeric Sids', () => {
    expect(policy.Version).toBe('2012-10-17');
    const sids = policy.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(JSON.stringify(policy).length).toBeLessThan(6144); // the managed-policy size limit
  });
  it('lets long-term keys do nothing but ask for a session and manage their own MFA', () => {
    expect(evaluate(policy, {action: 'sts:GetSessionToken', context: longTermKeys})).toBe('allow');
    expect(evaluate(policy, {action: 'iam:EnableMFADevice', context: longTermKeys})).toBe('allow');
    expect(evaluate(policy, {action: 's3:GetObject', context: longTermKeys})).toBe('deny');
    expect(evaluate(policy, {action: 'iam:CreateAccessKey', context: longTermKeys})).toBe('deny');
    expect(evaluate(policy, {action: 'ec2:RunInstances', context: plainSession})).toBe('deny');
  });
  it('lets an MFA session through', () => {
    expect(evaluate(policy, {action: 's3:GetObject', context: mfaSession(60)})).toBe('allow');
  });
  it('with a max age, denies MFA sessions that are too old', () => {
    const aged = mfaPolicy(3600);
    expect(evaluate(aged, {action: 's3:GetObject', context: mfaSession(600)})).toBe('allow');
    expect(evaluate(aged, {action: 's3:GetObject', context: mfaSession(7200)})).toBe('deny');
    expect(evaluate(aged, {action: 'sts:GetSessionToken', context: mfaSession(7200)})).toBe(
      'allow',
    );
  });
});

describe('mfa-tui policy', () => {
  it('prints valid JSON, takes --max-age in 1h form, refuses a bad one', async () => {
    const h = makeTestHome();
    try {
      const r = await runCli(['policy', '--max-age', '1h'], {env: h.env});
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as Policy;
      const age = doc.Statement.find((s) => s.Condition?.NumericGreaterThanIfExists);
      expect(age?.Condition?.NumericGreaterThanIfExists?.['aws:MultiFactorAuthAge']).toBe('3600');
      const bad = await runCli(['policy', '--max-age', 'soon'], {env: h.env});
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('not a duration');
    } finally {
      h.cleanup();
    }
  });
});
