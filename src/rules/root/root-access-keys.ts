import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { dayAndAge, dayOf } from '../shared/days.js';
import { activeAccessKeys, findRootRow, keyDiscriminator } from '../shared/credential-report.js';
import { rootFindingsFromSummary } from '../shared/root-credentials.js';
import { cis, defineRule } from '../types.js';

export const rootAccessKeys = defineRule({
  id: 'root-access-keys',
  title: 'The root user has no active access keys',
  severity: 'critical',
  needs: ['credentialReport', 'accountSummary'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A root access key signs API calls with unlimited power over the account, and no IAM policy can ' +
      'restrict it. It works without MFA, and a key copied into a script or onto a laptop leaks ' +
      'silently. Nothing needs one: every API task can be done through an IAM role.\n\n' +
      'iamspect reads the active key slots from the credential report root row. When the report has no ' +
      'root row, it falls back to `AccountAccessKeysPresent` in the account summary, which also counts ' +
      'inactive keys.',
    remediation:
      'Find what still uses the key (the finding gives its last use), move that workload to an IAM role, ' +
      'then sign in as root, open **Security credentials** and delete the key (deactivate it first if you ' +
      'want a way back). In an AWS Organizations member account with centralized root access, the ' +
      'management account can delete root credentials without signing in as root.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.4', v4: '1.4', v5: '1.3', v6: '2.3', v7: '2.4' }),
    'aws-security-hub': ['IAM.4'],
  },
  check: ({ snapshot, now }) => {
    const resource = accountArn(snapshot);
    const row = findRootRow(sectionData(snapshot, 'credentialReport'));
    if (!row) {
      const summary = sectionData(snapshot, 'accountSummary');
      return rootFindingsFromSummary(summary, 'AccountAccessKeysPresent', 'an access key', resource);
    }
    return activeAccessKeys(row).map(({ slot, key }) => ({
      resource,
      discriminator: keyDiscriminator(slot),
      message:
        `Root user has active access key ${slot}` +
        (key.lastRotated ? `, created ${dayOf(key.lastRotated)}` : '') +
        `, last used ${key.lastUsedDate ? dayAndAge(key.lastUsedDate, now) : 'never'}.`,
      evidence: {
        source: 'credential report',
        slot,
        lastRotated: key.lastRotated,
        lastUsedDate: key.lastUsedDate,
        lastUsedService: key.lastUsedService,
      },
    }));
  },
});
