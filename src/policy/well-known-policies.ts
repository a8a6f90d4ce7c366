// AWS managed policies that matter most to an audit, recognised by ARN when the snapshot references
// them without their document (CloudFormation templates, AWS CLI outputs collected with a filter,
// partial data). Their documents are stated here as facts about AWS's published policies. Any other
// AWS managed policy without a document stays unknown: it is reported in evidence, never guessed.
import type { PolicyDocument } from '../snapshot/schema.js';

const everything = ['*'];

/** Every action on every resource: AdministratorAccess, and the FullAWSAccess SCP. */
export const ALLOW_EVERYTHING: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['*'], Resource: everything }],
};

const WELL_KNOWN: Readonly<Record<string, PolicyDocument>> = {
  AdministratorAccess: ALLOW_EVERYTHING,
  // Everything except IAM, Organizations and Account management, plus the few of those that
  // services need to work (service-linked roles, listing roles and regions).
  PowerUserAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: everything },
      {
        Effect: 'Allow',
        Action: [
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
          'account:ListRegions',
          'account:GetAccountInformation',
        ],
        Resource: everything,
      },
    ],
  },
  IAMFullAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iam:*'], Resource: everything },
      {
        Effect: 'Allow',
        Action: [
          'organizations:DescribeAccount',
          'organizations:DescribeOrganization',
          'organizations:DescribeOrganizationalUnit',
          'organizations:DescribePolicy',
          'organizations:ListChildren',
          'organizations:ListParents',
          'organizations:ListPoliciesForTarget',
          'organizations:ListRoots',
          'organizations:ListPolicies',
          'organizations:ListTargetsForPolicy',
        ],
        Resource: everything,
      },
    ],
  },
};

const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\/(.+)$/;

/**
 * The path and name of an AWS managed policy from its ARN in any partition (`AdministratorAccess`,
 * `job-function/ViewOnlyAccess`), else undefined.
 */
export function awsManagedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED_ARN.exec(arn)?.[1];
}

/** The document of a well-known AWS managed policy, by ARN in any partition. */
export function wellKnownPolicyDocument(arn: string): PolicyDocument | undefined {
  const name = awsManagedPolicyName(arn);
  return name !== undefined && Object.hasOwn(WELL_KNOWN, name) ? WELL_KNOWN[name] : undefined;
}
