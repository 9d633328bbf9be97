// credential-process --renew: the code from --code-from or mfa_process, else a question on the
// controlling terminal that says which profile, which device and why (never stdin nor stdout),
// else --prompt CMD or a desktop dialog.
import {fail, type AppError, type Result} from '../core/errors.js';
import {deviceText} from '../core/profile-text.js';
import {checkCode} from '../core/mfa.js';
import {renewOnDemand, type OnDemandCredentials, type OnDemandRequest} from '../app/on-demand.js';
import type {CodeNeed} from '../app/renew-types.js';
import {commandCodes} from './code-input.js';
import type {CommandContext} from './context.js';
import {codeFromPrompt, desktopPromptCommand} from './desktop-prompt.js';
import {openTerminal, type Terminal} from './tty-prompt.js';

/** Codes typed on a terminal: a wrong one is asked again, this many times in all. */
const TYPED_ATTEMPTS = 3;
/** What a waiting process allows the renewing one beyond its prompt: STS, the write. */
const RENEWAL_SLACK_MS = 30_000;

export type ClientRenewal = {
  profile: string;
  /** Why the session cannot be handed out as it is (none: it lapses within the margin). */
  why?: AppError;
  marginSeconds: number;
  promptTimeoutMs: number;
  codeFrom?: string;
  /** The user's own prompt command (it prints the code), for when there is no terminal. */
  promptCommand?: string;
} & Pick<OnDemandRequest, 'endpointUrl' | 'region' | 'debug'>;

/** Renews PROFILE's session for a client (one renewal for every process asking at once) and hands it out. */
export async function renewForClient(
  ctx: CommandContext,
  options: ClientRenewal,
): Promise<Result<OnDemandCredentials>> {
  let terminal: Terminal | undefined;
  let typed = false;
  const ask = async (need: CodeNeed): Promise<Result<string>> => {
    const from = options.codeFrom ?? need.mfaProcess;
    typed = from === undefined;
    if (!typed) return commandCodes(ctx, {codeFrom: from})(need);
    const opened = terminal !== undefined;
    terminal ??= await openTerminal(ctx);
    const question = reason(need, options.why);
    if (terminal) {
      if (!opened) terminal.write(`mfa-tui: ${question}\n`);
      return withTimeout(commandCodes(terminal.ctx, {})(need), options.promptTimeoutMs, need);
    }
    const dialog = options.promptCommand ?? desktopPromptCommand(ctx.env);
    if (dialog) {
      const got = await codeFromPrompt(
        dialog,
        `${question} MFA code:`,
        ctx.env,
        options.promptTimeoutMs,
      );
      return got.ok ? checkCode(got.value) : got;
    }
    return fail(
      'code-missing',
      `The session in ${need.target} needs renewing, and there is no terminal nor desktop to ask for the MFA code on (nor mfa_process).`,
      `Renew it: mfa-tui renew ${need.target}`,
    );
  };
  try {
    return await renewOnDemand(ctx.env, {
      profile: options.profile,
      marginSeconds: options.marginSeconds,
      code: ask,
      waitMs: options.promptTimeoutMs * TYPED_ATTEMPTS + RENEWAL_SLACK_MS,
      again: (error, attempt) => {
        const retry = typed && error.code === 'mfa-code-invalid' && attempt < TYPED_ATTEMPTS;
        if (retry) terminal?.write(`mfa-tui: STS refused that code; try the next one.\n`);
        return retry;
      },
      now: ctx.now,
      endpointUrl: options.endpointUrl,
      region: options.region,
      debug: options.debug,
    });
  } finally {
    terminal?.close();
  }
}

/** Which profile, which device, and why a code is asked for. */
function reason(need: CodeNeed, why: AppError | undefined): string {
  const state = why ? why.message.replace(/\.$/, '') : `The session in ${need.target} lapses soon`;
  return `${state}: an AWS client needs it. Renewing [${need.target}] from [${need.source}] with MFA device ${deviceText(need.serial)}.`;
}

/** The code, unless the user has not typed it in time: then nothing is sent nor written. */
function withTimeout(
  code: Promise<Result<string>>,
  ms: number,
  need: CodeNeed,
): Promise<Result<string>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Result<string>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          fail(
            'code-timeout',
            `No MFA code was typed within ${Math.round(ms / 1000)} s: nothing was sent or written.`,
            `Run the client again, or renew it: mfa-tui renew ${need.target}`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([code, late]).finally(() => clearTimeout(timer));
}
