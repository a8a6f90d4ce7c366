import { passwordPolicyMissing } from '../../../src/rules/password/password-policy-missing.js';
import type { PasswordPolicy } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withSection } from '../../builders/snapshot.js';

describe('password-policy-missing', () => {
  test.each<{ name: string; policy: PasswordPolicy | null; reported: boolean }>([
    { name: 'no policy (NoSuchEntity)', policy: null, reported: true },
    {
      name: 'a policy with every setting',
      policy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 },
      reported: false,
    },
    { name: 'a policy whose fields the SDK left out is still a policy', policy: {}, reported: false },
  ])('$name', ({ policy, reported }) => {
    const findings = runRule(passwordPolicyMissing, withSection(emptySnapshot(), 'passwordPolicy', policy));
    expect(findings).toEqual(
      reported
        ? [
            {
              resource: `arn:aws:iam::${ACCOUNT}:root`,
              message:
                `Account ${ACCOUNT} has no IAM password policy, so IAM's default applies: at least 8 characters ` +
                'from three of the four character classes, no expiry, no reuse prevention.',
            },
          ]
        : [],
    );
  });
});
