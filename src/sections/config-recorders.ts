// configRecorders: in every enabled region, the AWS Config recorders (what they record), and
// whether each is recording and how its last recording went. No recorder in a region is an empty
// list there, not an error. The delivery channels are another section (configDeliveryStatus), so
// that a failing DescribeDeliveryChannelStatus leaves the recorder rules evaluated. The two calls
// here stay one section: config-recorder-disabled, the only rule reading it, needs both (a
// recorder that exists but is not recording is the finding).
import { z } from 'zod';
import { forEachEnabledRegion } from '../collect/regional.js';
import { parseCliJson, regionalFile } from '../snapshot/aws-cli-file.js';
import type { SourcedOutput } from '../snapshot/input-validation.js';
import { jsonProtocolTimestamp, optionalString, validateInput } from '../snapshot/input-validation.js';
import { isoDate } from '../snapshot/schema-parts.js';
import type { TimeInside } from '../snapshot/times-inside.js';
import { defineSection } from './section.js';

export const configRegionSchema = z.object({
  region: z.string(),
  recorders: z.array(
    z.object({
      name: z.string(),
      roleArn: z.string().nullable(),
      allSupported: z.boolean().nullable(),
      includeGlobalResourceTypes: z.boolean().nullable(),
      recordingStrategy: z.string().nullable(),
      resourceTypes: z.array(z.string()),
      servicePrincipal: z.string().nullable(),
    }),
  ),
  statuses: z.array(
    z.object({
      name: z.string(),
      recording: z.boolean(),
      lastStatus: z.string().nullable(),
      lastErrorCode: z.string().nullable(),
      lastErrorMessage: z.string().nullable(),
      lastStatusChangeTime: isoDate.nullable(),
    }),
  ),
});
export type ConfigRegion = z.infer<typeof configRegionSchema>;

const recordersOutput = z.object({
  ConfigurationRecorders: z
    .array(
      z.object({
        name: z.string(),
        roleARN: optionalString,
        recordingGroup: z
          .object({
            allSupported: z.boolean().optional(),
            includeGlobalResourceTypes: z.boolean().optional(),
            resourceTypes: z.array(z.string()).optional(),
            recordingStrategy: z.object({ useOnly: z.string().optional() }).optional(),
          })
          .optional(),
        servicePrincipal: optionalString,
      }),
    )
    .optional(),
});

const recorderStatusOutput = z.object({
  ConfigurationRecordersStatus: z
    .array(
      z.object({
        name: z.string(),
        recording: z.boolean().optional(),
        lastStatus: optionalString,
        lastErrorCode: optionalString,
        lastErrorMessage: optionalString,
        lastStatusChangeTime: jsonProtocolTimestamp.optional(),
      }),
    )
    .optional(),
});

/** The two Config recorder outputs of one region. */
export interface ConfigOutputs {
  recorders: SourcedOutput;
  statuses: SourcedOutput;
}

/** Config recorders and their status in one region. */
export function normalizeConfigRegion(region: string, outputs: ConfigOutputs): ConfigRegion {
  const recorders = validateInput(recordersOutput, outputs.recorders.output, outputs.recorders.source);
  const statuses = validateInput(recorderStatusOutput, outputs.statuses.output, outputs.statuses.source);
  return {
    region,
    recorders: (recorders.ConfigurationRecorders ?? []).map((recorder) => ({
      name: recorder.name,
      roleArn: recorder.roleARN,
      allSupported: recorder.recordingGroup?.allSupported ?? null,
      includeGlobalResourceTypes: recorder.recordingGroup?.includeGlobalResourceTypes ?? null,
      recordingStrategy: recorder.recordingGroup?.recordingStrategy?.useOnly ?? null,
      resourceTypes: recorder.recordingGroup?.resourceTypes ?? [],
      servicePrincipal: recorder.servicePrincipal,
    })),
    statuses: (statuses.ConfigurationRecordersStatus ?? []).map((status) => ({
      name: status.name,
      recording: status.recording ?? false,
      lastStatus: status.lastStatus,
      lastErrorCode: status.lastErrorCode,
      lastErrorMessage: status.lastErrorMessage,
      lastStatusChangeTime: status.lastStatusChangeTime ?? null,
    })),
  };
}

const RECORDER_STATUS = 'describe-configuration-recorder-status';

function configRegionTimes(region: ConfigRegion): TimeInside[] {
  const file = regionalFile(RECORDER_STATUS, region.region);
  return region.statuses.map((status) => ({
    what: `lastStatusChangeTime of recorder ${status.name} in ${file}`,
    time: status.lastStatusChangeTime,
  }));
}

export const configRecordersSection = defineSection({
  name: 'configRecorders',
  data: z.array(configRegionSchema),
  reads: ['config:DescribeConfigurationRecorderStatus', 'config:DescribeConfigurationRecorders'],
  readWith: ['regions'],
  collect: (context) =>
    forEachEnabledRegion(context, 'configRecorders', async (region) => {
      const { DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } =
        await import('@aws-sdk/client-config-service');
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
  // None of the Config calls is paginated; each returns its list, empty when nothing is set up.
  awsCli: {
    kind: 'per-region',
    commands: [
      {
        name: 'describe-configuration-recorders',
        shape: { required: { ConfigurationRecorders: 'list' } },
      },
      { name: RECORDER_STATUS, shape: { required: { ConfigurationRecordersStatus: 'list' } } },
    ],
    howToSave:
      'in each enabled region R: aws configservice describe-configuration-recorders --region R > describe-configuration-recorders.R.json, ' +
      'and likewise describe-configuration-recorder-status',
    action: 'config:DescribeConfigurationRecorders',
    read: (region, [recorders, statuses]) =>
      normalizeConfigRegion(region, {
        recorders: { output: parseCliJson(recorders!), source: recorders!.path },
        statuses: { output: parseCliJson(statuses!), source: statuses!.path },
      }),
    timesInside: configRegionTimes,
  },
});
