import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import {
  describeUnused,
  hasConsolePassword,
  iamUserRows,
  passwordUnusedSince,
  unusedEvidence,
} from '../shared/credential-report.js';
import { isMoreThanDaysAgo } from '../shared/days.js';
import { countableDate, credentialField } from '../shared/future-dates.js';
import { positiveCountOption } from '../shared/options.js';
import { cis, defineRule } from '../types.js';

export const userUnusedPassword = defineRule({
  id: 'user-unused-password',
  title: 'Console passwords are used or removed',
  severity: 'medium',
  needs: ['credentialReport'],
  options: z
    .object({
      maxUnusedDays: positiveCountOption(
        45,
        'A console password unused for more than this many days is reported.',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'A password nobody uses is attack surface with no benefit: its owner may have left, and nobody ' +
      'would notice someone else signing in with it. The idle time runs from `password_last_used`; for a ' +
      'password never used (or last used before IAM began tracking on 2014-10-20) it runs from ' +
      "`password_last_changed`, else from the user's creation. Exactly `maxUnusedDays` days is not " +
      'reported, a second more is.',
    remediation:
      'Confirm the person still needs console access. If not, delete the login profile ' +
      '(`aws iam delete-login-profile --user-name NAME`); the user and its other credentials stay.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.12', v4: '1.12', v5: '1.11', v6: '2.11', v7: '2.11' }),
    'aws-security-hub': ['IAM.22', 'IAM.8'],
  },
  check: (context) => {
    const { snapshot, options, now } = context;
    return iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) => {
      if (!hasConsolePassword(row)) return [];
      const since = passwordUnusedSince(row);
      if (!since || !countableDate(since.date, credentialField(row, since.column), context)) return [];
      if (!isMoreThanDaysAgo(since.date, now, options.maxUnusedDays)) return [];
      const message = `${describeUnused(`Console password of ${row.user}`, since, now)} (allowed: ${options.maxUnusedDays}).`;
      return [
        {
          resource: row.arn,
          message,
          evidence: unusedEvidence(since, now, options.maxUnusedDays),
        },
      ];
    });
  },
});
