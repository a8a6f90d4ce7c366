// The account guard-rail outputs (Organizations, IAM organization features, regions, Config,
// Access Analyzer, alternate contacts, CloudWatch alarms) into snapshot data. Like the IAM
// normalisers they take plain values, so SDK v3 outputs (Date objects) and saved AWS CLI JSON
// (ISO strings, or epoch seconds from CLI v1) go through the same code.
import { z } from 'zod';
import { PolicyDocumentError, normalizePolicyDocument } from './policy-document.js';
import type {
  AccessAnalyzerRegion,
  AlternateContacts,
  BillingAlarm,
  ConfigDeliveryRegion,
  ConfigRegion,
  Organization,
  OrganizationFeatures,
  PolicyDocument,
  Region,
  ServiceControlPolicy,
} from './schema.js';
import { awsTimestampSchema, validateInput, validatePages } from './input-validation.js';

/** JSON-protocol timestamps: a Date (SDK), an ISO string (CLI v2) or epoch seconds (CLI v1). */
const timestamp = z.preprocess((value) => {
  if (typeof value !== 'number') return value;
  const date = new Date(value * 1000);
  // Seconds past the dates a Date can hold stay a number, which awsTimestampSchema rejects as not
  // a timestamp (toISOString() would throw).
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}, awsTimestampSchema);

const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

// ---------- Organizations ----------

const describeOrganizationOutput = z.object({
  Organization: z.object({
    Id: z.string(),
    Arn: z.string(),
    FeatureSet: optionalString,
    MasterAccountId: z.string(),
    MasterAccountArn: optionalString,
  }),
});

/** DescribeOrganization output -> the organization ("not in one" is the caller's null). */
export function normalizeOrganization(output: unknown, source: string): Organization {
  const { Organization: organization } = validateInput(describeOrganizationOutput, output, source);
  return {
    id: organization.Id,
    arn: organization.Arn,
    featureSet: organization.FeatureSet,
    managementAccountId: organization.MasterAccountId,
    managementAccountArn: organization.MasterAccountArn,
  };
}

const organizationsFeaturesOutput = z.object({
  OrganizationId: optionalString,
  EnabledFeatures: z.array(z.string()).optional(),
});

/** IAM ListOrganizationsFeatures output -> the centralized root access features that are on. */
export function normalizeOrganizationFeatures(output: unknown, source: string): OrganizationFeatures {
  const features = validateInput(organizationsFeaturesOutput, output, source);
  return { organizationId: features.OrganizationId, enabledFeatures: features.EnabledFeatures ?? [] };
}

const policySummary = z.object({
  Id: z.string(),
  Arn: z.string(),
  Name: z.string(),
  AwsManaged: z.boolean().optional(),
});

const describePolicyOutput = z.object({
  Policy: z.object({ PolicySummary: policySummary, Content: z.string().optional() }),
});

const listTargetsPage = z.object({ Targets: z.array(z.object({ TargetId: z.string() })).optional() });

/**
 * DescribePolicy output and the ListTargetsForPolicy pages of one SCP -> the policy with its
 * document (JSON text, not URL-encoded) and the ids of the roots, OUs and accounts it is attached to.
 */
export function normalizeServiceControlPolicy(
  described: unknown,
  targetPages: readonly unknown[],
  source: string,
): ServiceControlPolicy {
  const { PolicySummary: summary, Content: content } = validateInput(
    describePolicyOutput,
    described,
    source,
  ).Policy;
  return {
    id: summary.Id,
    arn: summary.Arn,
    name: summary.Name,
    awsManaged: summary.AwsManaged ?? false,
    document: content === undefined ? null : scpDocument(content),
    targetIds: validatePages(listTargetsPage, targetPages, `${source} targets`).flatMap((page) =>
      (page.Targets ?? []).map((target) => target.TargetId),
    ),
  };
}

/** Organizations validates SCPs, so this only fails on a garbled file; null then means "unknown". */
function scpDocument(content: string): PolicyDocument | null {
  try {
    return normalizePolicyDocument(content);
  } catch (error) {
    if (error instanceof PolicyDocumentError) return null;
    throw error;
  }
}

// ---------- regions ----------

/** account:ListRegions statuses of a region that can be called (ENABLING and DISABLING cannot, reliably). */
const ENABLED_ACCOUNT_STATUSES = new Set(['ENABLED', 'ENABLED_BY_DEFAULT']);
/** ec2:DescribeRegions opt-in statuses of a region that can be called. */
const ENABLED_EC2_STATUSES = new Set(['opt-in-not-required', 'opted-in']);

const listRegionsPage = z.object({
  Regions: z.array(z.object({ RegionName: z.string(), RegionOptStatus: z.string() })).optional(),
});

/** account:ListRegions pages -> regions, sorted by name. */
export function normalizeAccountRegions(pages: readonly unknown[], source: string): Region[] {
  return sortRegions(
    validatePages(listRegionsPage, pages, source).flatMap((page) =>
      (page.Regions ?? []).map((region) => ({
        name: region.RegionName,
        optStatus: region.RegionOptStatus,
        enabled: ENABLED_ACCOUNT_STATUSES.has(region.RegionOptStatus),
      })),
    ),
  );
}

const describeRegionsOutput = z.object({
  Regions: z.array(z.object({ RegionName: z.string(), OptInStatus: z.string() })),
});

/** ec2:DescribeRegions (AllRegions) output -> regions, sorted by name. */
export function normalizeEc2Regions(output: unknown, source: string): Region[] {
  return sortRegions(
    validateInput(describeRegionsOutput, output, source).Regions.map((region) => ({
      name: region.RegionName,
      optStatus: region.OptInStatus,
      enabled: ENABLED_EC2_STATUSES.has(region.OptInStatus),
    })),
  );
}

function sortRegions(regions: Region[]): Region[] {
  return regions.sort((a, b) => a.name.localeCompare(b.name));
}

// ---------- Config ----------

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
        lastStatusChangeTime: timestamp.optional(),
      }),
    )
    .optional(),
});

const deliveryInfo = z
  .object({
    lastStatus: optionalString,
    lastErrorCode: optionalString,
    lastErrorMessage: optionalString,
    lastAttemptTime: timestamp.optional(),
    // The configuration stream reports a change time instead of an attempt time.
    lastStatusChangeTime: timestamp.optional(),
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

/** One API output and its source name for errors. */
export interface SourcedOutput {
  output: unknown;
  source: string;
}

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

// ---------- Access Analyzer ----------

const listAnalyzersPage = z.object({
  analyzers: z.array(
    z.object({ name: z.string(), arn: z.string(), type: z.string(), status: optionalString }),
  ),
});

/** access-analyzer:ListAnalyzers pages of one region -> its analyzers (every type). */
export function normalizeAnalyzers(
  region: string,
  pages: readonly unknown[],
  source: string,
): AccessAnalyzerRegion {
  return {
    region,
    analyzers: validatePages(listAnalyzersPage, pages, source).flatMap((page) =>
      page.analyzers.map(({ name, arn, type, status }) => ({ name, arn, type, status })),
    ),
  };
}

// ---------- alternate contacts ----------

const alternateContactOutput = z.object({
  AlternateContact: z.object({
    Name: optionalString,
    EmailAddress: optionalString,
    PhoneNumber: optionalString,
    Title: optionalString,
  }),
});

/** GetAlternateContact (SECURITY) output -> the contact. "No contact" is the caller's null. */
export function normalizeSecurityContact(output: unknown, source: string): AlternateContacts {
  const { AlternateContact: contact } = validateInput(alternateContactOutput, output, source);
  return {
    security: {
      name: contact.Name,
      emailAddress: contact.EmailAddress,
      phoneNumber: contact.PhoneNumber,
      title: contact.Title,
    },
  };
}

// ---------- CloudWatch billing alarms ----------

/**
 * AWS publishes the billing metrics of the aws partition in us-east-1 only, and iamspect looks
 * for them there only (a GovCloud account is billed through its associated standard account).
 */
export const BILLING_PARTITION = 'aws';
export const BILLING_REGION = 'us-east-1';
const BILLING_NAMESPACE = 'AWS/Billing';
const BILLING_METRIC = 'EstimatedCharges';

const metric = z.object({ Namespace: z.string().optional(), MetricName: z.string().optional() });

const describeAlarmsPage = z.object({
  MetricAlarms: z
    .array(
      z.object({
        AlarmName: z.string(),
        AlarmArn: optionalString,
        Namespace: z.string().optional(),
        MetricName: z.string().optional(),
        // Metric-math alarms name their metrics here instead.
        Metrics: z.array(z.object({ MetricStat: z.object({ Metric: metric }).optional() })).optional(),
        ActionsEnabled: z.boolean().optional(),
        AlarmActions: z.array(z.string()).optional(),
        StateValue: optionalString,
      }),
    )
    .optional(),
});

type Metric = z.infer<typeof metric>;

function isBillingMetric(candidate: Metric | undefined): boolean {
  return candidate?.Namespace === BILLING_NAMESPACE && candidate.MetricName === BILLING_METRIC;
}

/**
 * DescribeAlarms pages -> the alarms on AWS/Billing EstimatedCharges, whether on the metric itself
 * or through a metric-math expression that reads it. Other alarms are not kept.
 */
export function normalizeBillingAlarms(pages: readonly unknown[], source: string): BillingAlarm[] {
  return validatePages(describeAlarmsPage, pages, source).flatMap((page) =>
    (page.MetricAlarms ?? []).flatMap((alarm) => {
      const direct = { Namespace: alarm.Namespace, MetricName: alarm.MetricName };
      const watched = isBillingMetric(direct)
        ? direct
        : alarm.Metrics?.map((query) => query.MetricStat?.Metric).find(isBillingMetric);
      if (!watched) return [];
      return [
        {
          alarmName: alarm.AlarmName,
          alarmArn: alarm.AlarmArn,
          namespace: watched.Namespace ?? null,
          metricName: watched.MetricName ?? null,
          // CloudWatch's default: actions are enabled unless switched off.
          actionsEnabled: alarm.ActionsEnabled ?? true,
          alarmActions: alarm.AlarmActions ?? [],
          stateValue: alarm.StateValue,
        },
      ];
    }),
  );
}
