// The screens' view of one read of the files: profiles, the AWS CLI marker, renewal plans and the
// precedence analysis. Pure: the edge reads the files and hands their content in.
import {awsCliActiveProfile} from '../core/active.js';
import {ok, type AppError, type Remedy, type Result} from '../core/errors.js';
import {
  awsCliActive,
  precedenceInputOf,
  precedenceParts,
  precedenceTexts,
  resolvePrecedence,
  resolveSafely,
} from '../core/precedence/index.js';
import type {AwsCliActive, PrecedenceFile} from '../core/precedence/input.js';
import type {PrecedenceInput, PrecedenceResult} from '../core/precedence/types.js';
import type {FileSection, Profile} from '../core/profiles.js';
import {planInputsOf} from '../core/renew-plan.js';
import {describeRoleSigning, planAnyRenewal} from '../core/role-plan.js';
import {planRotation} from '../core/rotate-plan.js';
import type {Settings} from '../store/settings.js';
import type {PreviewOptions, RenewPreview} from './ports.js';

export type SnapshotFile = PrecedenceFile & {sections: FileSection[]};

type SnapshotInput = {
  env: NodeJS.ProcessEnv;
  now: Date;
  /** The time a preview is planned at, when its caller gives none (else the read time `now`). */
  clock?: () => Date;
  credentials: SnapshotFile;
  config: SnapshotFile;
  profiles: Profile[];
  settings: Pick<Settings, 'warnSeconds' | 'defaultDurationSeconds' | 'targets' | 'serials'> &
    Partial<Pick<Settings, 'keyAgeDays'>>;
  warnings: string[];
  /** Expiry of each cached SSO token the files refer to; asked with the first precedence. */
  ssoTokens?: () => Record<string, string> | undefined;
  /** PATH lookups of credential_process programs and provider files; asked with the first precedence. */
  lookups?: () => Pick<PrecedenceInput, 'programs' | 'files'>;
};

// A remedy in the renew panel's words: its Duration field stands for --duration; what only the
// command line can do (another target, taking one over) is given as the command to run.
const shell = (flags: string) => `\`mfa-tui renew SOURCE ${flags}\``;

function remedyText(r: Remedy): string {
  switch (r.flag) {
    case '--duration': {
      const example = r.example ? ` (for example ${r.example})` : '';
      const root = r.rootMax ? ` (${r.rootMax} at most for the root user)` : '';
      return `Type a duration between ${r.min} and ${r.max} s${example}${root}${r.or ? `, or ${r.or}` : ''}.`;
    }
    case '--target': {
      const force = r.force ? `, or take it over (${shell('--force')})` : '';
      return `From a shell, renew into another target (${shell(`--target ${r.suggested ?? 'NAME'}`)})${force}${r.or ? `, or ${r.or}` : ''}.`;
    }
    case '--target-name':
      return `${r.before ? `${r.before} ` : ''}Renew into a target every client reads (from a shell: ${shell('--target NAME')}, a name of letters, digits, - _ .), or fix the file by hand.`;
  }
}

/** The error with its next step in the panel's words (unchanged when it names no flag). */
export function inThePanel(error: AppError): AppError;
/** A result whose error, if any, says its next step in the panel's words. */
export function inThePanel<T>(result: Result<T>): Result<T>;
export function inThePanel<T>(x: AppError | Result<T>): AppError | Result<T> {
  if ('ok' in x) return x.ok ? x : {ok: false, error: inThePanel(x.error)};
  return x.remedy ? {...x, fix: remedyText(x.remedy)} : x;
}

/** A well-formed device ARN that stands for "not known yet" while IAM is asked; never sent. */
const discoverStandIn = 'arn:aws:iam::000000000000:mfa/not-yet-discovered';

/** Who the AWS CLI v2 would use: from the precedence engine, else the simple env rule. */
function activeIdentity(env: NodeJS.ProcessEnv, report: Result<PrecedenceResult>): AwsCliActive {
  const cli = report.ok ? report.value.clients.find((c) => c.client === 'aws-cli-v2') : undefined;
  // No star on a row the AWS CLI would not get credentials from (no source at all is broken too).
  return cli ? awsCliActive(cli) : awsCliActiveProfile(env);
}

/** The renewal plan for a row, without the keys: what the renew panel shows before any call. */
function previewOf(
  input: SnapshotInput,
  profile: string,
  {now = input.clock?.() ?? input.now, ...options}: PreviewOptions,
): Result<RenewPreview> {
  const inputs = {...planInputsOf(input, input.settings), now};
  const request = {profile, ...options};
  let planned = planAnyRenewal(request, inputs);
  let discover = false;
  if (!planned.ok && planned.error.code === 'mfa-serial-missing') {
    // No device anywhere: plan with a stand-in so the panel can show the rest while IAM is asked.
    planned = planAnyRenewal(request, {...inputs, discoveredSerial: discoverStandIn});
    discover = true;
  }
  if (!planned.ok) return inThePanel(planned);
  const {kind, plan, needsCode} = planned.value;
  const {source, target, durationSeconds} = plan;
  const common = {kind, source, target, durationSeconds, needsCode};
  if (kind === 'session') {
    const {serial, accessKeyIdLast4} = plan;
    return ok({
      ...common,
      serial: discover ? '' : serial,
      accessKeyIdLast4,
      discover: discover || undefined,
    });
  }
  return ok({
    ...common,
    serial: plan.serial ?? '',
    accessKeyIdLast4: plan.signer.accessKeyIdLast4,
    roleArn: plan.roleArn,
    signing: describeRoleSigning(plan),
    bySession: plan.signedBy === 'session',
  });
}

/** Builds the snapshot; the precedence for the current environment is worked out once, when first asked. */
export function buildSnapshot(input: SnapshotInput) {
  const {env, now, credentials, config, settings, ssoTokens} = input;
  const precedenceFor = (explicitProfile?: string): Result<PrecedenceResult> => {
    const request = {env, explicitProfile, ssoTokens: ssoTokens?.(), ...input.lookups?.(), now};
    const report = resolveSafely(
      resolvePrecedence,
      precedenceInputOf({credentials, config}, {...request, warnSeconds: settings.warnSeconds}),
    );
    if (report.ok) return report;
    // The panel's next step for precedence-failed: the same analysis from a shell, then the report.
    const fix = 'Run `mfa-tui precedence --json` to see the same analysis, and report the bug.';
    return {ok: false, error: {...report.error, fix}};
  };
  let current: Result<PrecedenceResult> | undefined;
  const currentReport = () => (current ??= precedenceFor());
  let active: AwsCliActive | undefined;
  return {
    profiles: input.profiles,
    warnSeconds: settings.warnSeconds,
    keyAgeDays: settings.keyAgeDays,
    credentialsFile: credentials.path,
    configFile: config.path,
    /** Broken lines, loose file modes: shown in the header. */
    warnings: input.warnings,
    /** Who the AWS CLI would use; computed on first call (it runs the precedence engine). */
    active: () => (active ??= activeIdentity(env, currentReport())),
    /** The renewal plan for a row, or why it cannot be renewed. */
    preview: (profile: string, options: PreviewOptions = {}) => previewOf(input, profile, options),
    /** Whether a row's key can rotate, as `mfa-tui rotate` decides (its key's last 4, or why not). */
    rotatable: (profile: string): Result<{accessKeyIdLast4: string}> => {
      const rotation = planRotation(profile, planInputsOf(input, settings), credentials.path);
      if (!rotation.ok) return inThePanel(rotation);
      return ok({accessKeyIdLast4: rotation.value.accessKeyIdLast4});
    },
    /** Every client's chain and the conflicts, now (computed once) or "as if --profile X". */
    precedence: (explicitProfile?: string) =>
      explicitProfile ? precedenceFor(explicitProfile) : currentReport(),
    /**
     * precedence()'s heavy work in pieces, to run one per turn of the event loop; precedence() reuses
     * it. None once the report is made; reading the SSO tokens (and PATH lookups) is one piece.
     */
    precedenceParts: (): Array<() => unknown> =>
      current
        ? []
        : [
            ...precedenceParts(precedenceTexts({credentials, config})),
            ...(ssoTokens ? [ssoTokens] : []),
          ],
  };
}
