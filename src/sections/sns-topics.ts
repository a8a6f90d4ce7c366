// snsTopics: the SNS topics of every enabled region with their access policies (resource-policy-public).
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validateInput, validatePages } from '../snapshot/input-validation.js';
import { readResourcePolicies, resourcePolicySection, sameResource } from './resource-policy-parts.js';

const listTopicsPage = z.object({ Topics: z.array(z.object({ TopicArn: z.string() })).optional() });

/** A topic's name is the last part of its ARN. */
const topicName = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

function listedTopics(pages: readonly unknown[], source: string) {
  return validatePages(listTopicsPage, pages, source).flatMap((page) =>
    (page.Topics ?? []).map(({ TopicArn }) => ({ arn: TopicArn, name: topicName(TopicArn) })),
  );
}

// A topic always has a policy (the default one lets only its owner's account in), and the answer
// names its topic.
const topicAttributesOutput = z.object({
  Attributes: z.object({ TopicArn: z.string(), Policy: z.string() }),
});

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
    const topics = listedTopics(pages, `sns:ListTopics response in ${region}`);
    return readResourcePolicies(region, topics, 'sns:GetTopicAttributes', async (topic) => {
      const output = await sns.send(new GetTopicAttributesCommand({ TopicArn: topic.arn }));
      return output.Attributes?.['Policy'];
    });
  },
  saved: {
    kind: 'topic',
    list: { command: 'sns list-topics', shape: { required: { Topics: 'list' }, more: 'NextToken' } },
    listed: listedTopics,
    get: {
      command: 'sns get-topic-attributes',
      option: '--topic-arn',
      value: (topic) => topic.arn,
      shown: '<its ARN>',
    },
    policyText: (output, topic, path) => {
      const { Attributes } = validateInput(topicAttributesOutput, output, path);
      sameResource(path, 'Attributes.TopicArn', Attributes.TopicArn, topic.arn);
      return Attributes.Policy;
    },
  },
});
