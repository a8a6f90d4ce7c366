// The allow list of read operations, apart from the clients that enforce it so that `iamspect
// permissions` can print it without loading the AWS SDK.
/**
 * Every operation the collectors may call, keyed by IAM action prefix. Reads only: Get*, List*,
 * Describe*, and GenerateCredentialReport, which asks IAM to build the credential report and
 * changes no identity, policy or credential. (sts:GetCallerIdentity needs no permission, but it is
 * listed like any other call so the guard and the policy stay the same list.)
 */
export const READ_ONLY_OPERATIONS = {
  'access-analyzer': ['ListAnalyzers'],
  account: ['GetAlternateContact', 'ListRegions'],
  cloudwatch: ['DescribeAlarms'],
  config: [
    'DescribeConfigurationRecorderStatus',
    'DescribeConfigurationRecorders',
    'DescribeDeliveryChannelStatus',
  ],
  // Only when account:ListRegions is unavailable (denied, or a partition without the Account API).
  ec2: ['DescribeRegions'],
  iam: [
    'GenerateCredentialReport',
    'GetAccountAuthorizationDetails',
    'GetAccountPasswordPolicy',
    'GetAccountSummary',
    'GetCredentialReport',
    'ListAccountAliases',
    'ListOrganizationsFeatures',
    'ListServerCertificates',
    'ListVirtualMFADevices',
  ],
  // ListAccounts only with --org; the others answer only in the management account or a delegated
  // administrator (elsewhere they are refused, and the section says why).
  organizations: [
    'DescribeOrganization',
    'DescribePolicy',
    'ListAccounts',
    'ListParents',
    'ListPolicies',
    'ListTargetsForPolicy',
  ],
  sts: ['GetCallerIdentity'],
} as const satisfies Record<string, readonly string[]>;

export type ServicePrefix = keyof typeof READ_ONLY_OPERATIONS;

/** `iam:GetAccountSummary`, ... sorted: the actions of READ_ONLY_OPERATIONS. */
export function allowedActions(): string[] {
  return Object.entries(READ_ONLY_OPERATIONS)
    .flatMap(([service, operations]) => operations.map((operation) => `${service}:${operation}`))
    .sort();
}
