// ec2Instances: in every enabled region, the running EC2 instances with the IAM instance profile
// each was given (ec2-instance-without-role). Only the instance id, its state and the profile's ARN
// are kept: nothing else an instance carries is judged. No instance in a region is an empty list,
// not an error. A region where DescribeInstances is refused (an SCP denying one region, say) keeps
// the refusal, so the rule names that region "not evaluated" instead of passing it; refused in
// every region, the caller lacks the permission and the section is denied like any other.
import { z } from 'zod';
import type { CollectContext } from '../collect/collector.js';
import { allTokenPages } from '../collect/collector.js';
import { awsErrorCode, isAccessDenied } from '../collect/failures.js';
import { forEachEnabledRegion } from '../collect/regional.js';
import { InputError } from '../errors.js';
import type { CliFile } from '../snapshot/aws-cli-file.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { validatePages } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const ec2InstancesRegionSchema = z.object({
  region: z.string(),
  instances: z.array(
    z.object({
      instanceId: z.string(),
      /** pending, running, stopping, stopped, shutting-down or terminated. */
      state: z.string(),
      /** The ARN of the instance profile it runs with; null: none. */
      instanceProfileArn: z.string().nullable(),
    }),
  ),
  /** Why the region's instances could not be read; null when they were. */
  refused: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type Ec2InstancesRegion = z.infer<typeof ec2InstancesRegionSchema>;

const describeInstancesPage = z.object({
  Reservations: z
    .array(
      z.object({
        Instances: z
          .array(
            z.object({
              InstanceId: z.string(),
              State: z.object({ Name: z.string() }),
              IamInstanceProfile: z.object({ Arn: z.string() }).optional(),
              Placement: z.object({ AvailabilityZone: z.string().optional() }).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** DescribeInstances pages of `region` -> its instances. */
export function normalizeInstances(
  region: string,
  pages: readonly unknown[],
  source: string,
): Ec2InstancesRegion['instances'] {
  const instances = validatePages(describeInstancesPage, pages, source).flatMap((page) =>
    (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []),
  );
  // An availability zone's name starts with its region's: an instance elsewhere means the answer
  // was saved from (or into) the wrong region.
  const foreign = instances.find(
    (instance) => !(instance.Placement?.AvailabilityZone ?? region).startsWith(region),
  );
  if (foreign) {
    throw new InputError(
      `${source}: instance ${foreign.InstanceId} is in ${foreign.Placement!.AvailabilityZone!}, not in ${region}: this is another region's answer`,
      `Save it again: ${saveCommand(region)} > ${FILE}.${region}.json`,
    );
  }
  return instances.map((instance) => ({
    instanceId: instance.InstanceId,
    state: instance.State.Name,
    instanceProfileArn: instance.IamInstanceProfile?.Arn ?? null,
  }));
}

/** Largest page DescribeInstances allows. */
const INSTANCES_PAGE_SIZE = 1000;

/** Stopped instances hold no credentials: only running ones are read. */
const RUNNING = { Name: 'instance-state-name', Values: ['running'] };

const FILE = 'describe-instances';

function saveCommand(region: string): string {
  return `aws ec2 describe-instances --region ${region} --filters Name=instance-state-name,Values=running`;
}

async function readRegion(context: CollectContext, region: string): Promise<Ec2InstancesRegion> {
  const { DescribeInstancesCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = context.clients.inRegion('ec2', region);
  const pages = await allTokenPages(
    (NextToken) =>
      ec2.send(
        new DescribeInstancesCommand({ Filters: [RUNNING], MaxResults: INSTANCES_PAGE_SIZE, NextToken }),
      ),
    (page) => page.NextToken,
  );
  const instances = normalizeInstances(region, pages, `ec2:DescribeInstances response in ${region}`);
  return { region, instances, refused: null };
}

export const ec2InstancesSection = defineSection({
  name: 'ec2Instances',
  data: z.array(ec2InstancesRegionSchema),
  reads: ['ec2:DescribeInstances'],
  readWith: ['regions'],
  collect: async (context) => {
    const refusals: unknown[] = [];
    const regions = await forEachEnabledRegion(context, 'ec2Instances', async (region) => {
      try {
        return await readRegion(context, region);
      } catch (error) {
        if (!isAccessDenied(error)) throw error;
        refusals.push(error);
        const refused = { code: awsErrorCode(error), message: (error as Error).message };
        return { region, instances: [], refused };
      }
    });
    // Refused everywhere: the caller lacks ec2:DescribeInstances, not one region's permission.
    if (regions.length > 0 && refusals.length === regions.length) throw refusals[0];
    return regions;
  },
  awsCli: {
    kind: 'per-region',
    commands: [{ name: FILE, shape: { required: { Reservations: 'list' }, more: 'NextToken' } }],
    howToSave: `in each enabled region R: ${saveCommand('R')} > ${FILE}.R.json`,
    action: 'ec2:DescribeInstances',
    read: (region: string, [file]: CliFile[]) => ({
      region,
      instances: normalizeInstances(region, pagesOf(parseCliJson(file!)), file!.path),
      refused: null,
    }),
  },
});
