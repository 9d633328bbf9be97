// The JS SDK v3 model: fromNodeProviderChain over the JS view of the files. Most provider errors
// let the chain move on; a few (MFA required, broken SSO) stop it.
import {masked} from '../mask.js';
import {absent, ChainBuilder, ignored, ok, type Probe} from './chain.js';
import {envIdentity, noIdentity} from './identity.js';
import {envBoth, FromIni, isSso, isStatic, type Branch} from './js-ini.js';
import {processProbe} from './process.js';
import {containerProbe, has, NO_CONTAINER, selectProfile} from './snapshot.js';
import type {ClientResult, SourceId} from './types.js';

const PAIR = 'no aws_access_key_id/aws_secret_access_key pair from the';

/** The profile's links after env, in fromNodeProviderChain's order: the fromIni branch each stands
 * for, and its reason when the profile does not set it. */
const INI_LINKS: [SourceId, Branch, string][] = [
  [
    'assume-role',
    'assume-role',
    'no role_arn with exactly one of source_profile or credential_source',
  ],
  ['shared-credentials-file', 'static', `${PAIR} credentials file`],
  ['config-file', 'static', `${PAIR} config file`],
  ['web-identity', 'web-identity', 'no web_identity_token_file in the profile'],
  ['custom-process', 'custom-process', 'no credential_process'],
  ['sso', 'sso', 'no sso_* settings'],
];

/** The JS SDK v3's (fromNodeProviderChain) choice for a snapshot. */
export class JsModel extends FromIni {
  envProbe(profileSet: string | undefined, explicit: boolean): Probe {
    const env = this.s.env;
    if (profileSet) {
      const why = explicit
        ? `profile ${profileSet} was passed in code`
        : `AWS_PROFILE=${profileSet} is set`;
      return envBoth(env)
        ? ignored(
            `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are skipped because ${why} (the SDK warns "Multiple credential sources detected")`,
          )
        : absent(`skipped because ${why}`);
    }
    if (!envBoth(env)) {
      const one = env.AWS_ACCESS_KEY_ID
        ? 'AWS_SECRET_ACCESS_KEY is missing'
        : env.AWS_SECRET_ACCESS_KEY
          ? 'AWS_ACCESS_KEY_ID is missing'
          : undefined;
      return absent(one ? `${one}, so the environment is skipped` : 'AWS_ACCESS_KEY_ID is not set');
    }
    const akid = env.AWS_ACCESS_KEY_ID!;
    const token = env.AWS_SESSION_TOKEN || undefined;
    return ok(
      `AWS_ACCESS_KEY_ID (${masked(akid)}) and AWS_SECRET_ACCESS_KEY${token ? ' with AWS_SESSION_TOKEN' : ''}${env.AWS_SECURITY_TOKEN ? ' (AWS_SECURITY_TOKEN is ignored)' : ''}`,
      envIdentity(env, akid, token, token ? 'AWS_SESSION_TOKEN' : undefined),
    );
  }

  /** fromIni's links: the branch it took for the profile, and what else the profile sets but fromIni passed over. */
  iniLinks(chain: ChainBuilder, name: string): void {
    const d = this.merged(name);
    const outcome = this.resolveProfileData(name, new Set(), false);
    const inCreds = has(this.s.js.credentials.profiles.get(name)?.values, 'aws_access_key_id');
    const configured: Partial<Record<SourceId, boolean>> = {
      'assume-role':
        !!d &&
        typeof d.role_arn === 'string' &&
        (has(d, 'source_profile') || has(d, 'credential_source')),
      'shared-credentials-file': isStatic(d) && inCreds,
      'config-file': isStatic(d) && !inCreds,
      'web-identity': !!d && has(d, 'web_identity_token_file'),
      'custom-process': !!d && has(d, 'credential_process'),
      sso: !!d && isSso(d),
    };
    for (const [source, branch, none] of INI_LINKS) {
      // fromProcess runs after fromIni, so a profile whose other settings fail still gets its process.
      if (
        source === 'custom-process' &&
        outcome.branch !== branch &&
        configured[source] &&
        chain.winner === undefined
      ) {
        chain.add(source, processProbe(this.s, d!.credential_process, name, 'shell', 'soft'));
      } else if (outcome.branch === branch && (branch !== 'static' || configured[source])) {
        chain.add(source, outcome.probe);
      } else if (configured[source]) {
        chain.add(
          source,
          ignored(`profile ${name} also sets this, but fromIni took the ${outcome.branch} branch`),
        );
      } else {
        chain.add(source, absent(d ? none : `profile ${name} is not in either file`));
      }
    }
  }

  /** The providers after fromIni and fromProcess: env web identity, container, IMDS. */
  envLinks(chain: ChainBuilder): void {
    const env = this.s.env;
    const tokenFile = env.AWS_WEB_IDENTITY_TOKEN_FILE;
    const roleArn = env.AWS_ROLE_ARN;
    chain.add(
      'web-identity',
      tokenFile && roleArn
        ? ok(
            `AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN: assumes ${roleArn}`,
            noIdentity('web-identity', null, roleArn),
          )
        : absent(
            tokenFile || roleArn
              ? 'needs both AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN'
              : 'no AWS_WEB_IDENTITY_TOKEN_FILE',
          ),
    );
    const container =
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    chain.add('container', container ? containerProbe(this.s, 'js') : absent(NO_CONTAINER));
    const off = env.AWS_EC2_METADATA_DISABLED;
    chain.add(
      'imds',
      container
        ? absent('not tried when a container endpoint is set')
        : off && off !== 'false'
          ? absent(`disabled by AWS_EC2_METADATA_DISABLED=${off}`)
          : ok('asks the EC2 instance metadata service (works only on EC2)', noIdentity('imds')),
    );
  }

  resolve(): ClientResult {
    const profile = selectProfile(this.s, 'js-sdk-v3');
    const {name, from} = profile;
    const chain = new ChainBuilder();
    chain.add('env', this.envProbe(from === 'default' ? undefined : name, from === 'explicit'));
    this.iniLinks(chain, name);
    this.envLinks(chain);
    const none = 'Could not load credentials from any providers';
    return {client: 'js-sdk-v3', profile, ...chain.finish(none)};
  }
}
