// credential-process --renew: the code from --code-from or mfa_process, else a question on the
// controlling terminal that says which profile, which device and why (never stdin nor stdout),
// else --prompt CMD or a desktop dialog.
import {fail, type AppError, type Result} from '../core/errors.js';
import {deviceText} from '../core/profile-text.js';
import {lookUpProgram} from '../app/program-path.js';
import {renewOnDemand, type OnDemandCredentials, type OnDemandRequest} from '../app/on-demand.js';
import type {CodeNeed} from '../app/renew-types.js';
import {codeCommand, codeFromCommand, typedCode} from './code-input.js';
import type {CommandContext} from './context.js';

/** Codes typed on a terminal: a wrong one is asked again, this many times in all. */
const TYPED_ATTEMPTS = 3;
/** What a waiting process allows the renewing one beyond its prompt: STS, the write. */
const RENEWAL_SLACK_MS = 30_000;

type ClientRenewal = Omit<OnDemandRequest, 'code' | 'waitMs' | 'again' | 'now'> & {
  /** Why the session cannot be handed out as it is (none: it lapses within the margin). */
  why?: AppError;
  promptTimeoutMs: number;
  codeFrom?: string;
  /** The user's own prompt command (it prints the code), for when there is no terminal. */
  promptCommand?: string;
};

/** Renews PROFILE's session for a client (one renewal for every process asking at once) and hands it out. */
export async function renewForClient(
  ctx: CommandContext,
  {why, promptTimeoutMs, codeFrom, promptCommand, ...request}: ClientRenewal,
): Promise<Result<OnDemandCredentials>> {
  let terminal: Awaited<ReturnType<typeof openTerminal>>;
  let typed = false;
  const ask = async (need: CodeNeed): Promise<Result<string>> => {
    const from = codeCommand({codeFrom}, need);
    typed = from === undefined;
    if (from !== undefined) return codeFromCommand(from, ctx.env);
    const opened = terminal !== undefined;
    terminal ??= await openTerminal();
    const state = why
      ? why.message.replace(/\.$/, '')
      : `The session in ${need.target} lapses soon`;
    const question = `${state}: an AWS client needs it. Renewing [${need.target}] from [${need.source}] with MFA device ${deviceText(need.serial)}.`;
    if (terminal) {
      if (!opened) terminal.stderr.write(`mfa-tui: ${question}\n`);
      return withTimeout(typedCode(terminal, need), promptTimeoutMs, need);
    }
    const dialog = promptCommand ?? desktopPromptCommand(ctx.env);
    if (dialog) {
      // The question goes to the command in MFA_TUI_PROMPT, never through a shell's quoting.
      const env = {...ctx.env, MFA_TUI_PROMPT: `${question} MFA code:`};
      return codeFromCommand(dialog, env, promptTimeoutMs);
    }
    return fail(
      'code-missing',
      `The session in ${need.target} needs renewing, and there is no terminal nor desktop to ask for the MFA code on (nor mfa_process).`,
      `Renew it: mfa-tui renew ${need.target}`,
    );
  };
  try {
    return await renewOnDemand(ctx.env, {
      ...request,
      code: ask,
      waitMs: promptTimeoutMs * TYPED_ATTEMPTS + RENEWAL_SLACK_MS,
      again: (error, attempt) => {
        const retry = typed && error.code === 'mfa-code-invalid' && attempt < TYPED_ATTEMPTS;
        if (retry) terminal?.stderr.write(`mfa-tui: STS refused that code; try the next one.\n`);
        return retry;
      },
      now: ctx.now,
    });
  } finally {
    terminal?.close();
  }
}

/** The code, unless the user has not typed it in time: then nothing is sent nor written. */
function withTimeout(
  code: Promise<Result<string>>,
  ms: number,
  need: CodeNeed,
): Promise<Result<string>> {
  const late = fail(
    'code-timeout',
    `No MFA code was typed within ${Math.round(ms / 1000)} s: nothing was sent or written.`,
    `Run the client again, or renew it: mfa-tui renew ${need.target}`,
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Result<string>>((resolve) => (timer = setTimeout(resolve, ms, late)));
  return Promise.race([code, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The controlling terminal (/dev/tty), or undefined when the process has none: a client that runs
 * credential_process captures its stdin and stdout, so a question there would never reach the user.
 * close() gives the terminal back as it was (a timed-out question leaves it in raw mode).
 */
async function openTerminal() {
  if (process.platform === 'win32') return undefined;
  const [{openSync}, tty] = await Promise.all([import('node:fs'), import('node:tty')]);
  let fds: [number, number];
  try {
    fds = [openSync('/dev/tty', 'r'), openSync('/dev/tty', 'w')];
  } catch {
    return undefined;
  }
  const input = new tty.ReadStream(fds[0]);
  const output = new tty.WriteStream(fds[1]);
  // Killed while asking (the client gave up): the terminal is given back before the process goes.
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  const restore = () => {
    process.off('SIGTERM', onSignal).off('SIGHUP', onSignal);
    try {
      if (input.isRaw) input.setRawMode(false);
    } catch {
      // The terminal is gone already: nothing to give back.
    }
  };
  process.once('SIGTERM', onSignal).once('SIGHUP', onSignal);
  return {
    stdin: input,
    stderr: output,
    close() {
      restore();
      input.destroy();
      output.destroy();
    },
  };
}

/** The shell command that shows a dialog for the code on this desktop, if any. */
function desktopPromptCommand(env: NodeJS.ProcessEnv): string | undefined {
  const onPath = (name: string) => lookUpProgram(name, env, process.cwd()) === 'found';
  if (process.platform === 'darwin' && onPath('osascript')) {
    return `osascript -e 'display dialog (system attribute "MFA_TUI_PROMPT") default answer "" with title "mfa-tui" with hidden answer' -e 'text returned of result'`;
  }
  if (process.platform !== 'linux' || !(env.DISPLAY || env.WAYLAND_DISPLAY)) return undefined;
  if (onPath('zenity'))
    return 'zenity --entry --hide-text --title mfa-tui --text "$MFA_TUI_PROMPT"';
  if (onPath('kdialog')) return 'kdialog --title mfa-tui --password "$MFA_TUI_PROMPT"';
  return undefined;
}
