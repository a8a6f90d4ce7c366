import { z } from 'zod';
import { allowedEverywhereFindings, listWithMore } from '../shared/policy-findings.js';
import { plural } from '../../util/words.js';
import { defineRule } from '../types.js';

/**
 * Actions whose response carries a credential: a key, password, token or key pair that lets the
 * caller act as someone or something else. sts:AssumeRole has its own rule.
 */
export const CREDENTIAL_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'ecr:GetAuthorizationToken',
  'ecr-public:GetAuthorizationToken',
  'codeartifact:GetAuthorizationToken',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'ec2:GetPasswordData',
  'ec2-instance-connect:SendSSHPublicKey',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'lightsail:DownloadDefaultKeyPair',
  'gamelift:GetInstanceAccess',
  'gamelift:GetComputeAccess',
  'gamelift:RequestUploadCredentials',
  'cognito-identity:GetCredentialsForIdentity',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'chime:CreateApiKey',
  'mediapackage:RotateIngestEndpointCredentials',
];

export const policyCredentialsExposure = defineRule({
  id: 'policy-credentials-exposure',
  title: 'Actions that return credentials are limited to specific resources',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Some actions answer with a credential: `iam:CreateAccessKey` and `iam:UpdateLoginProfile` (for ' +
      'another user, a way in as that user), `ecr:GetAuthorizationToken`, `redshift:GetClusterCredentials`, ' +
      '`ec2:GetPasswordData` (a Windows administrator password), Lightsail and GameLift access details, ' +
      'Cognito identity credentials... Allowed on Resource `*`, they reach every user, cluster or instance, ' +
      'so a leak of the principal becomes a leak of all of them.\n\n' +
      'One finding per customer managed policy (default version) or inline policy that allows any of ' +
      'these on every resource, listing the actions and statements; `sts:AssumeRole` is covered by ' +
      'policy-assume-role-wildcard. Some of them (`ecr:GetAuthorizationToken`) only support `*`: the ' +
      'finding then asks whether the principal needs the action at all. Full-admin documents are ' +
      'reported by policy-full-admin instead.',
    remediation:
      'Scope each action to the resources the principal needs: `iam:CreateAccessKey` to ' +
      '`user/${aws:username}` for self-service, Redshift credentials to named clusters and database ' +
      'users. Remove the actions the principal does not use.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html',
      'https://docs.aws.amazon.com/redshift/latest/mgmt/redshift-iam-access-control-identity-based.html',
      'https://cloudsplaining.readthedocs.io/en/latest/glossary/credentials-exposure/',
    ],
  },
  frameworks: {},
  check: (context) =>
    allowedEverywhereFindings(
      context,
      (catalog) => catalog.setOf(CREDENTIAL_ACTIONS),
      (actions, count) =>
        `${plural(count, 'credential-returning action')} on every resource: ${listWithMore(actions, 5, count)}`,
    ),
});
