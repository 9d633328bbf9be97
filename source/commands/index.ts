// The command table: name, one-line summary, and a lazy loader, so a command loads only what it needs.
import type {CommandContext, ExitCode} from './context.js';

export type CommandModule = {run(ctx: CommandContext): Promise<ExitCode>};
export type CommandEntry = {summary: string; load: () => Promise<CommandModule>};

export const commands: Record<string, CommandEntry> = {
  list: {
    summary: 'every profile with kind, masked key, MFA device, link and expiry',
    load: () => import('./list.js'),
  },
};
