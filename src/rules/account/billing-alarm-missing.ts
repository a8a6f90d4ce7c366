import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { BILLING_PARTITION } from '../../sections/billing-alarms.js';
import { plural } from '../../util/words.js';
import { defineRule } from '../types.js';

export const billingAlarmMissing = defineRule({
  id: 'billing-alarm-missing',
  title: 'A billing alarm notifies someone when charges rise',
  severity: 'low',
  needs: ['billingAlarms'],
  options: z.object({}).strict(),
  appliesTo: (snapshot) => snapshot.partition === BILLING_PARTITION,
  docs: {
    rationale:
      'A sudden rise in charges is often the first visible sign of a compromise: stolen keys used to ' +
      'mine cryptocurrency on large instances, or an exposed resource abused at scale. A CloudWatch ' +
      'alarm on the `AWS/Billing` `EstimatedCharges` metric that notifies someone turns that into an ' +
      "alert within hours instead of a surprise on next month's invoice; it is the first monitoring " +
      'step of the seed architecture.\n\n' +
      'Passes when an alarm on the metric (directly, or in a metric-math expression) has actions ' +
      'enabled and at least one alarm action. Billing metrics are published in us-east-1 of the aws ' +
      'partition only, so that is where iamspect looks, and the rule does not apply to GovCloud and ' +
      'China accounts (set the alarm in the paying standard account).',
    remediation:
      'Enable **Receive Billing Alerts** in the Billing console preferences (billing metrics appear ' +
      'only after that), then create the alarm in us-east-1: `aws cloudwatch put-metric-alarm ' +
      '--region us-east-1 --alarm-name monthly-spend --namespace AWS/Billing --metric-name ' +
      'EstimatedCharges --dimensions Name=Currency,Value=USD --statistic Maximum --period 21600 ' +
      '--evaluation-periods 1 --threshold 100 --comparison-operator GreaterThanThreshold ' +
      '--alarm-actions <ARN of an SNS topic someone reads>`. AWS Budgets alerts are a good complement.',
    references: [
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/monitor_estimated_charges_with_cloudwatch.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const alarms = sectionData(snapshot, 'billingAlarms');
    if (alarms.some((alarm) => alarm.actionsEnabled && alarm.alarmActions.length > 0)) return [];
    const message =
      alarms.length === 0
        ? 'No CloudWatch alarm watches AWS/Billing EstimatedCharges in us-east-1: a jump in charges (often the first sign of stolen keys) alerts nobody.'
        : `${plural(alarms.length, 'CloudWatch alarm')} on AWS/Billing EstimatedCharges, but none notifies anyone ` +
          '(actions disabled or no alarm action): a jump in charges alerts nobody.';
    return [
      {
        resource: accountArn(snapshot),
        message,
        evidence: {
          alarms: alarms.map(({ alarmName, actionsEnabled, alarmActions }) => ({
            alarmName,
            actionsEnabled,
            alarmActions,
          })),
        },
      },
    ];
  },
});
