import { evaluate } from '../../../src/engine/report.js';
import { resolveRules } from '../../../src/engine/resolve-rules.js';
import { billingAlarmMissing } from '../../../src/rules/account/billing-alarm-missing.js';
import type { BillingAlarm } from '../../../src/snapshot/schema.js';
import { billingAlarm } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, NOW, withFailedSection, withSection } from '../../builders/snapshot.js';

const NO_ALARM =
  'No CloudWatch alarm watches AWS/Billing EstimatedCharges in us-east-1: a jump in charges (often the first sign of stolen keys) alerts nobody.';

describe('billing-alarm-missing', () => {
  test.each<{ name: string; alarms: BillingAlarm[]; message: string | null }>([
    { name: 'an alarm that notifies a topic', alarms: [billingAlarm()], message: null },
    { name: 'no billing alarm', alarms: [], message: NO_ALARM },
    {
      name: 'an alarm with its actions disabled',
      alarms: [billingAlarm({ actionsEnabled: false })],
      message:
        '1 CloudWatch alarm on AWS/Billing EstimatedCharges, but none notifies anyone (actions disabled or no alarm action): a jump in charges alerts nobody.',
    },
    {
      name: 'two alarms, neither with an alarm action',
      alarms: [billingAlarm({ alarmActions: [] }), billingAlarm({ alarmName: 'other', alarmActions: [] })],
      message:
        '2 CloudWatch alarms on AWS/Billing EstimatedCharges, but none notifies anyone (actions disabled or no alarm action): a jump in charges alerts nobody.',
    },
    {
      name: 'one silent alarm and one that notifies',
      alarms: [billingAlarm({ alarmName: 'silent', alarmActions: [] }), billingAlarm()],
      message: null,
    },
  ])('$name', ({ alarms, message }) => {
    const findings = runRule(billingAlarmMissing, withSection(emptySnapshot(), 'billingAlarms', alarms));
    expect(findings.map(({ resource, message: text }) => ({ resource, message: text }))).toEqual(
      message === null ? [] : [{ resource: `arn:aws:iam::${ACCOUNT}:root`, message }],
    );
  });

  test.each(['aws-us-gov', 'aws-cn'])(
    'does not apply in %s, where there are no billing metrics: the skipped section is not "not evaluated"',
    (partition) => {
      const snapshot = withFailedSection(
        emptySnapshot({ partition }),
        'billingAlarms',
        'skipped',
        'cloudwatch:DescribeAlarms',
      );
      const report = evaluate([{ snapshot }], resolveRules([billingAlarmMissing], {}), {
        today: new Date(NOW),
      });
      expect([report.findings, report.notEvaluated]).toEqual([[], []]);
    },
  );

  test('in the aws partition a section that was not collected is "not evaluated", never a pass', () => {
    const snapshot = withFailedSection(
      emptySnapshot(),
      'billingAlarms',
      'denied',
      'cloudwatch:DescribeAlarms',
    );
    const report = evaluate([{ snapshot }], resolveRules([billingAlarmMissing], {}), {
      today: new Date(NOW),
    });
    expect(report.notEvaluated.map((entry) => entry.ruleId)).toEqual(['billing-alarm-missing']);
  });
});
