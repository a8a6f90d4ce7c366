// SNS's ListSubscriptionsByTopic, per region (for root-use-alarm-missing), paged with NextToken (100
// a page, as SNS does). A topic that does not exist is NotFound; one marked denied refuses the
// caller. The fake SNS service itself, with its topics' policies, is in resource-policies.ts.
import { FakeAwsError } from '../protocols.js';
import type { FakeRequestContext, FakeService } from '../service.js';
import { accessDeniedError, tokenPage } from '../service.js';
import { regionalServices } from './regional.js';

const SUBSCRIPTIONS_PAGE = 100;

/** ListSubscriptionsByTopic, answered for `service` (the fake SNS) whose errors it uses. */
export function listSubscriptionsByTopic(
  service: FakeService,
  input: Record<string, unknown>,
  context: FakeRequestContext,
): unknown {
  const topicArn = String(input.TopicArn ?? '');
  const prefix = `arn:${context.account.partition}:sns:${context.region}:${context.account.id}:`;
  const topic = topicArn.startsWith(prefix)
    ? regionalServices(context).topics.find((candidate) => prefix + candidate.name === topicArn)
    : undefined;
  if (!topic) throw new FakeAwsError('NotFound', 'Topic does not exist', 404);
  if (topic.denied) throw accessDeniedError(service, 'sns:ListSubscriptionsByTopic', context);
  const { page, next } = tokenPage(topic.subscriptionArns, input.NextToken, SUBSCRIPTIONS_PAGE);
  return {
    Subscriptions: page.map((subscriptionArn, index) => ({
      SubscriptionArn: subscriptionArn,
      Owner: context.account.id,
      Protocol: 'email',
      Endpoint: `security+${index}@example.com`,
      TopicArn: topicArn,
    })),
    NextToken: next,
  };
}
