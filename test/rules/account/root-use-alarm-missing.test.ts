import { rootUseAlarmMissing } from '../../../src/rules/account/root-use-alarm-missing.js';
import type { LogMetricRegion, Trail } from '../../../src/snapshot/schema.js';
import {
  LOG_GROUP_ARN,
  TOPIC_ARN,
  logMetricRegion,
  rootAlarm,
  rootFilter,
  topic,
} from '../../builders/log-metric-alarms.js';
import { judge } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, withFailedSection, withSection } from '../../builders/snapshot.js';
import { classicSelectors, trail } from '../../builders/trails.js';
import { evaluate } from '../../../src/engine/report.js';
import { resolveRules } from '../../../src/engine/resolve-rules.js';
import { NOW } from '../../builders/snapshot.js';

const ACCOUNT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const logged = (overrides: Partial<Trail> = {}) => trail({ logGroupArn: LOG_GROUP_ARN, ...overrides });

function run(trails: Trail[], regions: LogMetricRegion[]) {
  const snapshot = withSection(
    withSection(emptySnapshot(), 'cloudTrails', trails),
    'logMetricAlarms',
    regions,
  );
  return judge(rootUseAlarmMissing, snapshot);
}

const messageOf = (trails: Trail[], regions: LogMetricRegion[]) => {
  const { findings, notEvaluated } = run(trails, regions);
  expect(notEvaluated).toEqual([]);
  expect(findings.map(({ resource }) => resource)).toEqual(findings.length ? [ACCOUNT_ARN] : []);
  return findings[0]?.message ?? null;
};

const fails = (why: string) => `No alarm is known to notify anyone when the root user is used (${why}).`;

describe('root-use-alarm-missing', () => {
  test.each<{ name: string; trails: Trail[]; regions: LogMetricRegion[]; message: string | null }>([
    { name: 'the whole chain', trails: [logged()], regions: [logMetricRegion()], message: null },
    {
      name: 'the CIS pattern spelt another way',
      trails: [logged()],
      regions: [
        logMetricRegion({
          metricFilters: [
            rootFilter({
              filterPattern:
                '{($.eventType!="AwsServiceEvent")&&($.userIdentity.type=Root)&&($.userIdentity.invokedBy NOT EXISTS)}',
            }),
          ],
        }),
      ],
      message: null,
    },
    {
      name: 'no trail',
      trails: [],
      regions: [logMetricRegion()],
      message:
        'No alarm notifies anyone when the root user is used: there is no CloudTrail trail, so nothing records root activity for a metric filter to catch.',
    },
    {
      name: 'a trail without a log group',
      trails: [trail()],
      regions: [logMetricRegion()],
      message: fails('management-events: delivers to no CloudWatch Logs log group'),
    },
    {
      name: 'a single-region trail',
      trails: [logged({ multiRegion: false })],
      regions: [logMetricRegion()],
      message: fails('management-events: single-region'),
    },
    {
      name: 'a trail that is not logging',
      trails: [logged({ logging: false })],
      regions: [logMetricRegion()],
      message: fails('management-events: not logging'),
    },
    {
      name: 'a trail recording writes only',
      trails: [logged({ eventSelectors: classicSelectors({ readWriteType: 'WriteOnly' }) })],
      regions: [logMetricRegion()],
      message: fails('management-events: not every management event'),
    },
    {
      name: 'no metric filter on the log group',
      trails: [logged()],
      regions: [logMetricRegion({ metricFilters: [] })],
      message: fails('management-events: log group cloudtrail-logs has no metric filter matching root use'),
    },
    {
      name: 'the root filter on another log group',
      trails: [logged()],
      regions: [logMetricRegion({ metricFilters: [rootFilter({ logGroupName: 'app-logs' })] })],
      message: fails('management-events: log group cloudtrail-logs has no metric filter matching root use'),
    },
    {
      name: 'the root filter in another region than the log group',
      trails: [logged()],
      regions: [logMetricRegion({ metricFilters: [] }), logMetricRegion({ region: 'eu-west-1' })],
      message: fails('management-events: log group cloudtrail-logs has no metric filter matching root use'),
    },
    {
      name: 'a filter for console sign-ins only',
      trails: [logged()],
      regions: [
        logMetricRegion({
          metricFilters: [
            rootFilter({ filterPattern: '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }' }),
          ],
        }),
      ],
      message: fails('management-events: log group cloudtrail-logs has no metric filter matching root use'),
    },
    {
      name: 'no alarm on the metric',
      trails: [logged()],
      regions: [logMetricRegion({ alarms: [], topics: [] })],
      message: fails('management-events: filter root-usage has no alarm on CISBenchmark/RootUsage'),
    },
    {
      name: 'an alarm on a same-named metric of another namespace',
      trails: [logged()],
      regions: [
        logMetricRegion({ alarms: [rootAlarm({ metrics: [{ namespace: 'Other', name: 'RootUsage' }] })] }),
      ],
      message: fails('management-events: filter root-usage has no alarm on CISBenchmark/RootUsage'),
    },
    {
      name: 'an alarm without actions',
      trails: [logged()],
      regions: [logMetricRegion({ alarms: [rootAlarm({ alarmActions: [] })] })],
      message: fails('management-events: alarm root-usage notifies no SNS topic (no SNS alarm action)'),
    },
    {
      name: 'an alarm whose only action is not SNS',
      trails: [logged()],
      regions: [
        logMetricRegion({
          alarms: [rootAlarm({ alarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] })],
        }),
      ],
      message: fails('management-events: alarm root-usage notifies no SNS topic (no SNS alarm action)'),
    },
    {
      name: 'an alarm with its actions disabled',
      trails: [logged()],
      regions: [logMetricRegion({ alarms: [rootAlarm({ actionsEnabled: false })] })],
      message: fails('management-events: alarm root-usage notifies no SNS topic (actions disabled)'),
    },
    {
      name: 'a topic without a confirmed subscription',
      trails: [logged()],
      regions: [logMetricRegion({ topics: [topic({ confirmedSubscriptions: 0 })] })],
      message: fails(
        `management-events: topic ${TOPIC_ARN} of alarm root-usage has no confirmed subscription`,
      ),
    },
    {
      name: 'one broken trail and one whose chain notifies',
      trails: [trail({ name: 'old', multiRegion: false }), logged()],
      regions: [logMetricRegion()],
      message: null,
    },
  ])('$name', ({ trails, regions, message }) => {
    expect(messageOf(trails, regions)).toEqual(message);
  });

  test('a pattern iamspect cannot read keeps the finding, saying so', () => {
    const message = messageOf(
      [logged()],
      [logMetricRegion({ metricFilters: [rootFilter({ filterPattern: 'Root' })] })],
    );
    expect(message).toEqual(
      fails(
        'management-events: filter root-usage on log group cloudtrail-logs feeds an alarm that notifies, but iamspect ' +
          'cannot judge its pattern (not a JSON pattern ({ ... }): iamspect judges JSON patterns only): root use goes unnoticed unless it matches',
      ),
    );
  });

  test.each<{ name: string; trails: Trail[]; regions: LogMetricRegion[]; resource: string; reason: string }>([
    {
      name: 'a topic whose subscriptions could not be read',
      trails: [logged()],
      regions: [
        logMetricRegion({
          topics: [
            topic({
              confirmedSubscriptions: null,
              unread: {
                action: 'sns:ListSubscriptionsByTopic',
                code: 'AuthorizationError',
                message: 'denied',
              },
            }),
          ],
        }),
      ],
      resource: TOPIC_ARN,
      reason:
        'sns:ListSubscriptionsByTopic was not read (AuthorizationError): whether alarm root-usage reaches anyone is unknown',
    },
    {
      name: 'a log group in another account',
      trails: [logged({ logGroupArn: 'arn:aws:logs:us-east-1:999999999999:log-group:org-trail:*' })],
      regions: [logMetricRegion()],
      resource: 'arn:aws:logs:us-east-1:999999999999:log-group:org-trail:*',
      reason:
        'the log group is in account 999999999999: its metric filters and alarms are read there, not from this account',
    },
    {
      name: 'a log group in a region that was not read',
      trails: [logged()],
      regions: [logMetricRegion({ region: 'eu-west-1' })],
      resource: LOG_GROUP_ARN,
      reason: 'us-east-1 was not read (not an enabled region, or left out)',
    },
    {
      name: 'a trail whose status could not be read, with a chain that notifies',
      trails: [
        logged({
          logging: null,
          unread: [{ action: 'cloudtrail:GetTrailStatus', code: 'AccessDeniedException', message: 'denied' }],
        }),
      ],
      regions: [logMetricRegion()],
      resource: trail().arn,
      reason:
        'cloudtrail:GetTrailStatus was not read (AccessDeniedException): whether the trail feeding the root-use alarm records every management event is unknown',
    },
  ])('not evaluated: $name', ({ trails, regions, resource, reason }) => {
    expect(run(trails, regions)).toEqual({ findings: [], notEvaluated: [{ resource, reason }] });
  });

  test.each(['cloudTrails', 'logMetricAlarms'] as const)(
    '%s not collected: not evaluated, never a pass',
    (section) => {
      const complete = withSection(
        withSection(emptySnapshot(), 'cloudTrails', [logged()]),
        'logMetricAlarms',
        [logMetricRegion()],
      );
      const snapshot = withFailedSection(complete, section, 'denied', 'logs:DescribeMetricFilters');
      const report = evaluate([{ snapshot }], resolveRules([rootUseAlarmMissing], {}), {
        today: new Date(NOW),
      });
      expect([report.findings, report.notEvaluated.map((entry) => entry.ruleId)]).toEqual([
        [],
        ['root-use-alarm-missing'],
      ]);
    },
  );
});
