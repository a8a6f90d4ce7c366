import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { activeAccessKeys, hasConsolePassword, iamUserRows } from '../shared/credential-report.js';
import { plural } from '../../util/words.js';
import { defineRule } from '../types.js';

export const userWithoutMfa = defineRule({
  id: 'user-without-mfa',
  title: 'Every IAM user has MFA',
  severity: 'low',
  needs: ['credentialReport'],
  supersededBy: ['user-console-without-mfa', 'user-admin-without-mfa'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'This is the broad version of `user-console-without-mfa`: every IAM user without an MFA device, ' +
      'including users that only have access keys. A user that rule or `user-admin-without-mfa` reports ' +
      'is not reported again here. A key-only user cannot use MFA to sign in, but with a ' +
      'device it can be held to policies that require `aws:MultiFactorAuthPresent` (through ' +
      'GetSessionToken with an MFA code), so that a leaked key alone achieves little. Users without any credential ' +
      'are reported too: anyone who can give them a password or key later inherits the gap.',
    remediation:
      'Assign an MFA device to the user, and require MFA in its policies for sensitive actions. Better, ' +
      'replace long-lived IAM users with IAM Identity Center for people and IAM roles for workloads.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: { 'aws-security-hub': ['IAM.19'] },
  check: ({ snapshot }) =>
    iamUserRows(sectionData(snapshot, 'credentialReport'))
      .filter((row) => !row.mfaActive)
      .map((row) => {
        const consolePassword = hasConsolePassword(row);
        const activeKeys = activeAccessKeys(row).length;
        return {
          resource: row.arn,
          message: `${row.user} has no MFA device (console password: ${consolePassword ? 'yes' : 'no'}, ${plural(activeKeys, 'active access key')}).`,
          evidence: { consolePassword, activeAccessKeys: activeKeys },
        };
      }),
});
