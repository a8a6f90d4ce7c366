// AWS Security Hub's Foundational Security Best Practices standard (v1.0.0): its controls for
// IAM, the account and the services iamspect's policy analysis judges (AWS Config, KMS decrypt
// grants). Security Hub assesses every control of the standard itself, so all are automated.
// Findings carry these ids under the `aws-security-hub` key, as Security Hub's consolidated
// control ids.
import type { Framework } from '../types.js';
import { control } from '../types.js';

export const AWS_FSBP: Framework = {
  id: 'aws-fsbp',
  title: 'AWS Foundational Security Best Practices v1.0.0 (AWS Security Hub)',
  tag: 'aws-security-hub',
  scope: 'the Account, Config, IAM and KMS controls',
  source: 'https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html',
  controls: [
    control('Account.1', 'Security contact information should be provided for an AWS account', 'automated'),
    control(
      'Config.1',
      'AWS Config should be enabled and use the service-linked role for resource recording',
      'automated',
    ),
    control('IAM.1', 'IAM policies should not allow full "*" administrative privileges', 'automated'),
    control('IAM.2', 'IAM users should not have IAM policies attached', 'automated'),
    control('IAM.3', "IAM users' access keys should be rotated every 90 days or less", 'automated'),
    control('IAM.4', 'IAM root user access key should not exist', 'automated'),
    control('IAM.5', 'MFA should be enabled for all IAM users that have a console password', 'automated'),
    control('IAM.6', 'Hardware MFA should be enabled for the root user', 'automated'),
    control('IAM.7', 'Password policies for IAM users should have strong configurations', 'automated'),
    control('IAM.8', 'Unused IAM user credentials should be removed', 'automated'),
    control(
      'IAM.21',
      'IAM customer managed policies that you create should not allow wildcard actions for services',
      'automated',
    ),
    control(
      'KMS.1',
      'IAM customer managed policies should not allow decryption actions on all KMS keys',
      'automated',
    ),
    control(
      'KMS.2',
      'IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys',
      'automated',
    ),
  ],
};
