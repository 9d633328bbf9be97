/** The profile the AWS CLI v2 would use, or 'env' when AWS_ACCESS_KEY_ID wins over every profile. */
export function awsCliActiveProfile(
  env: NodeJS.ProcessEnv,
  explicit?: string,
): {env: true} | {profile: string} {
  if (explicit) return {profile: explicit};
  if (env.AWS_ACCESS_KEY_ID) return {env: true};
  return {profile: env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default'};
}
