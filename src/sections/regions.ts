// regions: every region of the partition and whether the account has it enabled, so the regional
// collectors scan exactly the enabled ones. The Account API (account:ListRegions) says so directly;
// where it cannot be used (denied, or a partition without it) EC2 DescribeRegions with AllRegions
// gives the same answer in its own words (opt-in-not-required, opted-in, not-opted-in).
import { ListRegionsCommand } from '@aws-sdk/client-account';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { normalizeAccountRegions, normalizeEc2Regions } from '../snapshot/guardrail-outputs.js';
import type { Region } from '../snapshot/schema.js';
import type { Clients } from '../collect/clients.js';
import { ReadOnlyViolation } from '../collect/clients.js';
import type { SectionCollector } from '../collect/collector.js';
import { allTokenPages } from '../collect/collector.js';

/** Largest page account:ListRegions allows. */
const REGIONS_PAGE_SIZE = 50;

/**
 * The partition a region belongs to, from its name. Some endpoints (emulators, and EC2 in some
 * places) list the regions of other partitions too; calling those from an aws account only fails.
 */
export function partitionOfRegion(name: string): string {
  if (name.startsWith('cn-')) return 'aws-cn';
  if (name.startsWith('us-gov-')) return 'aws-us-gov';
  const isolated = /^[a-z]+-(iso[a-z]?)-/.exec(name);
  return isolated ? `aws-${isolated[1] === 'iso' ? 'iso' : `iso-${isolated[1]!.slice(3)}`}` : 'aws';
}

/** The regions of `partition`, with the account's opt-in status for each. */
export async function listRegions(clients: Clients, partition: string): Promise<Region[]> {
  const regions = await listAllRegions(clients);
  return regions.filter((region) => partitionOfRegion(region.name) === partition);
}

async function listAllRegions(clients: Clients): Promise<Region[]> {
  try {
    const pages = await allTokenPages(
      (NextToken) =>
        clients.account.send(new ListRegionsCommand({ MaxResults: REGIONS_PAGE_SIZE, NextToken })),
      (page) => page.NextToken,
    );
    return normalizeAccountRegions(pages, 'account:ListRegions response');
  } catch (error) {
    if (error instanceof ReadOnlyViolation) throw error;
    try {
      const output = await clients.ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
      return normalizeEc2Regions(output, 'ec2:DescribeRegions response');
    } catch {
      // Neither worked: report the preferred call, the one `iamspect permissions` grants first.
      throw error;
    }
  }
}

export const regionsCollector: SectionCollector<'regions'> = {
  section: 'regions',
  collect: (context) => context.shared.regions(),
};
