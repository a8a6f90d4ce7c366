import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { NO_POLICY, PASSWORD_POLICY_REFERENCES } from '../shared/password-policy.js';
import { cis, defineRule } from '../types.js';

export const passwordPolicyReuse = defineRule({
  id: 'password-policy-reuse',
  title: 'The password policy prevents reuse of recent passwords',
  severity: 'medium',
  needs: ['passwordPolicy'],
  options: z
    .object({
      minReuse: z
        .number()
        .int()
        .min(1)
        .max(24)
        .default(24)
        .describe('Fewest previous passwords PasswordReusePrevention must remember (IAM allows 1 to 24).'),
    })
    .strict(),
  docs: {
    rationale:
      'When a password has to change (after a leak, or on expiry), letting users set an old one again ' +
      'undoes the change: a leaked password comes straight back. PasswordReusePrevention makes IAM ' +
      'remember the last N passwords of each user. Unset, or no custom policy, means no prevention at ' +
      'all. A policy that remembers exactly `minReuse` passwords passes.',
    remediation:
      '`aws iam update-account-password-policy --password-reuse-prevention 24` (the command replaces the ' +
      'whole policy, so pass the other settings you want to keep too).',
    references: PASSWORD_POLICY_REFERENCES,
  },
  frameworks: {
    ...cis({ v3: '1.9', v4: '1.9', v5: '1.8', v6: '2.8', v7: '2.9' }),
    'aws-security-hub': ['IAM.16'],
  },
  check: ({ snapshot, options }) => {
    const policy = sectionData(snapshot, 'passwordPolicy');
    const remembered = policy?.PasswordReusePrevention;
    if (remembered !== undefined && remembered >= options.minReuse) return [];
    const required = `(required: the last ${options.minReuse})`;
    let message: string;
    if (!policy) message = `${NO_POLICY}: passwords can be reused ${required}.`;
    else if (remembered === undefined)
      message = `Password policy does not prevent password reuse ${required}.`;
    else message = `Password policy prevents reuse of only the last ${remembered} passwords ${required}.`;
    return [
      {
        resource: accountArn(snapshot),
        message,
        evidence: {
          passwordReusePrevention: remembered ?? null,
          required: options.minReuse,
          customPolicy: policy !== null,
        },
      },
    ];
  },
});
