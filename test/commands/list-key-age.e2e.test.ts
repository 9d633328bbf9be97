// `list` shows a long-term key's age from the settings only (what renew or rotate learnt from IAM).
import {writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();

const day = 24 * 60 * 60 * 1000;
const OLD = 'AKIAEXAMPLEOLD000001';
const NEW = 'AKIAEXAMPLENEW000002';
const UNKNOWN = 'AKIAEXAMPLEUNK000003';

function arrange(): {oldAt: string; newAt: string} {
  const keys = (id: string) => `aws_access_key_id = ${id}\naws_secret_access_key = secret\n`;
  h.write('credentials', `[old]\n${keys(OLD)}\n[new]\n${keys(NEW)}\n[unknown]\n${keys(UNKNOWN)}`);
  const oldAt = new Date(Date.now() - 120 * day - 60_000).toISOString();
  const newAt = new Date(Date.now() - 3 * day - 60_000).toISOString();
  mkdirSync(h.configDir, {recursive: true});
  writeFileSync(
    path.join(h.configDir, 'config.json'),
    JSON.stringify({keyCreatedAt: {[OLD]: oldAt, [NEW]: newAt}}),
  );
  return {oldAt, newAt};
}

it('prints the age next to the key, "old" past the threshold, nothing when unknown', async () => {
  arrange();
  const r = await runCli(['list'], {env: h.env});
  expect(r.code).toBe(0);
  const row = (name: string) => r.stdout.split('\n').find((l) => l.trim().startsWith(name)) ?? '';
  expect(row('old')).toMatch(/\b0001 120d old\b/);
  expect(row('new')).toMatch(/\b0002 3d\b/);
  expect(row('new')).not.toMatch(/\bold\b.*\bold\b/);
  expect(row('unknown')).toMatch(/\b0003\s{2,}/);
});

it('gives keyCreatedAt, keyAgeDays and keyOld in --json, null when unknown', async () => {
  const {oldAt} = arrange();
  const r = await runCli(['list', '--json'], {env: h.env});
  expect(r.code).toBe(0);
  const byName = Object.fromEntries(
    JSON.parse(r.stdout).profiles.map((p: {name: string}) => [p.name, p]),
  );
  expect(byName.old).toMatchObject({keyCreatedAt: oldAt, keyAgeDays: 120, keyOld: true});
  expect(byName.new).toMatchObject({keyAgeDays: 3, keyOld: false});
  expect(byName.unknown).toMatchObject({keyCreatedAt: null, keyAgeDays: null, keyOld: null});
});
