// Facts about IAM's password policy that several rules share. An account without a custom policy
// is not unprotected: IAM applies a default (at least 8 characters, three of the four character
// classes, no expiry, no reuse prevention). The policy rules judge that default like any policy, and
// say in the message that it is the default.

/** Minimum length of IAM's default password policy (used when the account has none). */
export const IAM_DEFAULT_MIN_LENGTH = 8;

/**
 * The floor UpdateAccountPasswordPolicy applies when MinimumPasswordLength is left out, for a
 * collected policy that lacks the field.
 */
export const IAM_UNSPECIFIED_MIN_LENGTH = 6;

/** Message lead-in for an account with no custom password policy. */
export const NO_POLICY = "The account has no password policy, so IAM's default applies";

export const PASSWORD_POLICY_REFERENCES = [
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  'https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html',
  'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
];
