import { z } from 'zod';
import { allowedEverywhereFindings, listWithMore } from '../shared/policy-findings.js';
import { defineRule } from '../types.js';

/** Actions that read the data an attacker is after: objects, parameters, secrets, decrypted data. */
export const DATA_ACTIONS = [
  's3:GetObject',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
];

export const policyDataExfiltration = defineRule({
  id: 'policy-data-exfiltration',
  title: 'Reading objects, parameters, secrets and decrypted data is limited to specific resources',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      '`s3:GetObject`, `ssm:GetParameter(s)`, `ssm:GetParametersByPath`, `secretsmanager:GetSecretValue` ' +
      'and `kms:Decrypt` on Resource `*` let the principal read every object, parameter and secret in ' +
      'the account and decrypt with every key that does not forbid it in its key policy. Whoever holds ' +
      'those credentials can take all the data at once.\n\n' +
      'One finding per customer managed policy (default version) or inline policy allowing any of them ' +
      'on every resource (by name, wildcard or NotAction), listing the actions and statements. ' +
      'Full-admin documents are reported by policy-full-admin instead. AWS Security Hub KMS.1 and KMS.2 ' +
      'check the same for `kms:Decrypt`.',
    remediation:
      'Scope each action to the buckets, parameter paths, secrets and keys the workload uses, e.g. ' +
      '`arn:aws:ssm:eu-west-1:123456789012:parameter/app/*`, or add a condition such as ' +
      '`kms:ViaService` for KMS.',
    references: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html',
      'https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/',
    ],
  },
  frameworks: { 'aws-security-hub': ['KMS.1', 'KMS.2'] },
  check: (context) =>
    allowedEverywhereFindings(
      context,
      (catalog) => catalog.setOf(DATA_ACTIONS),
      (actions, count) => `${listWithMore(actions, 5, count)} on every resource`,
    ),
});
