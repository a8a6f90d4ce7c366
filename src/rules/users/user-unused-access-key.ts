import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import {
  activeAccessKeys,
  describeKey,
  describeUnused,
  iamUserRows,
  keyDiscriminator,
  keyUnusedSince,
  unusedEvidence,
} from '../shared/credential-report.js';
import { isMoreThanDaysAgo } from '../shared/days.js';
import { countableDate, credentialField } from '../shared/future-dates.js';
import { positiveCountOption } from '../shared/options.js';
import { cis, defineRule } from '../types.js';

export const userUnusedAccessKey = defineRule({
  id: 'user-unused-access-key',
  title: 'Active access keys are used or removed',
  severity: 'medium',
  needs: ['credentialReport'],
  options: z
    .object({
      maxUnusedDays: positiveCountOption(
        45,
        'An active access key unused for more than this many days is reported.',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'An active key that nothing uses is a standing secret with no owner: it may sit in an old script, ' +
      'a laptop backup or a repository, and its use by someone else would stand out to nobody. The idle ' +
      'time runs from `access_key_N_last_used_date`; for a key never used (or last used before IAM began ' +
      'tracking on 2015-04-22) it runs from its creation, `access_key_N_last_rotated`. Exactly ' +
      '`maxUnusedDays` days is not reported, a second more is. Each key slot is its own finding ' +
      '(discriminator `key1` or `key2`).',
    remediation:
      'Deactivate the key (`aws iam update-access-key --status Inactive`), wait to see whether anything ' +
      'breaks, then delete it. Workloads that still need AWS access should use an IAM role instead.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.12', v4: '1.12', v5: '1.11', v6: '2.11', v7: '2.11' }),
    'aws-security-hub': ['IAM.22', 'IAM.8'],
  },
  check: (context) => {
    const { snapshot, options, now } = context;
    return iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) =>
      activeAccessKeys(row).flatMap((active) => {
        const { slot } = active;
        const since = keyUnusedSince(active);
        if (!since || !countableDate(since.date, credentialField(row, since.column), context)) return [];
        if (!isMoreThanDaysAgo(since.date, now, options.maxUnusedDays)) return [];
        return [
          {
            resource: row.arn,
            discriminator: keyDiscriminator(slot),
            message: `${describeUnused(describeKey(slot, row), since, now)} (allowed: ${options.maxUnusedDays}).`,
            evidence: { slot, ...unusedEvidence(since, now, options.maxUnusedDays) },
          },
        ];
      }),
    );
  },
});
