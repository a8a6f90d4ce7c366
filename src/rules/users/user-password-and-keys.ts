import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { activeAccessKeys, hasConsolePassword, iamUserRows } from '../shared/credential-report.js';
import { joinWithAnd } from '../../util/words.js';
import { defineRule } from '../types.js';

export const userPasswordAndKeys = defineRule({
  id: 'user-password-and-keys',
  title: 'No IAM user has both a console password and an active access key',
  severity: 'low',
  needs: ['credentialReport'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A console password is a human login; an access key is usually a machine credential. One identity ' +
      'holding both mixes the two: the permissions a script needs end up with a person (or the other way ' +
      'round), MFA that protects the console does not protect the key, and CloudTrail cannot tell whether ' +
      'a person or a program acted.',
    remediation:
      'Split the identity: keep the user for the person (better, move the person to IAM Identity Center), ' +
      'and give the workload its own role or, if it must, its own IAM user with only the key.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) =>
    iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) => {
      const slots = activeAccessKeys(row).map(({ slot }) => slot);
      if (!hasConsolePassword(row) || slots.length === 0) return [];
      const keys = `active access key${slots.length > 1 ? 's' : ''} ${joinWithAnd(slots.map(String))}`;
      return [
        {
          resource: row.arn,
          message: `${row.user} has a console password and ${keys}.`,
          evidence: { activeKeySlots: slots },
        },
      ];
    }),
});
