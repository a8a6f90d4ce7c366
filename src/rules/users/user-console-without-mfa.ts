import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { hasConsolePassword, iamUserRows } from '../shared/credential-report.js';
import { dayAndAge } from '../shared/days.js';
import { cis, defineRule } from '../types.js';

export const userConsoleWithoutMfa = defineRule({
  id: 'user-console-without-mfa',
  title: 'IAM users who can sign in to the console have MFA',
  severity: 'high',
  needs: ['credentialReport'],
  supersededBy: ['user-admin-without-mfa'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A console password alone falls to phishing, reuse from another breached site, or guessing. MFA ' +
      'makes a stolen password useless on its own. A user counts as a console user when the credential ' +
      'report says `password_enabled=true`, and as having MFA when `mfa_active=true` (any device type). ' +
      'An administrator is reported by `user-admin-without-mfa` instead.',
    remediation:
      'Have the user assign an MFA device (a FIDO security key or passkey resists phishing best), and ' +
      'enforce it with a policy that denies everything but MFA self-service while ' +
      '`aws:MultiFactorAuthPresent` is false. If the user does not need the console, delete the login ' +
      'profile instead (`aws iam delete-login-profile --user-name NAME`).',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.10', v4: '1.10', v5: '1.9', v6: '2.9', v7: '2.10' }),
    'aws-security-hub': ['IAM.5'],
  },
  check: ({ snapshot, now }) =>
    iamUserRows(sectionData(snapshot, 'credentialReport'))
      .filter((row) => hasConsolePassword(row) && !row.mfaActive)
      .map((row) => ({
        resource: row.arn,
        message:
          `${row.user} can sign in to the console with a password but has no MFA device; ` +
          (row.passwordLastUsed
            ? `the password was last used ${dayAndAge(row.passwordLastUsed, now)}.`
            : 'the password has no recorded use.'),
        evidence: { passwordLastUsed: row.passwordLastUsed },
      })),
});
