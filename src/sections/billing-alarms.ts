// billingAlarms: CloudWatch alarms on the AWS/Billing EstimatedCharges metric. AWS publishes the
// billing metrics of the aws partition in us-east-1 only, whatever region the account uses. A
// GovCloud (US) account is billed through its associated standard account, whose us-east-1 holds
// the alarm; iamspect does not look for billing metrics in the other partitions. There the section
// is skipped with that reason and nothing is called (billing-alarm-missing does not apply).
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { BILLING_PARTITION, BILLING_REGION, normalizeBillingAlarms } from '../snapshot/guardrail-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { allTokenPages, SectionSkipped } from '../collect/collector.js';

/** Largest page DescribeAlarms allows. */
const ALARMS_PAGE_SIZE = 100;

export const billingAlarmsCollector: SectionCollector<'billingAlarms'> = {
  section: 'billingAlarms',
  async collect({ clients, identity }) {
    if (identity.partition !== BILLING_PARTITION) {
      throw new SectionSkipped(
        'NoBillingMetrics',
        `AWS/Billing metrics are published only in ${BILLING_REGION} of the ${BILLING_PARTITION} partition; ` +
          `set billing alarms in the standard account that pays for this ${identity.partition} account`,
        'cloudwatch:DescribeAlarms',
      );
    }
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
};
