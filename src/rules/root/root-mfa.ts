import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { findRootRow } from '../shared/credential-report.js';
import { rootCredentials, summaryFlag } from '../shared/root-credentials.js';
import { joinWithAnd } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

export const rootMfa = defineRule({
  id: 'root-mfa',
  title: 'The root user has MFA, or no credentials to sign in with',
  severity: 'critical',
  needs: ['credentialReport', 'accountSummary'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'Root can do anything in the account, including closing it and changing its contact email. With ' +
      'only a password, anyone who phishes or resets that password owns the account.\n\n' +
      'A root user with no password, no active access key and no active signing certificate cannot sign ' +
      'in at all, so it needs no MFA: that is the state of AWS Organizations member accounts whose root ' +
      'access is centrally managed, and of GovCloud accounts (whose credential report says ' +
      '`password_enabled=not_supported` and `mfa_active=false`). Such accounts are not reported.\n\n' +
      'MFA and password come from the account summary (`AccountMFAEnabled`, `AccountPasswordPresent`), ' +
      'which is read live, and from the credential report root row when the summary lacks them.',
    remediation:
      'Sign in as root, open **Security credentials** and assign an MFA device: preferably a FIDO security ' +
      'key or hardware TOTP token kept in a safe place, registering a second device as a backup. In an ' +
      'Organizations member account, consider deleting the root credentials altogether with centralized ' +
      'root access.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.5', v4: '1.5', v5: '1.4', v6: '2.4', v7: '2.5' }),
    'aws-security-hub': ['IAM.9'],
  },
  check: ({ snapshot }) => {
    const row = findRootRow(sectionData(snapshot, 'credentialReport'));
    const summary = sectionData(snapshot, 'accountSummary');
    const mfaEnabled = summaryFlag(summary, 'AccountMFAEnabled') ?? row?.mfaActive;
    if (mfaEnabled === undefined) {
      throw new Error(
        'Cannot tell whether root has MFA: the account summary has no AccountMFAEnabled and the credential report has no root row.',
      );
    }
    if (mfaEnabled) return [];
    const credentials = rootCredentials(row, summary);
    if (credentials.length === 0) return [];
    return [
      {
        resource: accountArn(snapshot),
        message: `Root user has no MFA device but holds ${joinWithAnd(credentials)}.`,
        evidence: { credentials },
      },
    ];
  },
});
