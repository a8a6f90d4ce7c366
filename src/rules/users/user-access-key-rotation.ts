import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { activeAccessKeys, describeKey, iamUserRows, keyDiscriminator } from '../shared/credential-report.js';
import { dayOf, daysRoundedUp, isMoreThanDaysAgo } from '../shared/days.js';
import { accessKeyColumn, countableDate, credentialField } from '../shared/future-dates.js';
import { positiveCountOption } from '../shared/options.js';
import { cis, defineRule } from '../types.js';

export const userAccessKeyRotation = defineRule({
  id: 'user-access-key-rotation',
  title: 'Active access keys are rotated regularly',
  severity: 'medium',
  needs: ['credentialReport'],
  options: z
    .object({
      maxAgeDays: positiveCountOption(
        90,
        'An active access key created more than this many days ago is reported.',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'The older a key, the more places it has been copied to (CI settings, laptops, backups, chat) and ' +
      "the longer a silent leak stays useful. Rotation bounds that window. A key's age runs from " +
      '`access_key_N_last_rotated`, its creation date; exactly `maxAgeDays` days is not reported, a second ' +
      'more is. Each key slot is its own finding (discriminator `key1` or `key2`).',
    remediation:
      'Create a second key, move every consumer to it, deactivate the old key, and delete it once nothing ' +
      'breaks. Better, replace the key with an IAM role (for workloads on AWS) or IAM Roles Anywhere.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.14', v4: '1.14', v5: '1.13', v6: '2.13', v7: '2.12' }),
    'aws-security-hub': ['IAM.3'],
  },
  check: (context) => {
    const { snapshot, options, now } = context;
    return iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) =>
      activeAccessKeys(row).flatMap(({ slot, key }) => {
        if (!key.lastRotated) return [];
        const field = credentialField(row, accessKeyColumn(slot, 'last_rotated'));
        if (!countableDate(key.lastRotated, field, context)) return [];
        if (!isMoreThanDaysAgo(key.lastRotated, now, options.maxAgeDays)) return [];
        const ageDays = daysRoundedUp(key.lastRotated, now);
        return [
          {
            resource: row.arn,
            discriminator: keyDiscriminator(slot),
            message: `${describeKey(slot, row)} is ${ageDays} days old, created ${dayOf(key.lastRotated)} (allowed: ${options.maxAgeDays}).`,
            evidence: { slot, ageDays, created: key.lastRotated, maxAgeDays: options.maxAgeDays },
          },
        ];
      }),
    );
  },
});
