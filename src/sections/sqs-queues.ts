// sqsQueues: the SQS queues of every enabled region with their access policies (resource-policy-public).
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validateInput, validatePages } from '../snapshot/input-validation.js';
import { readResourcePolicies, resourcePolicySection, sameResource } from './resource-policy-parts.js';

/** The account and queue name of a queue URL, or undefined when it is not one. */
function queueUrlParts(url: string): { account: string; name: string } | undefined {
  if (!URL.canParse(url)) return undefined;
  const [account, name, ...rest] = new URL(url).pathname.split('/').filter(Boolean);
  return account !== undefined && name !== undefined && rest.length === 0 ? { account, name } : undefined;
}

// A damaged list (a URL cut short or replaced) fails validation, naming the file, instead of
// naming a queue that does not exist.
const queueUrl = z
  .string()
  .refine(
    (url) => queueUrlParts(url) !== undefined,
    'not a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)',
  );
const listQueuesPage = z.object({ QueueUrls: z.array(queueUrl).optional() });

/** Largest ListQueues page; without MaxResults SQS returns one page of at most 1,000 and no token. */
const MAX_QUEUES_PER_PAGE = 1000;

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` -> the queue's ARN and name. */
function queueFromUrl(url: string, partition: string, region: string) {
  const { account, name } = queueUrlParts(url) ?? { account: '', name: '' };
  return { arn: `arn:${partition}:sqs:${region}:${account}:${name}`, name, url };
}

function listedQueues(pages: readonly unknown[], source: string, region: string, partition: string) {
  return validatePages(listQueuesPage, pages, source).flatMap((page) =>
    (page.QueueUrls ?? []).map((url) => queueFromUrl(url, partition, region)),
  );
}

// A queue without a policy has no Policy attribute: only its owner's account may use it. The
// saved answer also asks for QueueArn, so that it names its queue (and is never empty).
const queueAttributesOutput = z.object({
  Attributes: z.object({ QueueArn: z.string(), Policy: z.string().optional() }),
});

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
    const queues = listedQueues(
      pages,
      `sqs:ListQueues response in ${region}`,
      region,
      context.identity.partition,
    );
    return readResourcePolicies(region, queues, 'sqs:GetQueueAttributes', async (queue) => {
      const output = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['Policy'] }),
      );
      return output.Attributes?.Policy;
    });
  },
  saved: {
    kind: 'queue',
    // ListQueues answers nothing at all for a region without queues: the AWS CLI then saves an empty
    // file. An answer it does print always lists QueueUrls: `{}` is a cut file, not "no queues".
    list: {
      command: 'sqs list-queues',
      shape: { required: { QueueUrls: 'list' }, more: 'NextToken' },
      emptyMeansNone: true,
    },
    listed: listedQueues,
    get: {
      command: 'sqs get-queue-attributes',
      option: '--queue-url',
      value: (queue) => queue.url,
      shown: '<its URL>',
      extra: '--attribute-names Policy QueueArn',
    },
    policyText: (output, queue, path) => {
      const { Attributes } = validateInput(queueAttributesOutput, output, path);
      sameResource(path, 'Attributes.QueueArn', Attributes.QueueArn, queue.arn);
      return Attributes.Policy;
    },
  },
});
