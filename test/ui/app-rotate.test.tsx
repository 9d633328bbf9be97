// The rotate key in the mounted app: the question, the call through the port, the outcome.
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, it} from 'vitest';
import {frameWhere, frameWith, mount, typeKeys} from './ink-helpers.js';
import {fakePorts} from './fixtures.js';

afterEach(() => cleanup());

const statusOf = (frame: string) => frame.split('\n').at(-2) ?? '';

it('K on a long-term row asks y/N, y rotates through the port, and the outcome names both keys', async () => {
  const ports = fakePorts();
  const r = mount(ports);
  await frameWith(r, 'ops-long-term');
  // The rows are admin, default, …: the second is the long-term `default`.
  await typeKeys(r, 'j', 'K');
  expect(statusOf(await frameWith(r, 'y/N'))).toMatch(/Rotate default's key …LT01\?/);
  await typeKeys(r, 'n');
  await frameWhere(r, (f) => !f.includes('y/N'));
  expect(ports.rotateCalls).toEqual([]);

  await typeKeys(r, 'K', 'y');
  await frameWith(r, 'Rotating default');
  expect(ports.rotateCalls).toEqual(['default']);
  const loadsBefore = ports.loads;
  ports.answerRotate({
    ok: true,
    value: {
      profile: 'default',
      old: {accessKeyId: 'AKIAEXAMPLEDEFAULT01', status: 'deleted'},
      new: {accessKeyId: 'AKIAEXAMPLENEWKEY099', status: 'Active'},
      inFile: 'new',
    },
  });
  const frame = await frameWith(r, 'Rotated:');
  expect(statusOf(frame)).toContain('new key …Y099 Active; old key …LT01 deleted');
  await frameWhere(r, () => ports.loads > loadsBefore);
});
