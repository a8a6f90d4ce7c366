// configDeliveryStatus: in every enabled region, how each AWS Config delivery channel's last
// delivery went. No channel in a region is an empty list there, not an error. A section of its
// own, because DescribeDeliveryChannelStatus can fail where the recorder calls answer (emulators
// lack it), and only config-delivery-failing needs it.
import { z } from 'zod';
import { forEachEnabledRegion } from '../collect/regional.js';
import { parseCliJson, regionalFile } from '../snapshot/aws-cli-file.js';
import type { SourcedOutput } from '../snapshot/input-validation.js';
import { jsonProtocolTimestamp, optionalString, validateInput } from '../snapshot/input-validation.js';
import { isoDate } from '../snapshot/schema-parts.js';
import type { TimeInside } from '../snapshot/times-inside.js';
import { defineSection } from './section.js';

/** How the delivery channels' last deliveries went in one region. */
export const configDeliveryRegionSchema = z.object({
  region: z.string(),
  deliveryChannels: z.array(
    z.object({
      name: z.string(),
      lastStatus: z.string().nullable(),
      lastErrorCode: z.string().nullable(),
      lastErrorMessage: z.string().nullable(),
      lastAttemptTime: isoDate.nullable(),
    }),
  ),
});
export type ConfigDeliveryRegion = z.infer<typeof configDeliveryRegionSchema>;

const deliveryInfo = z
  .object({
    lastStatus: optionalString,
    lastErrorCode: optionalString,
    lastErrorMessage: optionalString,
    lastAttemptTime: jsonProtocolTimestamp.optional(),
    // The configuration stream reports a change time instead of an attempt time.
    lastStatusChangeTime: jsonProtocolTimestamp.optional(),
  })
  .optional();

const deliveryChannelStatusOutput = z.object({
  DeliveryChannelsStatus: z
    .array(
      z.object({
        name: z.string(),
        configHistoryDeliveryInfo: deliveryInfo,
        configSnapshotDeliveryInfo: deliveryInfo,
        configStreamDeliveryInfo: deliveryInfo,
      }),
    )
    .optional(),
});

type DeliveryInfo = NonNullable<z.infer<typeof deliveryInfo>>;
type ChannelStatus = NonNullable<
  z.infer<typeof deliveryChannelStatusOutput>['DeliveryChannelsStatus']
>[number];

/**
 * One status per channel: the first of its deliveries (history, snapshot, stream) whose last
 * attempt failed, else the first it reports at all. lastStatus is compared case-insensitively:
 * the model says `Failure`, the AWS CLI examples show `FAILURE`.
 */
function channelDelivery(channel: ChannelStatus): DeliveryInfo | undefined {
  const deliveries = [
    channel.configHistoryDeliveryInfo,
    channel.configSnapshotDeliveryInfo,
    channel.configStreamDeliveryInfo,
  ].filter((delivery): delivery is DeliveryInfo => delivery !== undefined);
  return deliveries.find((delivery) => delivery.lastStatus?.toUpperCase() === 'FAILURE') ?? deliveries[0];
}

/** The delivery channels' status in one region (DescribeDeliveryChannelStatus). */
export function normalizeDeliveryChannels(
  region: string,
  channelStatus: SourcedOutput,
): ConfigDeliveryRegion {
  const channels = validateInput(deliveryChannelStatusOutput, channelStatus.output, channelStatus.source);
  return {
    region,
    deliveryChannels: (channels.DeliveryChannelsStatus ?? []).map((channel) => {
      const delivery = channelDelivery(channel);
      return {
        name: channel.name,
        lastStatus: delivery?.lastStatus ?? null,
        lastErrorCode: delivery?.lastErrorCode ?? null,
        lastErrorMessage: delivery?.lastErrorMessage ?? null,
        lastAttemptTime: delivery?.lastAttemptTime ?? delivery?.lastStatusChangeTime ?? null,
      };
    }),
  };
}

const CHANNEL_STATUS = 'describe-delivery-channel-status';

function deliveryChannelTimes(region: ConfigDeliveryRegion): TimeInside[] {
  const file = regionalFile(CHANNEL_STATUS, region.region);
  return region.deliveryChannels.map((channel) => ({
    what: `lastAttemptTime of channel ${channel.name} in ${file}`,
    time: channel.lastAttemptTime,
  }));
}

export const configDeliveryStatusSection = defineSection({
  name: 'configDeliveryStatus',
  data: z.array(configDeliveryRegionSchema),
  reads: ['config:DescribeDeliveryChannelStatus'],
  readWith: ['regions'],
  collect: (context) =>
    forEachEnabledRegion(context, 'configDeliveryStatus', async (region) => {
      const { DescribeDeliveryChannelStatusCommand } = await import('@aws-sdk/client-config-service');
      const output = await context.clients
        .inRegion('config', region)
        .send(new DescribeDeliveryChannelStatusCommand({}));
      return normalizeDeliveryChannels(region, {
        output,
        source: `config:DescribeDeliveryChannelStatus response in ${region}`,
      });
    }),
  awsCli: {
    kind: 'per-region',
    commands: [{ name: CHANNEL_STATUS, shape: { required: { DeliveryChannelsStatus: 'list' } } }],
    howToSave:
      'in each enabled region R: aws configservice describe-delivery-channel-status --region R > describe-delivery-channel-status.R.json',
    action: 'config:DescribeDeliveryChannelStatus',
    read: (region, [channels]) =>
      normalizeDeliveryChannels(region, { output: parseCliJson(channels!), source: channels!.path }),
    timesInside: deliveryChannelTimes,
  },
});
