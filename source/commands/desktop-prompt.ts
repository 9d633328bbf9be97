// A code asked for outside a terminal: the user's own `--prompt CMD`, else a desktop dialog where
// one exists (zenity or kdialog on a Linux desktop, osascript on macOS). The question goes to the
// command in MFA_TUI_PROMPT, never through a shell's quoting.
import {existsSync} from 'node:fs';
import path from 'node:path';
import type {Result} from '../core/errors.js';
import {codeFromCommand} from './code-input.js';

/** The shell command that shows a dialog for the code on this desktop, if any. */
export function desktopPromptCommand(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'darwin' && onPath(env, 'osascript')) {
    return `osascript -e 'display dialog (system attribute "MFA_TUI_PROMPT") default answer "" with title "mfa-tui" with hidden answer' -e 'text returned of result'`;
  }
  if (process.platform !== 'linux' || !(env.DISPLAY || env.WAYLAND_DISPLAY)) return undefined;
  if (onPath(env, 'zenity')) {
    return 'zenity --entry --hide-text --title mfa-tui --text "$MFA_TUI_PROMPT"';
  }
  if (onPath(env, 'kdialog')) return 'kdialog --title mfa-tui --password "$MFA_TUI_PROMPT"';
  return undefined;
}

/** Runs a prompt command (the user's or a dialog) with the question, for at most `timeoutMs`. */
export function codeFromPrompt(
  command: string,
  question: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<Result<string>> {
  return codeFromCommand(command, {...env, MFA_TUI_PROMPT: question}, timeoutMs);
}

function onPath(env: NodeJS.ProcessEnv, name: string): boolean {
  return (env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && existsSync(path.join(dir, name)));
}
