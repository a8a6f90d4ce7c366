import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { plural } from '../../util/words.js';
import { unreadReads, trailShortfall } from '../shared/cloudtrail.js';
import { cis, defineRule } from '../types.js';

export const cloudtrailEnabled = defineRule({
  id: 'cloudtrail-enabled',
  title: 'A multi-region CloudTrail trail logs every management event',
  severity: 'high',
  needs: ['cloudTrails'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'CloudTrail is the record of who did what in the account: without a trail, API calls are kept ' +
      'only in the 90-day event history, and an investigation after a compromise has nothing older ' +
      'to go on. A trail that covers one region misses activity in the others, which is where an ' +
      'attacker with stolen keys likes to work.\n\n' +
      'Passes when at least one trail the account sees (its own, or an organization trail that ' +
      'covers it) is multi-region, is logging (GetTrailStatus `IsLogging`) and records every ' +
      'management event, reads and writes: a classic event selector with `IncludeManagementEvents` ' +
      'and `ReadWriteType` `All` and no excluded event source, or an advanced selector whose only ' +
      "field is `eventCategory` = `Management`. Status and selectors are read in the trail's home " +
      'region; a trail whose status or selectors the caller may not read, and which could otherwise ' +
      'pass, is not evaluated.',
    remediation:
      'Create a multi-region trail (or an organization trail from the management account): ' +
      '`aws cloudtrail create-trail --name management-events --s3-bucket-name <bucket> ' +
      '--is-multi-region-trail --enable-log-file-validation`, then `aws cloudtrail start-logging ' +
      '--name management-events`. New trails record all management events by default; to restore ' +
      'them, `aws cloudtrail put-event-selectors --trail-name management-events --event-selectors ' +
      '\'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'`.',
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1',
    ],
  },
  frameworks: {
    ...cis({ v3: '3.1', v4: '3.1', v5: '3.1', v6: '4.1', v7: '4.1' }),
    'aws-security-hub': ['CloudTrail.1'],
  },
  check: ({ snapshot, notEvaluated }) => {
    const trails = sectionData(snapshot, 'cloudTrails');
    const judged = trails.map((trail) => ({ trail, shortfall: trailShortfall(trail) }));
    if (judged.some(({ shortfall }) => Array.isArray(shortfall) && shortfall.length === 0)) return [];
    const unknown = judged.filter(({ shortfall }) => shortfall === 'unknown');
    if (unknown.length > 0) {
      // One of these might be the trail that records everything: neither a pass nor a finding.
      for (const { trail } of unknown) {
        notEvaluated(
          trail.arn,
          `${unreadReads(trail)}: whether the trail records every management event is unknown`,
        );
      }
      return [];
    }
    const message =
      trails.length === 0
        ? 'No CloudTrail trail: API calls in this account are recorded only in the 90-day event history.'
        : 'No multi-region CloudTrail trail is logging every management event: ' +
          `${plural(trails.length, 'trail')}, none of which does ` +
          `(${judged.map(({ trail, shortfall }) => `${trail.name}: ${(shortfall as string[]).join(', ')}`).join('; ')}). ` +
          'API calls in the other regions leave no record.';
    return [
      {
        resource: accountArn(snapshot),
        message,
        evidence: {
          trails: judged.map(({ trail, shortfall }) => ({ arn: trail.arn, shortfall })),
        },
      },
    ];
  },
});
