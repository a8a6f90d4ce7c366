import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import {
  IAM_DEFAULT_MIN_LENGTH,
  IAM_UNSPECIFIED_MIN_LENGTH,
  NO_POLICY,
  PASSWORD_POLICY_REFERENCES,
} from '../shared/password-policy.js';
import { cis, defineRule } from '../types.js';

export const passwordPolicyMinLength = defineRule({
  id: 'password-policy-min-length',
  title: 'The password policy sets a long enough minimum password length',
  severity: 'medium',
  needs: ['passwordPolicy'],
  options: z
    .object({
      minLength: z
        .number()
        .int()
        .min(6)
        .max(128)
        .default(14)
        .describe('Shortest acceptable MinimumPasswordLength (IAM allows 6 to 128).'),
    })
    .strict(),
  docs: {
    rationale:
      'Length is what makes a password hard to guess or crack; every extra character multiplies the work. ' +
      'A policy allowing short passwords lets users pick ones that fall to a guessing attack. Without a ' +
      "custom policy IAM's default minimum of 8 characters applies, and is reported as such. A policy " +
      'whose minimum equals `minLength` passes.',
    remediation:
      'Raise the minimum: `aws iam update-account-password-policy --minimum-password-length 14` (the ' +
      'command replaces the whole policy, so pass the other settings you want to keep too).',
    references: PASSWORD_POLICY_REFERENCES,
  },
  frameworks: {
    ...cis({ v3: '1.8', v4: '1.8', v5: '1.7', v6: '2.7', v7: '2.8' }),
    'aws-security-hub': ['IAM.15'],
  },
  check: ({ snapshot, options }) => {
    const policy = sectionData(snapshot, 'passwordPolicy');
    const minimum = policy
      ? (policy.MinimumPasswordLength ?? IAM_UNSPECIFIED_MIN_LENGTH)
      : IAM_DEFAULT_MIN_LENGTH;
    if (minimum >= options.minLength) return [];
    const lead = policy ? 'Password policy' : `${NO_POLICY}:`;
    return [
      {
        resource: accountArn(snapshot),
        message: `${lead} minimum password length is ${minimum} characters (required: ${options.minLength}).`,
        evidence: {
          minimumPasswordLength: minimum,
          required: options.minLength,
          customPolicy: policy !== null,
        },
      },
    ];
  },
});
