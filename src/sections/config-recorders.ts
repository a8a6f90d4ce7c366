// configRecorders: in every enabled region, the AWS Config recorders (what they record), and
// whether each is recording and how its last recording went. No recorder in a region is an empty
// list there, not an error. The delivery channels are another section (configDeliveryStatus), so
// that a failing DescribeDeliveryChannelStatus leaves the recorder rules evaluated.
import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { normalizeConfigRegion } from '../snapshot/guardrail-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { forEachEnabledRegion } from '../collect/regional.js';

export const configRecordersCollector: SectionCollector<'configRecorders'> = {
  section: 'configRecorders',
  collect: (context) =>
    forEachEnabledRegion(context, 'configRecorders', async (region) => {
      const config = context.clients.inRegion('config', region);
      const [recorders, statuses] = await Promise.all([
        config.send(new DescribeConfigurationRecordersCommand({})),
        config.send(new DescribeConfigurationRecorderStatusCommand({})),
      ]);
      const source = (operation: string) => `config:${operation} response in ${region}`;
      return normalizeConfigRegion(region, {
        recorders: { output: recorders, source: source('DescribeConfigurationRecorders') },
        statuses: { output: statuses, source: source('DescribeConfigurationRecorderStatus') },
      });
    }),
};
