// The AWS CLI reader on the log alarm outputs: describe-metric-filters.<region>.json and
// describe-alarms.<region>.json in every enabled region, and beside them, for each SNS topic an
// alarm on a filter's metric notifies, list-subscriptions-by-topic.<topic name>.<region>.json. A
// topic file not saved leaves that topic's read missing (not evaluated by name), not an error.
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import { reportCsv, rootLine } from './report-csv.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterEach(removeTempDirs);

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts`;
const PATTERN = '{ $.userIdentity.type = "Root" }';

const FILES = {
  'credential-report.csv': reportCsv([rootLine()]),
  'list-regions.json': JSON.stringify({
    Regions: [{ RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }],
  }),
  'describe-metric-filters.eu-west-1.json': JSON.stringify({
    metricFilters: [
      {
        filterName: 'root-usage',
        filterPattern: PATTERN,
        metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1' }],
        logGroupName: 'trail',
      },
    ],
  }),
  'describe-alarms.eu-west-1.json': JSON.stringify({
    MetricAlarms: [
      {
        AlarmName: 'root-usage',
        Namespace: 'CIS',
        MetricName: 'RootUsage',
        ActionsEnabled: true,
        AlarmActions: [TOPIC],
      },
      { AlarmName: 'cpu', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', AlarmActions: [TOPIC] },
    ],
    CompositeAlarms: [],
  }),
};
const TOPIC_FILE = 'list-subscriptions-by-topic.security-alerts.eu-west-1.json';

const subscriptions = (...arns: string[]) =>
  JSON.stringify({
    Subscriptions: arns.map((arn) => ({ SubscriptionArn: arn, TopicArn: TOPIC, Protocol: 'email' })),
  });

describe('log alarm files', () => {
  test('filters, the alarms on their metrics, and each notified topic saved beside them', () => {
    const dir = tempDirWith({ ...FILES, [TOPIC_FILE]: subscriptions(`${TOPIC}:1`, 'PendingConfirmation') });
    expect(readAwsCliDir(dir).sections.logMetricAlarms).toEqual({
      status: 'ok',
      data: [
        {
          region: 'eu-west-1',
          metricFilters: [
            {
              filterName: 'root-usage',
              logGroupName: 'trail',
              filterPattern: PATTERN,
              metrics: [{ namespace: 'CIS', name: 'RootUsage' }],
            },
          ],
          alarms: [
            {
              alarmName: 'root-usage',
              metrics: [{ namespace: 'CIS', name: 'RootUsage' }],
              actionsEnabled: true,
              alarmActions: [TOPIC],
            },
          ],
          topics: [{ topicArn: TOPIC, confirmedSubscriptions: 1, unread: null }],
        },
      ],
    });
  });

  test('a topic file not saved is that read missing, naming the command', () => {
    const data = readAwsCliDir(tempDirWith(FILES)).sections.logMetricAlarms?.data;
    expect(data?.[0]?.topics).toEqual([
      {
        topicArn: TOPIC,
        confirmedSubscriptions: null,
        unread: {
          action: 'sns:ListSubscriptionsByTopic',
          code: 'NotSaved',
          message: `${TOPIC_FILE} was not saved: aws sns list-subscriptions-by-topic --region eu-west-1 --topic-arn ${TOPIC} > ${TOPIC_FILE}`,
        },
      },
    ]);
  });

  test.each([
    {
      name: "another topic's answer",
      text: JSON.stringify({ Subscriptions: [{ SubscriptionArn: 'x', TopicArn: `${TOPIC}-old` }] }),
      error: `a subscription of ${TOPIC}-old, not of ${TOPIC}: this is not that topic's answer`,
    },
    {
      name: 'one page of several',
      text: JSON.stringify({ Subscriptions: [], NextToken: 'more' }),
      error: 'more pages follow (NextToken), so items are missing',
    },
    { name: 'no Subscriptions', text: '{}', error: 'no Subscriptions (the API always returns it)' },
  ])('a topic file holding $name is refused, naming it', ({ text, error }) => {
    const dir = tempDirWith({ ...FILES, [TOPIC_FILE]: text });
    expect(() => readAwsCliDir(dir)).toThrow(error);
  });

  test('a region without its files leaves the section skipped, naming them', () => {
    const { 'describe-alarms.eu-west-1.json': _alarms, ...rest } = FILES;
    expect(readAwsCliDir(tempDirWith(rest)).sections.logMetricAlarms).toMatchObject({
      status: 'skipped',
      error: { code: 'FileMissing', action: 'logs:DescribeMetricFilters' },
    });
  });
});
