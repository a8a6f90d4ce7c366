// Typed logMetricAlarms data for rule tests: by default, us-east-1 holds the whole chain a trail's
// log group needs (a CIS root-usage filter, an alarm on its metric, a topic with a confirmed subscriber).
import type { LogMetricRegion } from '../../src/snapshot/schema.js';
import { ACCOUNT } from './snapshot.js';

export const LOG_GROUP = 'cloudtrail-logs';
export const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${LOG_GROUP}:*`;
export const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;
export const CIS_ROOT_PATTERN =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

type Filter = LogMetricRegion['metricFilters'][number];
type Alarm = LogMetricRegion['alarms'][number];
type Topic = LogMetricRegion['topics'][number];

export function rootFilter(overrides: Partial<Filter> = {}): Filter {
  return {
    filterName: 'root-usage',
    logGroupName: LOG_GROUP,
    filterPattern: CIS_ROOT_PATTERN,
    metrics: [{ namespace: 'CISBenchmark', name: 'RootUsage' }],
    ...overrides,
  };
}

export function rootAlarm(overrides: Partial<Alarm> = {}): Alarm {
  return {
    alarmName: 'root-usage',
    metrics: [{ namespace: 'CISBenchmark', name: 'RootUsage' }],
    actionsEnabled: true,
    alarmActions: [TOPIC_ARN],
    ...overrides,
  };
}

export function topic(overrides: Partial<Topic> = {}): Topic {
  return { topicArn: TOPIC_ARN, confirmedSubscriptions: 1, unread: null, ...overrides };
}

export function logMetricRegion(overrides: Partial<LogMetricRegion> = {}): LogMetricRegion {
  return {
    region: 'us-east-1',
    metricFilters: [rootFilter()],
    alarms: [rootAlarm()],
    topics: [topic()],
    ...overrides,
  };
}
