import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { activeAccessKeys, iamUserRows } from '../shared/credential-report.js';
import { dayOf } from '../shared/days.js';
import { cis, defineRule } from '../types.js';

export const userMultipleActiveKeys = defineRule({
  id: 'user-multiple-active-keys',
  title: 'IAM users have at most one active access key',
  severity: 'medium',
  needs: ['credentialReport'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'IAM allows two access keys per user so that a key can be rotated without downtime: create the ' +
      'new key, move the consumers, deactivate the old one. Two keys that stay active mean a rotation was ' +
      'never finished, or two consumers share one identity; either way there is one more secret to leak ' +
      'than needed.',
    remediation:
      'Find which key is still in use (the credential report gives each last use), move every consumer ' +
      'to it, then deactivate and delete the other.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    ],
  },
  frameworks: cis({ v3: '1.13', v4: '1.13', v5: '1.12', v6: '2.12' }),
  check: ({ snapshot }) =>
    iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) => {
      const keys = activeAccessKeys(row);
      if (keys.length < 2) return [];
      const described = keys.map(
        ({ slot, key }) => `key ${slot} last used ${key.lastUsedDate ? dayOf(key.lastUsedDate) : 'never'}`,
      );
      return [
        {
          resource: row.arn,
          message: `${row.user} has ${keys.length} active access keys (${described.join('; ')}).`,
          evidence: {
            keys: keys.map(({ slot, key }) => ({
              slot,
              lastRotated: key.lastRotated,
              lastUsedDate: key.lastUsedDate,
            })),
          },
        },
      ];
    }),
});
