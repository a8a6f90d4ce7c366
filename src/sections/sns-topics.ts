// snsTopics: the SNS topics of every enabled region with their access policies (resource-policy-public).
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validatePages } from '../snapshot/input-validation.js';
import { readResourcePolicies, resourcePolicySection } from './resource-policy-parts.js';

const listTopicsPage = z.object({ Topics: z.array(z.object({ TopicArn: z.string() })).optional() });

/** A topic's name is the last part of its ARN. */
const topicName = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

export const snsTopicsSection = resourcePolicySection({
  name: 'snsTopics',
  list: 'sns:ListTopics',
  get: 'sns:GetTopicAttributes',
  collectRegion: async (context, region) => {
    const { GetTopicAttributesCommand, ListTopicsCommand } = await import('@aws-sdk/client-sns');
    const sns = context.clients.inRegion('sns', region);
    const pages = await allTokenPages(
      (NextToken) => sns.send(new ListTopicsCommand({ NextToken })),
      (page) => page.NextToken,
    );
    const topics = validatePages(listTopicsPage, pages, `sns:ListTopics response in ${region}`).flatMap(
      (page) => (page.Topics ?? []).map(({ TopicArn }) => ({ arn: TopicArn, name: topicName(TopicArn) })),
    );
    // A topic always has a policy: the default one lets only its owner's account in.
    return readResourcePolicies(region, topics, 'sns:GetTopicAttributes', async (topic) => {
      const output = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic.arn }));
      return output.Attributes?.['Policy'];
    });
  },
});
