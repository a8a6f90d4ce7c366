import { z } from 'zod';
import { isSnsTopicArn, sameMetric } from '../../sections/log-metric-alarms.js';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { LogMetricRegion, MetricId, Trail } from '../../snapshot/schema.js';
import { trailShortfall, unreadReads } from '../shared/cloudtrail.js';
import { judgeRootUsagePattern } from '../shared/root-usage-filter.js';
import { cis, defineRule } from '../types.js';

/**
 * How far one trail's chain (log group -> root-use filter -> alarm -> SNS topic -> confirmed
 * subscriber) got: it notifies someone, it depends on a read that is missing, it notifies someone
 * only if a pattern iamspect cannot judge catches root use, or where it breaks.
 */
type Outcome =
  | { kind: 'notifies' }
  | { kind: 'unread'; resource: string; reason: string }
  | { kind: 'unjudged'; text: string }
  | { kind: 'broken'; depth: number; text: string };

/** Best first: the outcome a trail gets is the best any of its filters reaches. */
const RANK: Record<Outcome['kind'], number> = { notifies: 0, unread: 1, unjudged: 2, broken: 3 };

function better(a: Outcome, b: Outcome): Outcome {
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] < RANK[b.kind] ? a : b;
  // Of two breaks, the one further along the chain says more about what is missing.
  return a.kind === 'broken' && b.kind === 'broken' && b.depth > a.depth ? b : a;
}

const LOG_GROUP_ARN = /^arn:[\w-]+:logs:([\w-]+):(\d{12}):log-group:(.+?)(?::\*)?$/;

/** Where the alarms on `metrics` lead: a topic with a confirmed subscription, or why not. */
function alarmOutcome(region: LogMetricRegion, filterName: string, metrics: MetricId[]): Outcome {
  const alarms = region.alarms.filter((alarm) =>
    alarm.metrics.some((metric) => metrics.some((fed) => sameMetric(metric, fed))),
  );
  const metricNames = metrics.map((metric) => `${metric.namespace}/${metric.name}`).join(', ');
  let outcome: Outcome = {
    kind: 'broken',
    depth: 2,
    text: `filter ${filterName} has no alarm on ${metricNames}`,
  };
  for (const alarm of alarms) {
    const topics = alarm.actionsEnabled ? alarm.alarmActions.filter(isSnsTopicArn) : [];
    if (topics.length === 0) {
      outcome = better(outcome, {
        kind: 'broken',
        depth: 3,
        text: `alarm ${alarm.alarmName} notifies no SNS topic (${alarm.actionsEnabled ? 'no SNS alarm action' : 'actions disabled'})`,
      });
    }
    for (const arn of topics) {
      const topic = region.topics.find((candidate) => candidate.topicArn === arn);
      const confirmed = topic?.confirmedSubscriptions ?? null;
      outcome = better(
        outcome,
        confirmed === null
          ? {
              kind: 'unread',
              resource: arn,
              reason: `${topic?.unread?.action ?? 'sns:ListSubscriptionsByTopic'} was not read (${topic?.unread?.code ?? 'missing'}): whether alarm ${alarm.alarmName} reaches anyone is unknown`,
            }
          : confirmed > 0
            ? { kind: 'notifies' }
            : {
                kind: 'broken',
                depth: 4,
                text: `topic ${arn} of alarm ${alarm.alarmName} has no confirmed subscription`,
              },
      );
    }
  }
  return outcome;
}

/** The chain from the trail's log group, read from the metric filters and alarms of its region. */
function chainOutcome(logGroupArn: string, account: string, regions: LogMetricRegion[]): Outcome {
  const match = LOG_GROUP_ARN.exec(logGroupArn);
  if (!match)
    return { kind: 'unread', resource: logGroupArn, reason: 'not a log group ARN iamspect can read' };
  const [, regionName, owner, logGroup] = match as unknown as [string, string, string, string];
  if (owner !== account) {
    return {
      kind: 'unread',
      resource: logGroupArn,
      reason: `the log group is in account ${owner}: its metric filters and alarms are read there, not from this account`,
    };
  }
  const region = regions.find((candidate) => candidate.region === regionName);
  if (!region) {
    return {
      kind: 'unread',
      resource: logGroupArn,
      reason: `${regionName} was not read (not an enabled region, or left out)`,
    };
  }
  let outcome: Outcome = {
    kind: 'broken',
    depth: 1,
    text: `log group ${logGroup} has no metric filter matching root use`,
  };
  for (const filter of region.metricFilters.filter((candidate) => candidate.logGroupName === logGroup)) {
    const judged = judgeRootUsagePattern(filter.filterPattern);
    if (judged.verdict === 'other') continue;
    const alarmed = alarmOutcome(region, filter.filterName, filter.metrics);
    outcome = better(
      outcome,
      judged.verdict === 'unknown' && alarmed.kind !== 'broken'
        ? {
            kind: 'unjudged',
            text: `filter ${filter.filterName} on log group ${logGroup} feeds an alarm that notifies, but iamspect cannot judge its pattern (${judged.why}): root use goes unnoticed unless it matches`,
          }
        : alarmed,
    );
  }
  return outcome;
}

/** One trail's outcome: what keeps it from recording everything comes first. */
function trailOutcome(trail: Trail, account: string, regions: LogMetricRegion[]): Outcome {
  const shortfall = trailShortfall(trail);
  if (Array.isArray(shortfall) && shortfall.length > 0) {
    return { kind: 'broken', depth: 0, text: shortfall.join(', ') };
  }
  if (trail.logGroupArn === null)
    return { kind: 'broken', depth: 0, text: 'delivers to no CloudWatch Logs log group' };
  const chain = chainOutcome(trail.logGroupArn, account, regions);
  if (shortfall === 'unknown' && chain.kind === 'notifies') {
    return {
      kind: 'unread',
      resource: trail.arn,
      reason: `${unreadReads(trail)}: whether the trail feeding the root-use alarm records every management event is unknown`,
    };
  }
  return chain;
}

export const rootUseAlarmMissing = defineRule({
  id: 'root-use-alarm-missing',
  title: 'An alarm notifies someone when the root user is used',
  severity: 'medium',
  needs: ['cloudTrails', 'logMetricAlarms'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'The root user can do anything in the account and no IAM policy limits it, so every use of it ' +
      'should reach a person within minutes: a sign-in nobody expected is often the first sign that ' +
      'the root password or an old root key leaked. CloudTrail records root activity; a CloudWatch ' +
      'Logs metric filter on the log group a trail delivers to turns it into a metric, and an alarm ' +
      'on that metric notifies an SNS topic someone is subscribed to.\n\n' +
      'Passes when a multi-region trail that is logging and records every management event delivers ' +
      'to a log group with a metric filter matching root use (the CIS pattern `{ $.userIdentity.type ' +
      '= "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`, or one ' +
      'matching the same events: any spacing, order, quoting or parentheses, with or without the two ' +
      'exclusions), an alarm on the metric that filter feeds has actions enabled and an SNS alarm ' +
      'action, and that topic has at least one confirmed subscription (an unconfirmed one has the ARN ' +
      '`PendingConfirmation`). A pattern that matches only part of root use (ConsoleLogin only) or ' +
      'also other identities does not count. A pattern iamspect cannot read keeps the finding, saying ' +
      'so; a log group in another account, or a topic whose subscriptions could not be read, is not ' +
      'evaluated by name.',
    remediation:
      'With a multi-region trail delivering to a CloudWatch Logs log group: `aws logs put-metric-filter ' +
      '--log-group-name <log group> --filter-name root-usage --metric-transformations ' +
      "metricName=RootUsage,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ " +
      '$.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != ' +
      '"AwsServiceEvent" }\'`, then in the same region `aws cloudwatch put-metric-alarm --alarm-name ' +
      'root-usage --namespace CISBenchmark --metric-name RootUsage --statistic Sum --period 300 ' +
      '--evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold ' +
      '--treat-missing-data notBreaching --alarm-actions <SNS topic ARN>`, and subscribe someone to ' +
      'the topic (and confirm the subscription). A trail without a log group gets one with `aws ' +
      'cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <ARN> ' +
      '--cloud-watch-logs-role-arn <role ARN>`.',
    references: [
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1',
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
    ],
  },
  frameworks: {
    ...cis({ v3: '4.3', v4: '4.3', v5: '4.3', v6: '5.3', v7: '5.3' }),
    'aws-security-hub': ['CloudWatch.1'],
  },
  check: ({ snapshot, notEvaluated }) => {
    const trails = sectionData(snapshot, 'cloudTrails');
    const regions = sectionData(snapshot, 'logMetricAlarms');
    const judged = trails.map((trail) => ({
      trail,
      outcome: trailOutcome(trail, snapshot.accountId, regions),
    }));
    if (judged.some(({ outcome }) => outcome.kind === 'notifies')) return [];
    const unread = judged.flatMap(({ outcome }) => (outcome.kind === 'unread' ? [outcome] : []));
    if (unread.length > 0) {
      // One of these might be the chain that notifies someone: neither a pass nor a finding.
      for (const { resource, reason } of unread) notEvaluated(resource, reason);
      return [];
    }
    const why = judged.map(({ trail, outcome }) => `${trail.name}: ${(outcome as { text: string }).text}`);
    const message =
      trails.length === 0
        ? 'No alarm notifies anyone when the root user is used: there is no CloudTrail trail, so nothing records root activity for a metric filter to catch.'
        : `No alarm is known to notify anyone when the root user is used (${why.join('; ')}).`;
    return [
      {
        resource: accountArn(snapshot),
        message,
        evidence: {
          trails: judged.map(({ trail, outcome }) => ({
            arn: trail.arn,
            logGroupArn: trail.logGroupArn,
            outcome: outcome.kind,
          })),
        },
      },
    ];
  },
});
