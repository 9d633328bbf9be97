// `mfa-tui` with no command: the full-screen UI on a terminal, the `list` output otherwise. The UI
// and its edge (tui-app.ts) load only now, as one script under V8's code cache.
import {fileURLToPath} from 'node:url';
import {cacheDir, loadCachedScript} from '../store/code-cache.js';
import {parseCommandArgs} from './args.js';
import {exit, type CommandContext, type ExitCode} from './context.js';
import type {TuiOptions} from './tui-app.js';

const usage = `Usage: mfa-tui [--endpoint-url URL] [--region R] [--no-color]

Opens the full-screen UI: every profile with its expiry, renewal with an MFA code (Enter or r),
which identity each AWS client would use (p), all keys (?). When stdout is not a terminal, prints
the \`list\` output instead.`;

/** Set by the build: the TUI as a script for the code cache, relative to this file. */
declare const MFA_TUI_UI_SCRIPT: string | undefined;

type TuiApp = typeof import('./tui-app.js');

/**
 * Loads the TUI: tui-app.ts with Ink, React and yoga-layout. yoga-layout fetch()es its WebAssembly
 * from a data: URL whenever `fetch` exists, and Node's fetch costs ~30 ms to load (undici) before
 * the first frame; without it yoga decodes the very same bytes itself. So `fetch` is hidden, without
 * touching Node's lazy getter, while the module initialises, and put back straight after.
 */
async function loadApp(): Promise<{app: TuiApp; saveCache?: () => void}> {
  // Ink draws nothing until exit when it believes it runs in CI (is-in-ci reads the environment
  // as it loads); we only get here on a real terminal, so a stray CI variable must not blank it.
  const env = process.env;
  if (
    env.CI !== undefined ||
    env.CONTINUOUS_INTEGRATION !== undefined ||
    Object.keys(env).some((k) => k.startsWith('CI_'))
  ) {
    env.CI = 'false';
  }
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const hide = fetchProperty?.configurable === true;
  if (hide) {
    Object.defineProperty(globalThis, 'fetch', {
      value: undefined,
      configurable: true,
      writable: true,
    });
  }
  try {
    if (typeof MFA_TUI_UI_SCRIPT !== 'string') return {app: await import('./tui-app.js')};
    const file = fileURLToPath(new URL(MFA_TUI_UI_SCRIPT, import.meta.url));
    const dir = env.MFA_TUI_CODE_CACHE === '0' ? undefined : cacheDir(env);
    const loaded = await loadCachedScript<TuiApp>(file, dir);
    return {app: loaded.exports, saveCache: loaded.saveCache};
  } finally {
    if (hide) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}

/** Opens the TUI on the context's terminal; `mfa-tui demo` passes its banner here. */
export async function openTui(ctx: CommandContext, options: TuiOptions = {}): Promise<ExitCode> {
  // The event loop must never run dry while the TUI is up: it does whenever Ink lets go of stdin
  // (between input hooks, on quitting) or an await has no I/O behind it (yoga's WebAssembly), and
  // Node 20 then waits for V8's background jobs with the main thread unable to collect garbage;
  // a background compile that needs a collection then hangs the process for good (seen under
  // load: the main thread in NodePlatform::DrainTasks, a TurboFan job in
  // CollectionBarrier::AwaitCollectionBackground). The command ends with process.exit(), so this
  // timer never keeps the process alive.
  setInterval(() => {}, 2 ** 30);
  const {app, saveCache} = await loadApp();
  return app.openTui(ctx, options, saveCache);
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const interactive =
    (ctx.stdout as NodeJS.WriteStream).isTTY === true &&
    (ctx.stdin as NodeJS.ReadStream).isTTY === true;
  if (!interactive) {
    const list = await import('./list.js');
    return list.run(ctx);
  }
  const args = parseCommandArgs(ctx, {}, usage, {min: 0, max: 0});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  return openTui(ctx, {endpointUrl: args.values['endpoint-url'], region: args.values.region});
}
