import {planRenewal, sessionKeys, type RenewPlan} from '../core/renew-plan.js';
import {describeExpiry, formatRfc3339} from '../core/expiry.js';
import {fail, ok, type AppError} from '../core/errors.js';
import {removeKeys, setKeys, listSections} from '../core/ini.js';
import {classify} from '../core/profiles.js';
import {resolveStsEndpoint, type Endpoint} from '../aws/endpoint.js';
import {mapStsError} from '../aws/errors.js';
import {editAwsFile} from '../store/aws-files.js';
import {loadAwsState, type AwsState} from '../store/aws-state.js';
import {loadSettings, updateSettings} from '../store/settings.js';
import {parseCommandArgs} from './args.js';
import {obtainCode} from './code-input.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';

const usage = `Usage: mfa-tui renew PROFILE [--code N | --code-from CMD] [--duration D] [--serial ARN]
                          [--target NAME] [--force] [--json]

Trades PROFILE's long-term keys and an MFA code for a session (STS GetSessionToken) and writes
it into the target profile of the credentials file. PROFILE may be the long-term profile or the
session profile it feeds (X-long-term → X, default → mfa, P → P-mfa, or a remembered --target).

  --code N           the 6-digit code (else asked on the terminal)
  --code-from CMD    run CMD and take the 6-digit code from its output
  --duration D       session length: seconds or 1h30m (900–129600 s; root 900–3600)
  --serial ARN       MFA device ARN (else mfa_serial of the profile, or remembered)
  --target NAME      profile to write the session into (remembered for next time)
  --force            overwrite a target that another tool manages (manager = …)
  --json             print {profile, source, expiresAt}`;

const options = {
  code: {type: 'string'},
  'code-from': {type: 'string'},
  duration: {type: 'string'},
  serial: {type: 'string'},
  target: {type: 'string'},
  force: {type: 'boolean'},
  json: {type: 'boolean'},
} as const;

export type RenewOutcome = {plan: RenewPlan; expiresAt: Date; endpoint: Endpoint};

/** The whole renewal, shared by the command and the TUI: plan, call STS, write. Nothing is written on failure. */
export async function renewProfile(
  env: NodeJS.ProcessEnv,
  request: {
    profile: string;
    code: string | (() => Promise<{ok: true; value: string} | {ok: false; error: AppError}>);
    target?: string;
    serial?: string;
    duration?: string;
    force?: boolean;
    endpointUrl?: string;
    region?: string;
    debug?: (line: string) => void;
  },
  preloaded?: AwsState,
): Promise<{ok: true; value: RenewOutcome} | {ok: false; error: AppError}> {
  const settings = loadSettings(env);
  if (!settings.ok) return settings;
  const loaded = preloaded ? ok(preloaded) : await loadAwsState(env);
  if (!loaded.ok) return loaded;
  const state = loaded.value;
  // A file the AWS CLI cannot parse at all is not renewed into: say where, before a code is spent.
  const fatal = state.credentials.diagnostics.find((d) => d.severity === 'error');
  if (fatal) {
    return fail(
      'ini-unparseable',
      `${state.credentials.path}:${fatal.line}: ${fatal.message}`,
      `Fix line ${fatal.line} of the credentials file (mfa-tui never repairs a file silently), then renew again.`,
    );
  }
  const planned = planRenewal(request, {
    credentials: state.credentials.sections,
    config: state.config.sections,
    mappings: settings.value.targets,
    serials: settings.value.serials,
    defaultDurationSeconds: settings.value.defaultDurationSeconds,
  });
  if (!planned.ok) return planned;
  const plan = planned.value;

  const code = typeof request.code === 'string' ? ok(request.code) : await request.code();
  if (!code.ok) return code;

  const servicesName = plan.sourceKeys.services;
  const endpoint = resolveStsEndpoint({
    env,
    endpointUrl: request.endpointUrl,
    region: request.region,
    profileKeys: plan.sourceKeys,
    servicesSts: servicesName ? stsServiceKeys(state, servicesName) : undefined,
  });
  const debug = request.debug;
  debug?.(
    `GetSessionToken → ${endpoint.url ?? 'AWS STS'} region=${endpoint.region} key=…${plan.accessKeyIdLast4} SerialNumber=${plan.serial} DurationSeconds=${plan.durationSeconds} TokenCode=******`,
  );
  const {getSessionToken} = await import('../aws/sts.js');
  let session;
  try {
    session = await getSessionToken(plan.credentials, endpoint, {
      serialNumber: plan.serial,
      tokenCode: code.value,
      durationSeconds: plan.durationSeconds,
    });
  } catch (error) {
    const e = error as {
      name?: string;
      message?: string;
      $metadata?: {httpStatusCode?: number; requestId?: string};
    };
    debug?.(
      `← error ${e.name ?? ''} HTTP ${e.$metadata?.httpStatusCode ?? '-'} request-id ${e.$metadata?.requestId ?? '-'}`,
    );
    return {
      ok: false,
      error: mapStsError(error, {
        operation: 'GetSessionToken',
        profile: plan.source,
        accessKeyIdLast4: plan.accessKeyIdLast4,
        serial: plan.serial,
        endpointUrl: endpoint.url,
        region: endpoint.region,
      }),
    };
  }
  debug?.(
    `← AccessKeyId=…${session.accessKeyId.slice(-4)} Expiration=${formatRfc3339(session.expiration)}`,
  );

  const written = await editAwsFile(state.credentials.path, 'credentials', (doc) => {
    // Re-checked under the lock: the file may have changed since it was read.
    const current = listSections(doc, 'credentials').filter((s) => s.profile === plan.target);
    const existing = Object.assign({}, ...current.map((s) => s.keys)) as Record<string, string>;
    const kind = classify(existing, undefined);
    if (kind.keyId && !kind.hasToken && !kind.keyId.startsWith('ASIA')) {
      return fail(
        'target-is-long-term',
        `Profile ${plan.target} now holds long-term keys; mfa-tui will not overwrite them.`,
        'Pass another --target.',
      );
    }
    const keys = sessionKeys(session, existing);
    const withKeys = setKeys(doc, plan.target, keys.set);
    if (!withKeys.ok || keys.remove.length === 0) return withKeys;
    return removeKeys(withKeys.value, plan.target, keys.remove);
  });
  if (!written.ok) return written;

  if (request.target || request.serial) {
    await updateSettings(env, (s) => ({
      ...s,
      targets: request.target ? {...s.targets, [plan.source]: plan.target} : s.targets,
      serials: request.serial ? {...s.serials, [plan.source]: plan.serial} : s.serials,
    }));
  }
  return ok({plan, expiresAt: session.expiration, endpoint});
}

function stsServiceKeys(state: AwsState, name: string): Record<string, string> | undefined {
  const section = state.config.otherSections.get(`services ${name}`);
  if (!section) return undefined;
  // `[services x]` holds nested blocks such as `sts =\n  endpoint_url = …`, flattened as `sts.endpoint_url`.
  const url = section['sts.endpoint_url'];
  return url ? {endpoint_url: url} : undefined;
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, options, usage, {min: 1, max: 1});
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const v = args.values;
  if (v.code !== undefined && v['code-from'] !== undefined) {
    ctx.stderr.write(`mfa-tui: give either --code or --code-from, not both\n${usage}\n`);
    return exit.usage;
  }
  const profile = args.positionals[0]!;
  const result = await renewProfile(ctx.env, {
    profile,
    code: () => obtainCode(ctx, {code: v.code, codeFrom: v['code-from'], label: profile}),
    target: v.target,
    serial: v.serial,
    duration: v.duration,
    force: v.force,
    endpointUrl: v['endpoint-url'],
    region: v.region,
    debug: v.debug ? (line) => ctx.stderr.write(`debug: ${line}\n`) : undefined,
  });
  if (!result.ok) {
    printError(ctx, result.error);
    return result.error.code === 'code-missing' ? exit.usage : exit.failure;
  }
  const {plan, expiresAt} = result.value;
  if (v.json) {
    ctx.stdout.write(
      `${JSON.stringify({profile: plan.target, source: plan.source, expiresAt: formatRfc3339(expiresAt)})}\n`,
    );
  } else {
    ctx.stdout.write(
      `${plan.target}: renewed from ${plan.source}, ${describeExpiry(expiresAt, ctx.now(), 0)} (until ${formatRfc3339(expiresAt)})\n`,
    );
  }
  return exit.ok;
}
