// SNS over AWS Query, per region: ListSubscriptionsByTopic, paged with NextToken (100 a page, as
// SNS does). A topic that does not exist is NotFound; one marked denied refuses the caller.
import { FakeAwsError } from '../protocols.js';
import type { FakeService } from '../service.js';
import { accessDeniedError, tokenPage } from '../service.js';
import { regionalServices } from './regional.js';

const SUBSCRIPTIONS_PAGE = 100;

export const snsService: FakeService = {
  signingName: 'sns',
  actionPrefix: 'sns',
  protocol: { kind: 'query', xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' },
  errors: {
    accessDenied: { code: 'AuthorizationError', status: 403 },
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalError', status: 500 },
  },
  operations: {
    ListSubscriptionsByTopic: (input, context) => {
      const topicArn = String(input.TopicArn ?? '');
      const prefix = `arn:${context.account.partition}:sns:${context.region}:${context.account.id}:`;
      const topic = topicArn.startsWith(prefix)
        ? regionalServices(context).topics.find((candidate) => prefix + candidate.name === topicArn)
        : undefined;
      if (!topic) throw new FakeAwsError('NotFound', 'Topic does not exist', 404);
      if (topic.denied) throw accessDeniedError(snsService, 'sns:ListSubscriptionsByTopic', context);
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
    },
  },
};
