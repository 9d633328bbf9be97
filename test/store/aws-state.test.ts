// Both files read into the model; with a pause, the reads let the event loop turn in between
// (the TUI's reads after its first frame, so a key waits for one file, not both and the model).
import {beforeEach, describe, expect, it} from 'vitest';
import {loadProfiles} from '../../source/app/load.js';
import type {CommandContext} from '../../source/commands/context.js';

const loadProfilesWith = (c: CommandContext, pause?: () => Promise<void>) =>
  loadProfiles(c.env, c.now(), {pause});
import {loadAwsState} from '../../source/store/aws-state.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();
beforeEach(() => {
  h.write(
    'credentials',
    '[default]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = s\n',
  );
  h.write(
    'config',
    '[profile role]\nrole_arn = arn:aws:iam::111122223333:role/r\nsource_profile = default\n',
  );
});

const ctx = () => ({
  argv: [],
  env: h.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  now: () => new Date('2026-11-28T12:00:00Z'),
});

describe('reading with a pause between the steps', () => {
  it('gives the same state and model, with a turn of the event loop after each file', async () => {
    const events: string[] = [];
    const pause = () =>
      new Promise<void>((resolve) => {
        events.push('pause');
        setImmediate(() => {
          events.push('turn');
          resolve();
        });
      });
    const plain = await loadAwsState(h.env);
    const paused = await loadAwsState(h.env, pause);
    expect(events).toEqual(['pause', 'turn']);
    expect(paused.ok && paused.value.config.sections).toEqual(
      plain.ok && plain.value.config.sections,
    );
    expect(paused.ok && paused.value.credentials.sections).toEqual(
      plain.ok && plain.value.credentials.sections,
    );

    events.length = 0;
    const model = await loadProfilesWith(ctx(), pause);
    expect(events).toEqual(['pause', 'turn', 'pause', 'turn']);
    const unpaused = await loadProfilesWith(ctx());
    expect(model.ok && model.value.profiles).toEqual(unpaused.ok && unpaused.value.profiles);
    expect(model.ok && model.value.profiles.map((p) => p.name)).toEqual(['role', 'default']);
  });
});

describe('[DEFAULT], which botocore copies into every section of its file', () => {
  it('fills in the keys a profile does not set, and says which came from [DEFAULT]', async () => {
    h.write(
      'credentials',
      '[DEFAULT]\naws_access_key_id = AKIADEFAULTSECTION01\nregion = eu-west-1\n[a]\nregion = us-east-1\n',
    );
    const state = await loadAwsState(h.env);
    expect(state.ok && state.value.credentials.sections).toEqual([
      {
        profile: 'a',
        line: 4,
        keys: {region: 'us-east-1', aws_access_key_id: 'AKIADEFAULTSECTION01'},
        inherited: ['aws_access_key_id'],
      },
    ]);
  });
});
