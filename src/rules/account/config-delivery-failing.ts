import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { isConfigFailure } from '../shared/guardrails.js';
import { defineRule } from '../types.js';

export const configDeliveryFailing = defineRule({
  id: 'config-delivery-failing',
  title: 'AWS Config delivers its recordings',
  severity: 'low',
  needs: ['configDeliveryStatus'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A Config recorder that records but cannot deliver (the bucket was deleted, its policy or KMS key ' +
      'refuses Config, the SNS topic is gone) keeps the history only inside Config, and nobody ' +
      'downstream (a central archive, a SIEM) receives it. The delivery channel status says whether ' +
      'the last delivery of configuration history, snapshots or the change stream failed.\n\n' +
      'One finding per delivery channel whose last delivery status is a failure (compared in any ' +
      'letter case), naming the error Config recorded.',
    remediation:
      "Read the error in the finding, then fix the channel's bucket, bucket policy, KMS key or topic: " +
      '`aws configservice describe-delivery-channel-status --region <region>` shows the latest attempt. ' +
      "The recorder's role needs `s3:PutObject` on the bucket (and `kms:GenerateDataKey` on its key).",
    references: [
      'https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) =>
    sectionData(snapshot, 'configDeliveryStatus').flatMap((region) =>
      region.deliveryChannels
        .filter((channel) => isConfigFailure(channel.lastStatus))
        .map((channel) => {
          const detail = [channel.lastErrorCode, channel.lastErrorMessage].filter(Boolean).join(': ');
          return {
            resource: accountArn(snapshot),
            discriminator: `${region.region}/${channel.name}`,
            message:
              `AWS Config delivery channel ${channel.name} in ${region.region} failed its last delivery` +
              `${detail ? ` (${detail})` : ''}.`,
            evidence: { region: region.region, channel },
          };
        }),
    ),
});
