// The IAM policy that makes MFA matter: without a code, long-term keys can only manage their own MFA device and ask for a session.

/** Actions a user must keep without MFA: set up their own device, and trade keys + code for a session. */
export const actionsWithoutMfa = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetUser',
  'iam:GetMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
] as const;

type Statement = {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
};

export type Policy = {Version: '2012-10-17'; Statement: Statement[]};

/** Builds the policy; with maxAgeSeconds, sessions older than that since the MFA sign-in are denied too. */
export function mfaPolicy(maxAgeSeconds?: number): Policy {
  const statements: Statement[] = [
    {
      Sid: 'AllowListVirtualMFADevices',
      Effect: 'Allow',
      Action: ['iam:ListVirtualMFADevices'],
      Resource: '*',
    },
    {
      Sid: 'AllowManageOwnVirtualMFADevice',
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice'],
      Resource: 'arn:aws:iam::*:mfa/*',
    },
    {
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: [
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:GetMFADevice',
        'iam:ListMFADevices',
        'iam:ResyncMFADevice',
      ],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
    {
      Sid: 'DenyAllExceptListedIfNoMFA',
      Effect: 'Deny',
      NotAction: [...actionsWithoutMfa],
      Resource: '*',
      // IfExists: requests signed with long-term keys carry no MFA key at all, and must be denied too.
      Condition: {BoolIfExists: {'aws:MultiFactorAuthPresent': 'false'}},
    },
  ];
  if (maxAgeSeconds !== undefined) {
    statements.push({
      Sid: 'DenyAllExceptListedIfMFATooOld',
      Effect: 'Deny',
      NotAction: [...actionsWithoutMfa],
      Resource: '*',
      Condition: {NumericGreaterThanIfExists: {'aws:MultiFactorAuthAge': String(maxAgeSeconds)}},
    });
  }
  return {Version: '2012-10-17', Statement: statements};
}
