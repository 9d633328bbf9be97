// `mfa-tui demo` in a real terminal: the sandbox, its sample profiles and the TUI with the code on screen.
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {useTestHome} from '../helpers/env.js';
import {keys, spawnTerm, type Term} from '../helpers/term.js';

const home = useTestHome();
let term: Term | undefined;
afterEach(() => {
  term?.kill();
});

const bannerCode = /MFA code for alice \(profile default\): (\d{3}) (\d{3})/;

/** Every file and folder under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'}).sort();
}

/** Opens the renew panel of `profile` (the sample list's order), enters the banner's code. */
async function renewWithBanner(
  t: Term,
  profile: string,
  downs: number,
  between = '',
): Promise<void> {
  for (let i = 0; i < downs; i++) t.write(keys.down);
  await t.waitFor(new RegExp(`›.?${profile}\\s`));
  t.write(keys.enter);
  await t.waitFor(`Renew ${profile}`);
  // Read the code at the last moment; if its step ends meanwhile, the next one is shown and accepted too.
  const code = bannerCode.exec(t.screen())!;
  t.write(`${code[1]}${between}${code[2]}`);
}

it('renews the sample default profile with the code the banner shows, then quits with 0', async () => {
  // The user's own variables must not leak into the demo's world.
  term = spawnTerm(['demo'], {env: {...home.env, AWS_PROFILE: 'elsewhere'}, cols: 100, rows: 30});
  const first = await term.waitFor((s) => bannerCode.test(s) && s.includes('work-long-term'));
  expect(first).toMatch(/mfa\s+MFA session.*expired/);
  await renewWithBanner(term, 'mfa', 1);
  const done = await term.waitFor(/Renewed mfa from default|refused/);
  expect(done).toContain('Renewed mfa from default');
  // The row follows once the file is re-read.
  await term.waitFor(/mfa\s+MFA session.*valid 1[12]h/);
  term.write('q');
  expect(await term.exit()).toBe(0);
  expect(tree(home.awsDir)).toEqual([]);
});

it('caches a renewed role in its own folder: nothing appears under the user’s ~/.aws', async () => {
  // Not even the AWS files the variables would point to: the demo brings its own.
  const {AWS_SHARED_CREDENTIALS_FILE: _c, AWS_CONFIG_FILE: _f, ...env} = home.env;
  term = spawnTerm(['demo'], {env, cols: 100, rows: 30});
  await term.waitFor((s) => bannerCode.test(s) && /admin\s+role/.test(s));
  // admin: a role on alice's device, from default; its session goes to the AWS CLI's role cache.
  // The code pasted as the banner shows it, with its space.
  await renewWithBanner(term, 'admin', 7, ' ');
  const done = await term.waitFor(/Renewed admin|refused|Cannot/);
  expect(done).toContain('Renewed admin');
  // Read back from the demo's cache, the row shows the role session.
  await term.waitFor(/admin\s+role.*valid/);
  term.write('q');
  expect(await term.exit()).toBe(0);
  expect(tree(home.awsDir)).toEqual([]);
  expect(tree(home.home).filter((p) => p.split(path.sep).includes('cli'))).toEqual([]);
});
