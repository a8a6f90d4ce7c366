import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { NO_POLICY, PASSWORD_POLICY_REFERENCES } from '../shared/password-policy.js';
import { defineRule } from '../types.js';

export const passwordPolicyMaxAge = defineRule({
  id: 'password-policy-max-age',
  title: 'The password policy makes passwords expire',
  severity: 'low',
  needs: ['passwordPolicy'],
  options: z
    .object({
      maxAgeDays: z
        .number()
        .int()
        .min(1)
        .max(1095)
        .default(90)
        .describe('Longest acceptable MaxPasswordAge in days (IAM allows 1 to 1095).'),
    })
    .strict(),
  docs: {
    rationale:
      'Expiry bounds how long a password that leaked without anyone noticing stays useful. It is also ' +
      'disputed: NIST SP 800-63B advises against forced periodic changes, because users then pick ' +
      'weaker, predictable passwords. That is why this rule is low severity; with MFA and leak-driven ' +
      'resets in place, lowering it further or turning it off is a reasonable choice. Passwords that never ' +
      'expire (no MaxPasswordAge, or no custom policy) are reported; a MaxPasswordAge equal to ' +
      '`maxAgeDays` passes.',
    remediation:
      '`aws iam update-account-password-policy --max-password-age 90` (the command replaces the whole ' +
      'policy, so pass the other settings you want to keep too). Allow users to change their own password ' +
      '(`--allow-users-to-change-password`) so that expiry does not lock them out.',
    references: [...PASSWORD_POLICY_REFERENCES, 'https://pages.nist.gov/800-63-3/sp800-63b.html'],
  },
  frameworks: { 'aws-security-hub': ['IAM.17'] },
  check: ({ snapshot, options }) => {
    const policy = sectionData(snapshot, 'passwordPolicy');
    // IAM sends MaxPasswordAge only when passwords expire (ExpirePasswords is true exactly then).
    const maxAge = policy?.MaxPasswordAge;
    if (maxAge !== undefined && maxAge <= options.maxAgeDays) return [];
    const allowed = `(allowed: ${options.maxAgeDays} days)`;
    let message: string;
    if (!policy) message = `${NO_POLICY}: passwords never expire ${allowed}.`;
    else if (maxAge === undefined) message = `Password policy does not make passwords expire ${allowed}.`;
    else message = `Password policy lets passwords live for ${maxAge} days ${allowed}.`;
    return [
      {
        resource: accountArn(snapshot),
        message,
        evidence: {
          maxPasswordAge: maxAge ?? null,
          allowed: options.maxAgeDays,
          customPolicy: policy !== null,
        },
      },
    ];
  },
});
