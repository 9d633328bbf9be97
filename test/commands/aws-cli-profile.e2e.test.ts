// With no profile given, mfa-tui acts on the profile the AWS CLI v2 selects: AWS_PROFILE, then
// AWS_DEFAULT_PROFILE, an empty value counting as set (profile ""), as `aws configure list` shows.
import {describe, expect, it} from 'vitest';
import {profilesOf} from '../../source/commands/args.js';
import {awsCliActiveProfile} from '../../source/core/active.js';
import {awsCliMissingReason, runAws} from '../helpers/aws-cli.js';
import {useTestHome} from '../helpers/env.js';
import {testContext} from '../helpers/context.js';

const h = useTestHome();

const ctxFor = (env: NodeJS.ProcessEnv) => testContext(env);

const cases: Array<[Record<string, string>, string, string]> = [
  [{AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'dev'}, '', 'AWS_PROFILE'],
  [{AWS_DEFAULT_PROFILE: 'dev'}, 'dev', 'AWS_DEFAULT_PROFILE'],
  [{AWS_PROFILE: 'p2', AWS_DEFAULT_PROFILE: 'dev'}, 'p2', 'AWS_PROFILE'],
  [{AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: ''}, 'dev', 'AWS_PROFILE'],
  [{AWS_DEFAULT_PROFILE: ''}, '', 'AWS_DEFAULT_PROFILE'],
  [{}, 'default', 'default'],
];

/** The profile `aws configure list` reports ("<not set>" is the default profile). */
async function awsProfile(env: NodeJS.ProcessEnv): Promise<string> {
  const r = await runAws(['configure', 'list'], {...env, HTTPS_PROXY: 'http://127.0.0.1:9'});
  const row = /^\s*profile\s+?(<not set>|\S*)\s+(?:env|None|manual)\b/m.exec(r.stdout);
  expect(row, r.stdout + r.stderr).not.toBeNull();
  return row![1] === '<not set>' ? 'default' : row![1]!;
}

describe('the profile a command acts on by default', () => {
  it.each(cases)('%j: %j from %s', async (vars, name, from) => {
    h.write(
      'credentials',
      '[dev]\naws_access_key_id = AKIADEVDEV0000000000\naws_secret_access_key = s\n',
    );
    const env = {...h.env, ...vars};
    expect(profilesOf(ctxFor(env), {values: {}, positionals: []})).toEqual([name]);
    expect(awsCliActiveProfile(env)).toEqual({kind: 'profile', name, from});
    if (!awsCliMissingReason()) expect(await awsProfile(env)).toBe(name);
  });
});
