import {awsCliActiveProfile} from '../core/active.js';
import {kindLabels, type Profile} from '../core/profiles.js';
import {deviceText, expiryText, linkText} from '../core/profile-text.js';
import {formatTable} from '../core/table.js';
import {parseCommandArgs} from './args.js';
import {awsPaths} from '../store/paths.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';
import {fileWarnings, loadProfiles} from './load-profiles.js';

const usage = `Usage: mfa-tui list [--json]

Every profile of the credentials and config files: kind, key (last 4), MFA device, linked
source or target, and expiry. * marks the profile the AWS CLI would use now.`;

/** The JSON shape of SPEC's `list --json`. */
export function profileJson(p: Profile, active: boolean) {
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
  };
}

const jsonHead = '{\n  "profiles": [\n';
const jsonTail = '\n  ]\n}';
const jsonHeadAndZero = `${jsonHead}    0`;

/**
 * `${JSON.stringify({profiles: profiles.map(profileJson)}, null, 2)}\n`, byte for byte, handed to
 * `write` in pieces of `chunk` profiles. Indentation depends only on depth, so each piece is cut
 * out of the same JSON.stringify over a slice of the list; from the second piece on, a leading
 * `0` element makes JSON.stringify write the `,\n` that joins it to the piece before. On thousands
 * of profiles this avoids a string and a buffer the size of the whole output (fresh memory costs
 * more than the text itself in a cold process) and all the per-profile objects at once.
 */
export function writeProfilesJson(
  profiles: readonly Profile[],
  isActive: (p: Profile) => boolean,
  write: (text: string) => void,
  chunk = 250,
): void {
  if (profiles.length === 0) {
    write(`${JSON.stringify({profiles: []}, null, 2)}\n`);
    return;
  }
  const per = Math.max(1, chunk);
  for (let i = 0; i < profiles.length; i += per) {
    const part: unknown[] = i === 0 ? [] : [0];
    const end = Math.min(profiles.length, i + per);
    for (let k = i; k < end; k++) part.push(profileJson(profiles[k]!, isActive(profiles[k]!)));
    const text = JSON.stringify({profiles: part}, null, 2);
    write(text.slice(i === 0 ? 0 : jsonHeadAndZero.length, text.length - jsonTail.length));
  }
  write(`${jsonTail}\n`);
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, {json: {type: 'boolean'}}, usage, {min: 0, max: 0});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const loaded = await loadProfiles(ctx);
  if (!loaded.ok) {
    printError(ctx, loaded.error);
    return exit.failure;
  }
  const {profiles, state, settings} = loaded.value;
  for (const w of fileWarnings(state)) ctx.stderr.write(`mfa-tui: warning: ${w}\n`);
  const active = awsCliActiveProfile(ctx.env);
  const activeName = 'profile' in active ? active.profile : null;
  const isActive = (p: Profile) => p.name === activeName;
  if (args.values.json) {
    writeProfilesJson(profiles, isActive, (text) => ctx.stdout.write(text));
    return exit.ok;
  }
  if (profiles.length === 0) {
    const paths = awsPaths(ctx.env);
    ctx.stderr.write(`mfa-tui: no profiles in ${paths.credentialsFile} or ${paths.configFile}\n`);
    return exit.ok;
  }
  const now = ctx.now();
  const rows = profiles.map((p) => [
    isActive(p) ? '*' : ' ',
    p.name,
    kindLabels[p.kind],
    p.accessKeyIdLast4 ?? '',
    deviceText(p.mfaSerial),
    linkText(p),
    expiryText(p, now, settings.warnSeconds),
  ]);
  ctx.stdout.write(
    `${formatTable(['', 'PROFILE', 'KIND', 'KEY', 'MFA DEVICE', 'LINK', 'EXPIRY'], rows)}\n`,
  );
  if ('env' in active) {
    ctx.stderr.write(
      'mfa-tui: note: AWS_ACCESS_KEY_ID is set, so the AWS CLI uses the environment, not a profile\n',
    );
  }
  return exit.ok;
}
