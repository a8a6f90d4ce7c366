// regions: every region of the partition and whether the account has it enabled, so the regional
// collectors scan exactly the enabled ones. The Account API (account:ListRegions) says so directly;
// where it cannot be used (denied, or a partition without it) EC2 DescribeRegions with AllRegions
// gives the same answer in its own words (opt-in-not-required, opted-in, not-opted-in).
import { z } from 'zod';
import type { Clients } from '../collect/clients.js';
import { allTokenPages } from '../collect/collector.js';
import { ReadOnlyViolation } from '../collect/failures.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { validateInput, validatePages } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const regionSchema = z.object({
  name: z.string(),
  optStatus: z.string(),
  enabled: z.boolean(),
  /** Enabled, but --regions left it out of the regional sections: rules judge the others only. */
  leftOut: z.boolean().optional(),
});
export type Region = z.infer<typeof regionSchema>;

/** account:ListRegions statuses of a region that can be called (ENABLING and DISABLING cannot, reliably). */
const ENABLED_ACCOUNT_STATUSES = new Set(['ENABLED', 'ENABLED_BY_DEFAULT']);
/** ec2:DescribeRegions opt-in statuses of a region that can be called. */
const ENABLED_EC2_STATUSES = new Set(['opt-in-not-required', 'opted-in']);

const listRegionsPage = z.object({
  Regions: z.array(z.object({ RegionName: z.string(), RegionOptStatus: z.string() })).optional(),
});

/** account:ListRegions pages -> regions, sorted by name. */
export function normalizeAccountRegions(pages: readonly unknown[], source: string): Region[] {
  return sortRegions(
    validatePages(listRegionsPage, pages, source).flatMap((page) =>
      (page.Regions ?? []).map((region) => ({
        name: region.RegionName,
        optStatus: region.RegionOptStatus,
        enabled: ENABLED_ACCOUNT_STATUSES.has(region.RegionOptStatus),
      })),
    ),
  );
}

const describeRegionsOutput = z.object({
  Regions: z.array(z.object({ RegionName: z.string(), OptInStatus: z.string() })),
});

/** ec2:DescribeRegions (AllRegions) output -> regions, sorted by name. */
export function normalizeEc2Regions(output: unknown, source: string): Region[] {
  return sortRegions(
    validateInput(describeRegionsOutput, output, source).Regions.map((region) => ({
      name: region.RegionName,
      optStatus: region.OptInStatus,
      enabled: ENABLED_EC2_STATUSES.has(region.OptInStatus),
    })),
  );
}

function sortRegions(regions: Region[]): Region[] {
  return regions.sort((a, b) => a.name.localeCompare(b.name));
}

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

/** The regions of `partition`, with the account's opt-in status for each: the lookup behind `context.shared.regions`. */
export async function listRegions(clients: Clients, partition: string): Promise<Region[]> {
  const regions = await listAllRegions(clients);
  return regions.filter((region) => partitionOfRegion(region.name) === partition);
}

async function listAllRegions(clients: Clients): Promise<Region[]> {
  const { ListRegionsCommand } = await import('@aws-sdk/client-account');
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
      const { DescribeRegionsCommand } = await import('@aws-sdk/client-ec2');
      const output = await clients.ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
      return normalizeEc2Regions(output, 'ec2:DescribeRegions response');
    } catch {
      // Neither worked: report the preferred call, the one `iamspect permissions` grants first.
      throw error;
    }
  }
}

/** The file `aws account list-regions` is saved to. */
export const LIST_REGIONS = 'list-regions.json';

export const regionsSection = defineSection({
  name: 'regions',
  data: z.array(regionSchema),
  // ec2:DescribeRegions only when account:ListRegions is unavailable (denied, or a partition
  // without the Account API).
  reads: ['account:ListRegions', 'ec2:DescribeRegions'],
  collect: (context) => context.shared.regions(),
  awsCli: {
    kind: 'file',
    files: [
      { name: LIST_REGIONS, shape: { required: { Regions: 'list' }, more: 'NextToken' } },
      // Not paginated; --all-regions includes the regions not enabled.
      { name: 'describe-regions.json', shape: { required: { Regions: 'list' } } },
    ],
    howToSave: `aws account list-regions > ${LIST_REGIONS}`,
    action: 'account:ListRegions',
    read: (file) =>
      file.output.name === LIST_REGIONS
        ? normalizeAccountRegions(pagesOf(parseCliJson(file)), file.path)
        : normalizeEc2Regions(parseCliJson(file), file.path),
  },
});
