import {describeExpiry, expiryState, type ExpiryState} from '../core/expiry.js';
import type {Profile} from '../core/profiles.js';
import {formatTable} from '../core/table.js';
import {command, durationFlag, profilesOf} from './args.js';
import {exit, printError} from './context.js';
import {loadProfiles} from '../app/load.js';

const usage = `Usage: mfa-tui check [PROFILE… | --profile P] [--within D] [--json]

For cron jobs and prompts: are the sessions valid beyond D (seconds or 1h30m; default: the
warning threshold from settings)? Without PROFILE, checks every session profile. A long-term
profile stands for the session it renews into.

Exit status: 0 all valid · 3 some expire within D · 4 some expired or without expiry, or no
session profile at all.`;

const checkExit = {ok: 0, expiring: 3, expired: 4} as const;

type Checked = {name: string; state: ExpiryState; expiresAt?: Date};

/** The session profiles a check covers: the named ones (long-term resolved to its target) or every session. */
function selectProfiles(profiles: Profile[], names: string[]): {ok: Profile[]; missing: string[]} {
  const isSession = (p: Profile) => p.keyClass === 'session';
  if (names.length === 0) return {ok: profiles.filter(isSession), missing: []};
  const found = names.map((name) => {
    const p = profiles.find((x) => x.name === name);
    return p && !isSession(p) && p.target ? (profiles.find((x) => x.name === p.target) ?? p) : p;
  });
  return {ok: found.filter((p) => p !== undefined), missing: names.filter((_, i) => !found[i])};
}

export const run = command('check', usage, {max: Infinity}, async (ctx, args) => {
  const loaded = await loadProfiles(ctx.env, ctx.now());
  if (!loaded.ok) return printError(ctx, loaded.error);
  const {settings, profiles} = loaded.value;
  const v = args.values;
  const within = v.within === undefined ? settings.warnSeconds : durationFlag(ctx, v.within);
  if (within === undefined) return exit.usage;
  // Without a profile, check covers every session: a cron job watches them all.
  const {ok: selected, missing} = selectProfiles(profiles, profilesOf(ctx, args, false));
  if (missing.length) {
    ctx.stderr.write(
      `mfa-tui: no such profile: ${missing.join(', ')}\nRun \`mfa-tui list\` to see the profiles.\n`,
    );
    return exit.failure;
  }
  const now = ctx.now();
  const checked: Checked[] = selected.map((p) => {
    if (p.kind !== 'session' && p.kind !== 'config-keys') return {name: p.name, state: 'unknown'};
    return {name: p.name, state: expiryState(p.expiresAt, now, within), expiresAt: p.expiresAt};
  });
  // No session at all is no valid session: a prompt or a cron job must hear it (4, not 0).
  const code =
    checked.length === 0 || checked.some((c) => c.state === 'expired' || c.state === 'unknown')
      ? checkExit.expired
      : checked.some((c) => c.state === 'expiring')
        ? checkExit.expiring
        : checkExit.ok;
  if (v.json) {
    const profiles = checked.map((c) => ({
      name: c.name,
      state: c.state,
      expiresAt: c.expiresAt?.toISOString() ?? null,
      secondsLeft: c.expiresAt ? Math.round((c.expiresAt.getTime() - now.getTime()) / 1000) : null,
    }));
    ctx.stdout.write(`${JSON.stringify({within, profiles, exitCode: code})}\n`);
  } else if (checked.length === 0) {
    ctx.stderr.write(
      'mfa-tui: no session profiles to check: there is no valid session\nRenew one with `mfa-tui renew PROFILE`.\n',
    );
  } else {
    ctx.stdout.write(
      `${await formatTable(
        ['PROFILE', 'STATE', 'EXPIRY'],
        checked.map((c) => [c.name, c.state, describeExpiry(c.expiresAt, now, within)]),
      )}\n`,
    );
  }
  return code;
});
