import {fail, ok, type Result} from '../core/errors.js';
import {last4} from '../core/mask.js';
import {resolveStsEndpoint} from '../aws/endpoint.js';
import {mapStsError} from '../aws/errors.js';
import type {StaticCredentials} from '../aws/sts.js';
import {parseCommandArgs} from './args.js';
import {exit, printError, type CommandContext, type ExitCode} from './context.js';
import {profileSettings, servicesKeys} from '../store/aws-state.js';
import {loadProfiles} from './load-profiles.js';
import {sessionCredentials} from './session-credentials.js';

const usage = `Usage: mfa-tui whoami [--profile P] [--json]

Calls STS GetCallerIdentity with the credentials the AWS CLI would use now (or profile P) and
prints the ARN, account and user id.`;

type Signer = {
  credentials: StaticCredentials;
  label: string;
  profileKeys: Record<string, string | undefined>;
  servicesSts?: Record<string, string>;
};

async function signerFor(
  ctx: CommandContext,
  profileFlag: string | undefined,
): Promise<Result<Signer>> {
  let profile = profileFlag;
  if (!profile) {
    // Without --profile: exactly what the AWS CLI v2 would pick, including its failures.
    const {precedenceFromDisk} = await import('./precedence.js');
    const {awsCliIdentity} = await import('../core/precedence/index.js');
    const report = await precedenceFromDisk(ctx.env, ctx.now());
    if (!report.ok) return report;
    const identity = awsCliIdentity(report.value);
    if (!identity.ok) return identity;
    const use = identity.use;
    if (use.from === 'env') {
      const accessKeyId = ctx.env.AWS_ACCESS_KEY_ID!;
      return ok({
        credentials: {
          accessKeyId,
          secretAccessKey: ctx.env.AWS_SECRET_ACCESS_KEY ?? '',
          sessionToken: use.sessionTokenVar ? ctx.env[use.sessionTokenVar] : undefined,
        },
        label: `environment (key …${last4(accessKeyId)})`,
        profileKeys: {},
      });
    }
    if (use.from !== 'profile') {
      return fail(
        'source-unsupported',
        `The AWS CLI would use ${identity.source} credentials, which mfa-tui cannot obtain itself.`,
        'Run `aws sts get-caller-identity` to check them.',
      );
    }
    profile = use.profile;
  }
  const loaded = await loadProfiles(ctx);
  if (!loaded.ok) return loaded;
  const creds = sessionCredentials(loaded.value, profile, ctx.now(), {followTarget: false});
  if (!creds.ok) return creds;
  const c = creds.value;
  const state = loaded.value.state;
  // Its region, endpoint_url and [services] section, as the AWS CLI would read them.
  const profileKeys: Record<string, string | undefined> = {
    ...profileSettings(state, c.profile),
    region: c.region,
  };
  return ok({
    credentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
    },
    label: `profile ${c.profile} (key …${last4(c.accessKeyId)})`,
    profileKeys,
    servicesSts: servicesKeys(state, profileKeys.services, 'sts'),
  });
}

export async function run(ctx: CommandContext): Promise<ExitCode> {
  const args = parseCommandArgs(ctx, {profile: {type: 'string'}, json: {type: 'boolean'}}, usage, {
    min: 0,
    max: 0,
  });
  if (args === 'help') return exit.ok;
  if (!args) return exit.usage;
  const signer = await signerFor(ctx, args.values.profile);
  if (!signer.ok) {
    printError(ctx, signer.error);
    return exit.failure;
  }
  const endpoint = resolveStsEndpoint({
    env: ctx.env,
    endpointUrl: args.values['endpoint-url'],
    region: args.values.region,
    profileKeys: signer.value.profileKeys,
    servicesSts: signer.value.servicesSts,
  });
  const {getCallerIdentity} = await import('../aws/sts.js');
  try {
    const id = await getCallerIdentity(signer.value.credentials, endpoint);
    if (args.values.json) {
      ctx.stdout.write(`${JSON.stringify({...id, using: signer.value.label})}\n`);
    } else {
      ctx.stdout.write(
        `Arn      ${id.arn}\nAccount  ${id.account}\nUserId   ${id.userId}\nUsing    ${signer.value.label}\n`,
      );
    }
    return exit.ok;
  } catch (error) {
    printError(
      ctx,
      mapStsError(error, {
        operation: 'GetCallerIdentity',
        profile: args.values.profile,
        accessKeyIdLast4: last4(signer.value.credentials.accessKeyId),
        endpointUrl: endpoint.url,
        region: endpoint.region,
      }),
    );
    return exit.failure;
  }
}
