// `mfa-tui demo` in a real terminal: the sandbox, its sample profiles and the TUI with the code on screen.
import {afterEach, expect, it} from 'vitest';
import {makeTestHome, type TestHome} from '../helpers/env.js';
import {keys, spawnTerm, type Term} from '../helpers/term.js';

let home: TestHome | undefined;
let term: Term | undefined;
afterEach(() => {
  term?.kill();
  home?.cleanup();
});

it('renews the sample default profile with the code the banner shows, then quits with 0', async () => {
  home = makeTestHome();
  // The user's own variables must not leak into the demo's world.
  term = spawnTerm(['demo'], {env: {...home.env, AWS_PROFILE: 'elsewhere'}, cols: 100, rows: 30});
  const first = await term.waitFor(
    (s) =>
      /MFA code for alice \(profile default\): \d{3} \d{3}/.test(s) && s.includes('work-long-term'),
  );
  expect(first).toMatch(/mfa\s+MFA session.*expired/);
  term.write(keys.enter);
  await term.waitFor('Renew mfa');
  // Read the code at the last moment; if its step ends meanwhile, the next one is shown and accepted too.
  const code = /MFA code for alice \(profile default\): (\d{3}) (\d{3})/.exec(term.screen())!;
  term.write(`${code[1]}${code[2]}`);
  const done = await term.waitFor(/Renewed mfa from default|refused/);
  expect(done).toContain('Renewed mfa from default');
  // The row follows once the file is re-read.
  await term.waitFor(/mfa\s+MFA session.*valid 1[12]h/);
  term.write('q');
  expect(await term.exit()).toBe(0);
});
