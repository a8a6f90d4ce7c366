import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { IAM_DEFAULT_MIN_LENGTH, PASSWORD_POLICY_REFERENCES } from '../shared/password-policy.js';
import { defineRule } from '../types.js';

export const passwordPolicyMissing = defineRule({
  id: 'password-policy-missing',
  title: 'The account has a custom IAM password policy',
  severity: 'medium',
  needs: ['passwordPolicy'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      "Without a custom password policy, IAM users' console passwords follow IAM's default: at least 8 " +
      'characters and three of the four character classes, no reuse prevention. That is weaker than any ' +
      "benchmark asks for, and it is nobody's decision. GetAccountPasswordPolicy answering NoSuchEntity " +
      'is how IAM says there is no policy; iamspect treats it as this finding, not as a collection error.',
    remediation:
      'Set a policy under **IAM > Account settings > Password policy**, or with ' +
      '`aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 ' +
      '--require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols`. ' +
      'Better still, move people to IAM Identity Center and federation so that IAM users need no passwords.',
    references: PASSWORD_POLICY_REFERENCES,
  },
  frameworks: { 'aws-security-hub': ['IAM.7'] },
  check: ({ snapshot }) => {
    if (sectionData(snapshot, 'passwordPolicy') !== null) return [];
    return [
      {
        resource: accountArn(snapshot),
        message:
          `Account ${snapshot.accountId} has no IAM password policy, so IAM's default applies: at least ` +
          `${IAM_DEFAULT_MIN_LENGTH} characters from three of the four character classes, no expiry, no reuse prevention.`,
      },
    ];
  },
});
