// sqsQueues: the SQS queues of every enabled region with their access policies (resource-policy-public).
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validatePages } from '../snapshot/input-validation.js';
import { readResourcePolicies, resourcePolicySection } from './resource-policy-parts.js';

const listQueuesPage = z.object({ QueueUrls: z.array(z.string()).optional() });

/** Largest ListQueues page; without MaxResults SQS returns one page of at most 1,000 and no token. */
const MAX_QUEUES_PER_PAGE = 1000;

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` -> the queue's ARN and name. */
function queueFromUrl(url: string, partition: string, region: string) {
  const [account = '', name = ''] = new URL(url).pathname.split('/').filter(Boolean);
  return { arn: `arn:${partition}:sqs:${region}:${account}:${name}`, name, url };
}

export const sqsQueuesSection = resourcePolicySection({
  name: 'sqsQueues',
  list: 'sqs:ListQueues',
  get: 'sqs:GetQueueAttributes',
  collectRegion: async (context, region) => {
    const { GetQueueAttributesCommand, ListQueuesCommand } = await import('@aws-sdk/client-sqs');
    const sqs = context.clients.inRegion('sqs', region);
    const pages = await allTokenPages(
      (NextToken) => sqs.send(new ListQueuesCommand({ NextToken, MaxResults: MAX_QUEUES_PER_PAGE })),
      (page) => page.NextToken,
    );
    const queues = validatePages(listQueuesPage, pages, `sqs:ListQueues response in ${region}`).flatMap(
      (page) => (page.QueueUrls ?? []).map((url) => queueFromUrl(url, context.identity.partition, region)),
    );
    // A queue without a policy has no Policy attribute: only its owner's account may use it.
    return readResourcePolicies(region, queues, 'sqs:GetQueueAttributes', async (queue) => {
      const output = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['Policy'] }),
      );
      return output.Attributes?.Policy;
    });
  },
});
