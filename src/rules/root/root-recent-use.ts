import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { findRootRow } from '../shared/credential-report.js';
import { dayAndAge, isMoreThanDaysAgo } from '../shared/days.js';
import { positiveCountOption } from '../shared/options.js';
import { joinWithAnd } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

export const rootRecentUse = defineRule({
  id: 'root-recent-use',
  title: 'The root user has not been used recently',
  severity: 'high',
  needs: ['credentialReport'],
  options: z
    .object({
      windowDays: positiveCountOption(
        90,
        'A root sign-in or key use at most this many days before the snapshot is reported.',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'Root should sign in only for the few tasks that require it (changing the support plan, closing ' +
      'the account, restoring a bucket policy that locks everyone out). Regular root use means people ' +
      'share the most powerful credential in the account, with no per-person attribution and no ' +
      'permission boundary.\n\n' +
      'iamspect reports root when its password or either access key was last used within `windowDays` ' +
      'of the snapshot: exactly `windowDays` days ago is inside the window, a second more is outside. ' +
      'Password use is not recorded within 5 minutes of an earlier use, and key use within 15 minutes, so ' +
      'the dates are the latest recorded uses.',
    remediation:
      'Find out who used root and why (CloudTrail events with `userIdentity.type = Root`). Give that ' +
      'person an IAM Identity Center or IAM role for the task, keep root for the tasks that require it, ' +
      'and delete any root access key. In an Organizations member account, consider centralized root ' +
      'access, which runs root-only tasks as short, audited sessions from the management account.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.7', v4: '1.7', v5: '1.6', v6: '2.6', v7: '2.7' }),
    'aws-security-hub': ['IAM.20'],
  },
  check: ({ snapshot, options, now }) => {
    const row = findRootRow(sectionData(snapshot, 'credentialReport'));
    if (!row) {
      throw new Error('The credential report has no root row, so root use cannot be judged.');
    }
    const uses = [
      { credential: 'password', lastUsed: row.passwordLastUsed },
      ...row.accessKeys.map((key, index) => ({
        credential: `access key ${index + 1}`,
        lastUsed: key.lastUsedDate,
      })),
    ].filter(
      (use): use is { credential: string; lastUsed: string } =>
        use.lastUsed !== null && !isMoreThanDaysAgo(use.lastUsed, now, options.windowDays),
    );
    if (uses.length === 0) return [];
    const described = uses.map((use) => `${use.credential} on ${dayAndAge(use.lastUsed, now)}`);
    return [
      {
        resource: accountArn(snapshot),
        message: `Root user was used within the last ${options.windowDays} days: ${joinWithAnd(described)}.`,
        evidence: { windowDays: options.windowDays, uses },
      },
    ];
  },
});
