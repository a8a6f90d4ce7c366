// configDeliveryStatus: in every enabled region, how each AWS Config delivery channel's last
// delivery went. No channel in a region is an empty list there, not an error.
import { DescribeDeliveryChannelStatusCommand } from '@aws-sdk/client-config-service';
import { normalizeDeliveryChannels } from '../snapshot/guardrail-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { forEachEnabledRegion } from '../collect/regional.js';

export const configDeliveryStatusCollector: SectionCollector<'configDeliveryStatus'> = {
  section: 'configDeliveryStatus',
  collect: (context) =>
    forEachEnabledRegion(context, 'configDeliveryStatus', async (region) => {
      const output = await context.clients
        .inRegion('config', region)
        .send(new DescribeDeliveryChannelStatusCommand({}));
      return normalizeDeliveryChannels(region, {
        output,
        source: `config:DescribeDeliveryChannelStatus response in ${region}`,
      });
    }),
};
