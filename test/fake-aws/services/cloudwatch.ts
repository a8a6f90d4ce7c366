// CloudWatch over awsJson 1.0 (target prefix GraniteServiceVersion20100801), per region:
// DescribeAlarms, with metric-math alarms naming their metric inside `Metrics`.
import type { FakeAlarm } from '../model.js';
import type { FakeRequestContext, FakeService } from '../service.js';
import { tokenPage } from '../service.js';
import { regionalServices } from './regional.js';

function metricAlarm(alarm: FakeAlarm, context: FakeRequestContext) {
  const metric = {
    Namespace: alarm.namespace,
    MetricName: alarm.metricName,
    Dimensions: [{ Name: 'Currency', Value: 'USD' }],
  };
  return {
    AlarmName: alarm.name,
    AlarmArn: `arn:${context.account.partition}:cloudwatch:${context.region}:${context.account.id}:alarm:${alarm.name}`,
    ActionsEnabled: alarm.actionsEnabled,
    AlarmActions: alarm.actions,
    StateValue: alarm.state,
    ...(alarm.asMetricMath
      ? {
          Metrics: [
            {
              Id: 'charges',
              MetricStat: { Metric: metric, Period: 21600, Stat: 'Maximum' },
              ReturnData: false,
            },
            { Id: 'total', Expression: 'charges * 1', ReturnData: true },
          ],
        }
      : { ...metric, Statistic: 'Maximum', Period: 21600 }),
    Threshold: 100,
    ComparisonOperator: 'GreaterThanThreshold',
    EvaluationPeriods: 1,
  };
}

export const cloudWatchService: FakeService = {
  signingName: 'monitoring',
  actionPrefix: 'cloudwatch',
  protocol: { kind: 'awsJson1_0', targetPrefix: 'GraniteServiceVersion20100801' },
  errors: {
    accessDenied: { code: 'AccessDenied', status: 403 },
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalServiceFault', status: 500 },
  },
  operations: {
    DescribeAlarms: (input, context) => {
      const { page, next } = tokenPage(
        regionalServices(context).alarms,
        input.NextToken,
        Number(input.MaxRecords ?? 50),
      );
      return { MetricAlarms: page.map((alarm) => metricAlarm(alarm, context)), NextToken: next };
    },
  },
};
