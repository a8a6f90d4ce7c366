import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import {
  activeAccessKeys,
  describeKey,
  hasConsolePassword,
  iamUserRows,
  keyDiscriminator,
} from '../shared/credential-report.js';
import { dayOf, MS_PER_HOUR } from '../shared/days.js';
import { positiveCountOption } from '../shared/options.js';
import { plural } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

export const userAccessKeyAtSetup = defineRule({
  id: 'user-access-key-at-setup',
  title: 'Console users were not given access keys at creation that they never used',
  severity: 'low',
  needs: ['credentialReport'],
  options: z
    .object({
      setupWindowHours: positiveCountOption(
        24,
        'A key created at most this many hours after its user counts as created during setup.',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'Creating an access key for every new console user "just in case" hands out long-lived secrets ' +
      'nobody asked for; the never-used key then waits to leak. CIS asks that keys be created only when ' +
      'a user needs one.\n\n' +
      'Reported: an IAM user with a console password whose active key has never been used ' +
      '(`access_key_N_last_used_date` is N/A) and was created (`access_key_N_last_rotated`) within ' +
      '`setupWindowHours` of the user. Exactly `setupWindowHours` after creation still counts as setup, ' +
      'a second later does not. Users without a console password are workloads, not people, and are left ' +
      'to `user-unused-access-key`.',
    remediation:
      'Delete the unused key (`aws iam delete-access-key --user-name NAME --access-key-id ID`). Change the ' +
      'onboarding process so keys are created by the user, on demand, if at all.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
    ],
  },
  frameworks: cis({ v3: '1.11', v4: '1.11', v5: '1.10', v6: '2.10' }),
  check: ({ snapshot, options }) =>
    iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) => {
      if (!hasConsolePassword(row) || !row.userCreationTime) return [];
      const userCreated = Date.parse(row.userCreationTime);
      return activeAccessKeys(row).flatMap(({ slot, key }) => {
        if (key.lastUsedDate !== null || key.lastRotated === null) return [];
        const hoursAfterUser = (Date.parse(key.lastRotated) - userCreated) / MS_PER_HOUR;
        if (hoursAfterUser > options.setupWindowHours) return [];
        return [
          {
            resource: row.arn,
            discriminator: keyDiscriminator(slot),
            message:
              `${describeKey(slot, row)} was created with the user (${plural(Math.max(0, Math.floor(hoursAfterUser)), 'hour')} ` +
              `after it, on ${dayOf(key.lastRotated)}) and has never been used (setup window: ${plural(options.setupWindowHours, 'hour')}).`,
            evidence: {
              slot,
              userCreationTime: row.userCreationTime,
              keyCreated: key.lastRotated,
              setupWindowHours: options.setupWindowHours,
            },
          },
        ];
      });
    }),
});
