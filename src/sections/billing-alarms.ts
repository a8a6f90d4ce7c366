// billingAlarms: CloudWatch alarms on the AWS/Billing EstimatedCharges metric. AWS publishes the
// billing metrics of the aws partition in us-east-1 only, whatever region the account uses. A
// GovCloud (US) account is billed through its associated standard account, whose us-east-1 holds
// the alarm; iamspect does not look for billing metrics in the other partitions. There the section
// is skipped with that reason and nothing is called (billing-alarm-missing does not apply).
import { z } from 'zod';
import { allTokenPages, SectionSkipped } from '../collect/collector.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validatePages } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const billingAlarmSchema = z.object({
  alarmName: z.string(),
  alarmArn: z.string().nullable(),
  namespace: z.string().nullable(),
  metricName: z.string().nullable(),
  actionsEnabled: z.boolean(),
  alarmActions: z.array(z.string()),
  stateValue: z.string().nullable(),
});
export type BillingAlarm = z.infer<typeof billingAlarmSchema>;

/**
 * AWS publishes the billing metrics of the aws partition in us-east-1 only, and iamspect looks
 * for them there only (a GovCloud account is billed through its associated standard account).
 */
export const BILLING_PARTITION = 'aws';
export const BILLING_REGION = 'us-east-1';
const BILLING_NAMESPACE = 'AWS/Billing';
const BILLING_METRIC = 'EstimatedCharges';

const metric = z.object({ Namespace: z.string().optional(), MetricName: z.string().optional() });

/** One DescribeAlarms page, with what the alarm sections read of each metric alarm. */
export const describeAlarmsPage = z.object({
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
type DescribedAlarm = NonNullable<z.infer<typeof describeAlarmsPage>['MetricAlarms']>[number];

/** The metrics an alarm watches: its own, or those its metric-math expression reads. */
export function alarmMetrics(alarm: DescribedAlarm): Metric[] {
  const direct = { Namespace: alarm.Namespace, MetricName: alarm.MetricName };
  const inMath = (alarm.Metrics ?? []).flatMap((query) =>
    query.MetricStat ? [query.MetricStat.Metric] : [],
  );
  return [direct, ...inMath];
}

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
      const watched = alarmMetrics(alarm).find(isBillingMetric);
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

/** Largest page DescribeAlarms allows. */
const ALARMS_PAGE_SIZE = 100;

export const billingAlarmsSection = defineSection({
  name: 'billingAlarms',
  data: z.array(billingAlarmSchema),
  reads: ['cloudwatch:DescribeAlarms'],
  async collect({ clients, identity }) {
    if (identity.partition !== BILLING_PARTITION) {
      throw new SectionSkipped(
        'NoBillingMetrics',
        `AWS/Billing metrics are published only in ${BILLING_REGION} of the ${BILLING_PARTITION} partition; ` +
          `set billing alarms in the standard account that pays for this ${identity.partition} account`,
        'cloudwatch:DescribeAlarms',
      );
    }
    const { DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
    const cloudwatch = clients.inRegion('cloudwatch', BILLING_REGION);
    // AlarmTypes MetricAlarm: composite alarms watch other alarms, not metrics.
    const pages = await allTokenPages(
      (NextToken) =>
        cloudwatch.send(
          new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], MaxRecords: ALARMS_PAGE_SIZE, NextToken }),
        ),
      (page) => page.NextToken,
    );
    return normalizeBillingAlarms(pages, `cloudwatch:DescribeAlarms response in ${BILLING_REGION}`);
  },
  awsCli: {
    kind: 'file',
    // CompositeAlarms is not required: --alarm-types MetricAlarm asks for metric alarms only.
    files: [
      { name: 'describe-alarms.json', shape: { required: { MetricAlarms: 'list' }, more: 'NextToken' } },
    ],
    howToSave:
      'aws cloudwatch describe-alarms --region us-east-1 --alarm-types MetricAlarm > describe-alarms.json',
    action: 'cloudwatch:DescribeAlarms',
    read: (file) => normalizeBillingAlarms(pagesOf(parseCliJson(file)), file.path),
  },
});
