// logMetricAlarms: in every enabled region, the CloudWatch Logs metric filters (which log group,
// which pattern, which metric each feeds), the CloudWatch metric alarms on those filters' metrics,
// and, for each SNS topic those alarms notify, how many of its subscriptions are confirmed. This is
// the chain a CloudTrail log alarm needs (trail -> log group -> filter -> metric -> alarm -> topic ->
// someone subscribed); the rule joins it with the trails' log groups. DescribeAlarms is asked only
// in a region that has a metric filter, and only alarms on a filter's metric are kept. A topic
// whose subscriptions the caller may not read (or, from AWS CLI outputs, whose answer was not
// saved) keeps that read marked missing, so the rule says "not evaluated" for it by name. The
// calls stay one section: root-use-alarm-missing, the only rule reading it, needs the whole chain.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { awsErrorCode, isAccessDenied } from '../collect/failures.js';
import { forEachEnabledRegion } from '../collect/regional.js';
import { InputError } from '../errors.js';
import type { CliFile } from '../snapshot/aws-cli-file.js';
import { pagesOf, parseCliJson, regionalFile } from '../snapshot/aws-cli-file.js';
import type { OutputShape } from '../snapshot/input-validation.js';
import { incompleteOutput, optionalString, validatePages } from '../snapshot/input-validation.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { alarmMetrics, describeAlarmsPage } from './billing-alarms.js';
import { defineSection } from './section.js';

const metricSchema = z.object({ namespace: z.string(), name: z.string() });
export type MetricId = z.infer<typeof metricSchema>;

/** A read of one topic that was refused (or not saved): its answer is unknown. */
const unreadSchema = z.object({ action: z.string(), code: z.string(), message: z.string() });

export const logMetricRegionSchema = z.object({
  region: z.string(),
  metricFilters: z.array(
    z.object({
      filterName: z.string(),
      logGroupName: z.string(),
      filterPattern: z.string(),
      metrics: z.array(metricSchema),
    }),
  ),
  /** The metric alarms on a metric one of the filters feeds. */
  alarms: z.array(
    z.object({
      alarmName: z.string(),
      metrics: z.array(metricSchema),
      actionsEnabled: z.boolean(),
      alarmActions: z.array(z.string()),
    }),
  ),
  /** Each SNS topic an alarm above notifies. */
  topics: z.array(
    z.object({
      topicArn: z.string(),
      /** Subscriptions whose ARN is not PendingConfirmation; null when the read is missing. */
      confirmedSubscriptions: z.number().int().nullable(),
      unread: unreadSchema.nullable(),
    }),
  ),
});
export type LogMetricRegion = z.infer<typeof logMetricRegionSchema>;
type Topic = LogMetricRegion['topics'][number];

const metricFiltersPage = z.object({
  metricFilters: z
    .array(
      z.object({
        filterName: z.string(),
        logGroupName: z.string(),
        // An empty pattern matches every event; the API may leave it out then.
        filterPattern: z.string().optional(),
        metricTransformations: z.array(z.object({ metricNamespace: z.string(), metricName: z.string() })),
      }),
    )
    .optional(),
});

const subscriptionsPage = z.object({
  Subscriptions: z.array(z.object({ SubscriptionArn: optionalString, TopicArn: optionalString })).optional(),
});

/** What ListSubscriptionsByTopic always answers, and how it pages. */
const SUBSCRIPTIONS_SHAPE: OutputShape = { required: { Subscriptions: 'list' }, more: 'NextToken' };

export function sameMetric(a: MetricId, b: MetricId): boolean {
  return a.namespace === b.namespace && a.name === b.name;
}

/** Alarm actions may be Auto Scaling, EC2 or Systems Manager actions too; only SNS topics notify. */
export function isSnsTopicArn(arn: string): boolean {
  return /^arn:[\w-]+:sns:/.test(arn);
}

/** One region's metric filters and the alarms on their metrics (before the topics are read). */
export function normalizeFiltersAndAlarms(
  region: string,
  filterPages: readonly unknown[],
  alarmPages: readonly unknown[],
  sources: { filters: string; alarms: string },
): Omit<LogMetricRegion, 'topics'> {
  const metricFilters = validatePages(metricFiltersPage, filterPages, sources.filters).flatMap((page) =>
    (page.metricFilters ?? []).map((filter) => ({
      filterName: filter.filterName,
      logGroupName: filter.logGroupName,
      filterPattern: filter.filterPattern ?? '',
      metrics: filter.metricTransformations.map((metric) => ({
        namespace: metric.metricNamespace,
        name: metric.metricName,
      })),
    })),
  );
  const fed = metricFilters.flatMap((filter) => filter.metrics);
  const alarms = validatePages(describeAlarmsPage, alarmPages, sources.alarms).flatMap((page) =>
    (page.MetricAlarms ?? []).flatMap((alarm) => {
      const metrics = alarmMetrics(alarm).flatMap(({ Namespace, MetricName }) =>
        Namespace !== undefined && MetricName !== undefined
          ? [{ namespace: Namespace, name: MetricName }]
          : [],
      );
      if (!metrics.some((metric) => fed.some((filterMetric) => sameMetric(metric, filterMetric)))) return [];
      return [
        {
          alarmName: alarm.AlarmName,
          metrics,
          // CloudWatch's default: actions are enabled unless switched off.
          actionsEnabled: alarm.ActionsEnabled ?? true,
          alarmActions: alarm.AlarmActions ?? [],
        },
      ];
    }),
  );
  return { region, metricFilters, alarms };
}

/** The SNS topics the alarms notify, each once. */
export function notifiedTopics(alarms: LogMetricRegion['alarms']): string[] {
  const arns = alarms.flatMap((alarm) => alarm.alarmActions).filter(isSnsTopicArn);
  return [...new Set(arns)];
}

/** ListSubscriptionsByTopic pages of `topicArn` -> its confirmed subscriptions. */
export function normalizeTopic(topicArn: string, pages: readonly unknown[], source: string): Topic {
  const subscriptions = validatePages(subscriptionsPage, pages, source).flatMap(
    (page) => page.Subscriptions ?? [],
  );
  const foreign = subscriptions.find((subscription) => subscription.TopicArn !== topicArn);
  if (foreign) {
    throw new InputError(
      `${source}: a subscription of ${foreign.TopicArn ?? 'no topic'}, not of ${topicArn}: this is not that topic's answer`,
    );
  }
  // A confirmed subscription has an ARN; an unconfirmed one says PendingConfirmation (and one being
  // removed, Deleted) in its place.
  const confirmed = subscriptions.filter(
    ({ SubscriptionArn }) => SubscriptionArn !== null && SubscriptionArn.startsWith('arn:'),
  );
  return { topicArn, confirmedSubscriptions: confirmed.length, unread: null };
}

function unreadTopic(topicArn: string, unread: z.infer<typeof unreadSchema>): Topic {
  return { topicArn, confirmedSubscriptions: null, unread };
}

/** Largest pages DescribeMetricFilters and DescribeAlarms allow. */
const FILTERS_PAGE_SIZE = 50;
const ALARMS_PAGE_SIZE = 100;

const FILTERS = 'describe-metric-filters';
const ALARMS = 'describe-alarms';
const SUBSCRIPTIONS = 'list-subscriptions-by-topic';

/** `list-subscriptions-by-topic.<topic name>.<region>.json`, beside the region's other files. */
function subscriptionsFile(topicArn: string, region: string): string {
  return regionalFile(`${SUBSCRIPTIONS}.${topicArn.split(':').at(-1)}`, region);
}

/** One topic's saved subscriptions, read from beside the region's files; not saved is a missing read. */
function savedTopic(dir: string, topicArn: string, region: string): Topic {
  const name = subscriptionsFile(topicArn, region);
  const save = `aws sns list-subscriptions-by-topic --region ${region} --topic-arn ${topicArn} > ${name}`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    return unreadTopic(topicArn, {
      action: 'sns:ListSubscriptionsByTopic',
      code: 'NotSaved',
      message: `${name} was not saved: ${save}`,
    });
  }
  const output = parseJsonText(readInputFile(path, 'AWS CLI output'), path, 'AWS CLI output');
  const partial = incompleteOutput(output, SUBSCRIPTIONS_SHAPE, path);
  if (partial !== undefined) throw new InputError(partial, `Save it again, every page: ${save}`);
  return normalizeTopic(topicArn, pagesOf(output), path);
}

function readSavedRegion(region: string, [filters, alarms]: CliFile[]): LogMetricRegion {
  const chain = normalizeFiltersAndAlarms(
    region,
    pagesOf(parseCliJson(filters!)),
    pagesOf(parseCliJson(alarms!)),
    { filters: filters!.path, alarms: alarms!.path },
  );
  const dir = dirname(filters!.path);
  return { ...chain, topics: notifiedTopics(chain.alarms).map((arn) => savedTopic(dir, arn, region)) };
}

export const logMetricAlarmsSection = defineSection({
  name: 'logMetricAlarms',
  data: z.array(logMetricRegionSchema),
  reads: ['cloudwatch:DescribeAlarms', 'logs:DescribeMetricFilters', 'sns:ListSubscriptionsByTopic'],
  readWith: ['regions'],
  collect: (context) =>
    forEachEnabledRegion(context, 'logMetricAlarms', async (region) => {
      const { DescribeMetricFiltersCommand } = await import('@aws-sdk/client-cloudwatch-logs');
      const { DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
      const { ListSubscriptionsByTopicCommand } = await import('@aws-sdk/client-sns');
      const logs = context.clients.inRegion('logs', region);
      const filterPages = await allTokenPages(
        (nextToken) => logs.send(new DescribeMetricFiltersCommand({ limit: FILTERS_PAGE_SIZE, nextToken })),
        (page) => page.nextToken,
      );
      const source = (action: string) => `${action} response in ${region}`;
      const hasFilters = filterPages.some((page) => (page.metricFilters ?? []).length > 0);
      // No filter, no alarm on one: the region's alarms are not asked for.
      const cloudwatch = context.clients.inRegion('cloudwatch', region);
      const alarmPages = hasFilters
        ? await allTokenPages(
            (NextToken) =>
              cloudwatch.send(
                new DescribeAlarmsCommand({
                  AlarmTypes: ['MetricAlarm'],
                  MaxRecords: ALARMS_PAGE_SIZE,
                  NextToken,
                }),
              ),
            (page) => page.NextToken,
          )
        : [];
      const chain = normalizeFiltersAndAlarms(region, filterPages, alarmPages, {
        filters: source('logs:DescribeMetricFilters'),
        alarms: source('cloudwatch:DescribeAlarms'),
      });
      const sns = context.clients.inRegion('sns', region);
      const topics = await Promise.all(
        notifiedTopics(chain.alarms).map(async (topicArn) => {
          try {
            const pages = await allTokenPages(
              (NextToken) => sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken })),
              (page) => page.NextToken,
            );
            return normalizeTopic(topicArn, pages, source('sns:ListSubscriptionsByTopic'));
          } catch (error) {
            // A deleted topic notifies nobody.
            if (awsErrorCode(error) === 'NotFound')
              return { topicArn, confirmedSubscriptions: 0, unread: null };
            // A topic of another account, or one a policy hides: unknown for this topic alone.
            if (!isAccessDenied(error)) throw error;
            return unreadTopic(topicArn, {
              action: 'sns:ListSubscriptionsByTopic',
              code: awsErrorCode(error),
              message: (error as Error).message,
            });
          }
        }),
      );
      return { ...chain, topics };
    }),
  awsCli: {
    kind: 'per-region',
    commands: [
      { name: FILTERS, shape: { required: { metricFilters: 'list' }, more: 'nextToken' } },
      { name: ALARMS, shape: { required: { MetricAlarms: 'list' }, more: 'NextToken' } },
    ],
    howToSave:
      `in each enabled region R: aws logs describe-metric-filters --region R > ${FILTERS}.R.json, ` +
      `aws cloudwatch describe-alarms --region R --alarm-types MetricAlarm > ${ALARMS}.R.json, and for each SNS topic T ` +
      `an alarm on a filter's metric notifies: aws sns list-subscriptions-by-topic --region R --topic-arn T > ${SUBSCRIPTIONS}.<topic name>.R.json`,
    action: 'logs:DescribeMetricFilters',
    read: readSavedRegion,
  },
});
