import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import { cis, defineRule } from '../types.js';

export const cloudtrailLogValidation = defineRule({
  id: 'cloudtrail-log-validation',
  title: 'CloudTrail trails validate their log files',
  severity: 'medium',
  needs: ['cloudTrails'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'With log file validation, CloudTrail delivers a signed digest every hour naming the hash of ' +
      'each log file it wrote, so `aws cloudtrail validate-logs` can prove that a log was not changed ' +
      'or deleted afterwards. Without it, someone who can write to the bucket can quietly edit the ' +
      'record of what they did. One finding per trail the account sees without validation.',
    remediation:
      "`aws cloudtrail update-trail --name <trail> --enable-log-file-validation` (in the trail's " +
      'home region; an organization trail is changed from the management account).',
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4',
    ],
  },
  frameworks: {
    ...cis({ v3: '3.2', v4: '3.2', v5: '3.2', v6: '4.2', v7: '4.2' }),
    'aws-security-hub': ['CloudTrail.4'],
  },
  check: ({ snapshot }) =>
    sectionData(snapshot, 'cloudTrails')
      .filter((trail) => !trail.logFileValidation)
      .map((trail) => ({
        resource: trail.arn,
        message: `CloudTrail trail ${trail.name} does not validate its log files: a log file changed or deleted after delivery goes unnoticed.`,
        evidence: { homeRegion: trail.homeRegion, organizationTrail: trail.organizationTrail },
      })),
});
