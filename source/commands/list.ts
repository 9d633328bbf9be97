import {kindLabels, type Profile} from '../core/profiles.js';
import {deviceText, expiryText, linkText, markedKind} from '../core/profile-text.js';
import {keyAge, keyAgeText, type KeyAge} from '../core/key-age.js';
import {formatTable} from '../core/table.js';
import {command} from './args.js';
import {exit, printError, warn} from './context.js';
import {fileWarnings, loadProfiles} from '../app/load.js';
import {awsCliChoice} from '../app/precedence.js';
import {awsCliActive} from '../core/precedence/input.js';

const usage = `Usage: mfa-tui list [--json]

Every profile of the credentials and config files: kind, key (last 4, and its age when a
renew or rotate has learnt it from IAM: "old" past keyAgeDays), MFA device, linked
source or target, and expiry. * marks the profile the AWS CLI would use now; ↻ after a kind, a
credential_process profile that renews its MFA session on demand.`;

function profileJson(p: Profile, active: boolean, age: KeyAge | undefined) {
  return {
    name: p.name,
    kind: p.kind,
    accessKeyIdLast4: p.accessKeyIdLast4 ?? null,
    mfaSerial: p.mfaSerial ?? null,
    source: p.source ?? null,
    target: p.target ?? null,
    expiresAt: p.expiresAt?.toISOString() ?? null,
    state: p.state,
    active,
    // Said only of credential_process profiles: whether theirs is mfa-tui's renewal on demand.
    ...(p.kind === 'process' ? {renewsOnDemand: p.renewsOnDemand === true} : {}),
    // Said only of long-term keys: known once a renew or rotate has asked IAM, else null.
    ...(p.kind === 'long-term'
      ? {
          keyCreatedAt: age?.createdAt.toISOString() ?? null,
          keyAgeDays: age?.days ?? null,
          keyOld: age?.old ?? null,
        }
      : {}),
  };
}

export const run = command('list', usage, {max: 0}, async (ctx, args) => {
  const loaded = await loadProfiles(ctx.env, ctx.now());
  if (!loaded.ok) return printError(ctx, loaded.error);
  const {profiles, state, settings} = loaded.value;
  for (const w of fileWarnings(state)) warn(ctx, w);
  // The marker goes where the AWS CLI would really get credentials: not on a profile it cannot load.
  const cli = awsCliChoice(ctx.env, loaded.value, ctx.now());
  const active = cli && awsCliActive(cli);
  const isActive = (p: Profile) => active?.kind === 'profile' && p.name === active.name;
  const now = ctx.now();
  const ageOf = (p: Profile) =>
    p.keyCreatedAt ? keyAge(p.keyCreatedAt, now, settings.keyAgeDays) : undefined;
  if (args.values.json) {
    const json = profiles.map((p) => profileJson(p, isActive(p), ageOf(p)));
    ctx.stdout.write(`${JSON.stringify({profiles: json}, null, 2)}\n`);
    return exit.ok;
  }
  if (profiles.length === 0) {
    ctx.stderr.write(`mfa-tui: no profiles in ${state.credentials.path} or ${state.config.path}\n`);
    return exit.ok;
  }
  const rows = profiles.map((p) => [
    isActive(p) ? '*' : ' ',
    p.name,
    markedKind(kindLabels[p.kind], p),
    [p.accessKeyIdLast4 ?? '', keyAgeText(ageOf(p))].filter(Boolean).join(' '),
    deviceText(p.mfaSerial),
    linkText(p),
    expiryText(p, now, settings.warnSeconds),
  ]);
  ctx.stdout.write(
    `${await formatTable(['', 'PROFILE', 'KIND', 'KEY', 'MFA DEVICE', 'LINK', 'EXPIRY'], rows)}\n`,
  );
  if (active?.kind === 'env') {
    ctx.stderr.write(
      'mfa-tui: note: AWS_ACCESS_KEY_ID is set, so the AWS CLI uses the environment, not a profile\n',
    );
  } else if (active?.kind === 'none' && active.code !== 'no-credentials') {
    // No credentials anywhere is a state, not an error: `list` says nothing of it.
    ctx.stderr.write(`mfa-tui: note: the AWS CLI would fail: ${active.reason}\n`);
  }
  return exit.ok;
});
