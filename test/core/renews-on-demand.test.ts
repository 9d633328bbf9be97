import {describe, expect, it} from 'vitest';
import {buildProfiles, renewsOnDemand, type FileSection} from '../../source/core/profiles.js';

const ctx = {now: new Date('2026-11-28T12:00:00Z'), warnSeconds: 900, mappings: {}};
const process = (profile: string, command: string): FileSection => ({
  profile,
  keys: {credential_process: command},
  line: 1,
});

describe('renewsOnDemand', () => {
  it('is mfa-tui credential-process with --renew, however mfa-tui is reached', () => {
    expect(renewsOnDemand('mfa-tui credential-process mfa --renew')).toBe(true);
    expect(renewsOnDemand('/usr/local/bin/mfa-tui credential-process --profile mfa --renew')).toBe(
      true,
    );
    expect(renewsOnDemand('npx mfa-tui credential-process mfa --renew --margin 10m')).toBe(true);
    expect(renewsOnDemand('"C:\\tools\\mfa-tui.cmd" credential-process mfa --renew')).toBe(true);
  });

  it('is not a plain credential-process, nor another tool', () => {
    expect(renewsOnDemand('mfa-tui credential-process mfa')).toBe(false);
    expect(renewsOnDemand('aws-vault export --format=json work --renew')).toBe(false);
    expect(renewsOnDemand('my-mfa-tui-wrapper credential-process mfa --renew')).toBe(false);
    expect(renewsOnDemand(undefined)).toBe(false);
  });

  it('marks credential_process profiles, and only them', () => {
    const profiles = buildProfiles(
      {
        credentials: [],
        config: [
          process('work', 'mfa-tui credential-process mfa --renew'),
          process('plain', 'mfa-tui credential-process mfa'),
          {profile: 'dev', keys: {region: 'eu-west-1'}, line: 5},
        ],
      },
      ctx,
    );
    const by = (n: string) => profiles.find((p) => p.name === n)!;
    expect(by('work')).toMatchObject({kind: 'process', renewsOnDemand: true});
    expect(by('plain')).toMatchObject({kind: 'process', renewsOnDemand: false});
    expect(by('dev').renewsOnDemand).toBeUndefined();
  });
});
