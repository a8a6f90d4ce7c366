// Contract tests for the logMetricAlarms collector against the fake endpoint (CloudWatch Logs over
// awsJson 1.1, CloudWatch over awsJson 1.0, SNS over AWS Query, real SDK clients): every page of
// filters and subscriptions, alarms asked for only where a filter exists, a topic refused alone,
// throttling, an account without filters, and root-use-alarm-missing fed end to end.
import { describe, expect, test } from '@jest/globals';
import type { Snapshot } from '../../src/snapshot/schema.js';
import type { FakeRegionServices } from '../fake-aws/model.js';
import {
  fakeAccount,
  fakeRegionServices,
  fakeRootUsageAlarm,
  fakeRootUsageFilter,
} from '../fake-aws/model.js';
import type { FakeSession } from './harness.js';
import { auditReport } from './harness.js';
import { sessionPerTest } from './session-per-test.js';

const sessions = sessionPerTest();

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts`;

/** The well-kept account, with its first region (eu-west-1, the trail's home) changed. */
async function collect(
  homeRegion?: Partial<FakeRegionServices>,
  configure?: (fake: FakeSession['fake']) => void,
) {
  const account = fakeAccount();
  if (homeRegion) account.regional['eu-west-1'] = { ...account.regional['eu-west-1']!, ...homeRegion };
  const session = await sessions.start(account);
  configure?.(session.fake);
  return session.collect({ sections: ['cloudTrails', 'logMetricAlarms'] });
}

function rootUseFindings(snapshot: Snapshot) {
  const report = auditReport(snapshot);
  return {
    findings: report.findings
      .filter((finding) => finding.ruleId === 'root-use-alarm-missing')
      .map((f) => f.message),
    notEvaluated: report.notEvaluated
      .filter((entry) => entry.ruleId === 'root-use-alarm-missing')
      .map(({ resource, reason }) => ({ resource, reason })),
  };
}

describe('logMetricAlarms', () => {
  test('the chain of the well-kept account: its filter, the alarm on its metric, its confirmed topic', async () => {
    const snapshot = await collect();
    expect(snapshot.sections.logMetricAlarms).toEqual({
      status: 'ok',
      data: [
        {
          region: 'eu-west-1',
          metricFilters: [
            {
              filterName: 'root-usage',
              logGroupName: 'management-events',
              filterPattern: fakeRootUsageFilter().pattern,
              metrics: [{ namespace: 'CISBenchmark', name: 'RootUsage' }],
            },
          ],
          alarms: [
            {
              alarmName: 'root-usage',
              metrics: [{ namespace: 'CISBenchmark', name: 'RootUsage' }],
              actionsEnabled: true,
              alarmActions: [TOPIC],
            },
          ],
          topics: [{ topicArn: TOPIC, confirmedSubscriptions: 1, unread: null }],
        },
        // us-east-1 has the billing alarm but no filter: its alarms are not asked for.
        { region: 'us-east-1', metricFilters: [], alarms: [], topics: [] },
      ],
    });
    const requests = sessions.current.fake.requests.entries;
    expect(
      requests
        .filter((entry) => entry.action === 'cloudwatch:DescribeAlarms')
        .map((entry) => entry.signingRegion),
    ).toEqual(['eu-west-1']);
    expect(rootUseFindings(snapshot)).toEqual({ findings: [], notEvaluated: [] });
  });

  test('every page: 120 filters and 230 subscriptions, of which the pending ones are not confirmed', async () => {
    const others = Array.from({ length: 119 }, (_, index) =>
      fakeRootUsageFilter({
        name: `other-${index}`,
        logGroupName: 'app',
        pattern: '{ $.level = "ERROR" }',
        metricName: `M${index}`,
      }),
    );
    const confirmed = Array.from({ length: 200 }, (_, index) => `${TOPIC}:${index}`);
    const pending = Array.from({ length: 30 }, () => 'PendingConfirmation');
    const snapshot = await collect({
      metricFilters: [...others, fakeRootUsageFilter()],
      topics: [{ name: 'security-alerts', subscriptionArns: [...pending, ...confirmed], denied: false }],
    });
    const [home] = snapshot.sections.logMetricAlarms!.data!;
    expect(home!.metricFilters).toHaveLength(120);
    expect(home!.topics).toEqual([{ topicArn: TOPIC, confirmedSubscriptions: 200, unread: null }]);
    expect(sessions.current.fake.requests.count('logs:DescribeMetricFilters')).toBe(4); // 3 pages, 1 empty region
    expect(sessions.current.fake.requests.count('sns:ListSubscriptionsByTopic')).toBe(3);
  });

  test('a topic with only pending subscriptions: the rule fires naming it', async () => {
    const snapshot = await collect({
      topics: [{ name: 'security-alerts', subscriptionArns: ['PendingConfirmation'], denied: false }],
    });
    expect(rootUseFindings(snapshot).findings).toEqual([
      `No alarm is known to notify anyone when the root user is used (management-events: topic ${TOPIC} of alarm root-usage has no confirmed subscription).`,
    ]);
  });

  test('a topic refused alone: that topic is not evaluated, the section is whole', async () => {
    const snapshot = await collect({
      topics: [{ name: 'security-alerts', subscriptionArns: [`${TOPIC}:1`], denied: true }],
    });
    expect(snapshot.sections.logMetricAlarms?.status).toBe('ok');
    expect(rootUseFindings(snapshot)).toEqual({
      findings: [],
      notEvaluated: [
        {
          resource: TOPIC,
          reason:
            'sns:ListSubscriptionsByTopic was not read (AuthorizationError): whether alarm root-usage reaches anyone is unknown',
        },
      ],
    });
  });

  test('an alarm notifying a deleted topic notifies nobody', async () => {
    const snapshot = await collect({ topics: [] });
    expect(snapshot.sections.logMetricAlarms?.data?.[0]?.topics).toEqual([
      { topicArn: TOPIC, confirmedSubscriptions: 0, unread: null },
    ]);
  });

  test('DescribeMetricFilters refused: the section is denied and the rule not evaluated, never a pass', async () => {
    const snapshot = await collect(undefined, (fake) => fake.faults.deny('logs:DescribeMetricFilters'));
    expect(snapshot.sections.logMetricAlarms).toMatchObject({
      status: 'denied',
      error: { action: 'logs:DescribeMetricFilters' },
    });
    const { findings, notEvaluated } = rootUseFindings(snapshot);
    expect([findings, notEvaluated.length]).toEqual([[], 1]);
  });

  test.each(['logs:DescribeMetricFilters', 'cloudwatch:DescribeAlarms', 'sns:ListSubscriptionsByTopic'])(
    'throttled %s is retried: the section is whole',
    async (action) => {
      const snapshot = await collect(undefined, (fake) => fake.faults.failFirst(action, 'throttling', 2));
      expect(snapshot.sections.logMetricAlarms?.status).toBe('ok');
      expect(rootUseFindings(snapshot)).toEqual({ findings: [], notEvaluated: [] });
    },
  );

  test('an account without metric filters is data: no alarm asked for, the rule fires', async () => {
    const snapshot = await collect(fakeRegionServices({ metricFilters: [], alarms: [], topics: [] }));
    expect(snapshot.sections.logMetricAlarms?.data?.map((region) => region.metricFilters)).toEqual([[], []]);
    expect(sessions.current.fake.requests.count('cloudwatch:DescribeAlarms')).toBe(0);
    expect(rootUseFindings(snapshot).findings).toEqual([
      'No alarm is known to notify anyone when the root user is used (management-events: log group management-events has no metric filter matching root use).',
    ]);
  });

  test('the alarm on a filter found through a metric-math expression counts', async () => {
    const snapshot = await collect({
      alarms: [fakeRootUsageAlarm({ id: ACCOUNT, partition: 'aws' }, 'eu-west-1', { asMetricMath: true })],
    });
    expect(rootUseFindings(snapshot)).toEqual({ findings: [], notEvaluated: [] });
  });
});
