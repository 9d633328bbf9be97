// Which profile each client selects from --profile, AWS_PROFILE and AWS_DEFAULT_PROFILE. Its own
// module, free of the engine: every command resolves its default profile with it.
import type {ClientId, ClientResult} from './types.js';

type ProfileVar = 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE';

/** The variables that name each client's profile, in the order it reads them, and where an empty
 * value counts as set: the CLI v2 reads AWS_PROFILE first and passes over an empty --profile,
 * botocore itself (boto3, CLI v1) AWS_DEFAULT_PROFILE first, the JS SDK only AWS_PROFILE. */
const PROFILE_VARS: Record<
  ClientId,
  {vars: ProfileVar[]; emptyIsSet: 'variables' | 'both' | 'neither'}
> = {
  'aws-cli-v2': {vars: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'], emptyIsSet: 'variables'},
  'aws-cli-v1/boto3': {vars: ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'], emptyIsSet: 'both'},
  'js-sdk-v3': {vars: ['AWS_PROFILE'], emptyIsSet: 'neither'},
  'go-sdk-v2': {vars: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'], emptyIsSet: 'neither'},
};

/** The profile a client's rules select for an environment and an explicit profile, and where the name came from. */
export function profileOf(
  client: ClientId,
  env: Record<string, string | undefined>,
  explicit: string | undefined,
): ClientResult['profile'] {
  const {vars, emptyIsSet} = PROFILE_VARS[client];
  const set = (value: string | undefined, empty: boolean) =>
    empty ? value !== undefined : !!value;
  if (set(explicit, emptyIsSet === 'both')) return {name: explicit!, from: 'explicit'};
  const from = vars.find((name) => set(env[name], emptyIsSet !== 'neither'));
  return from ? {name: env[from]!, from} : {name: 'default', from: 'default'};
}

/** The AWS CLI v2's profile: the explicit one, else AWS_PROFILE, else AWS_DEFAULT_PROFILE (an empty value is set), else default. */
export const awsCliProfile = (env: Record<string, string | undefined>, explicit?: string) =>
  profileOf('aws-cli-v2', env, explicit);
