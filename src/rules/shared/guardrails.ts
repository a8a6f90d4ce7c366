// Helpers of the guard-rail rules: where an account stands in AWS Organizations (some rules concern
// only the management account), the regions it has enabled (regional rules check exactly those),
// and AWS Config's status words.
import { optionalSectionData } from '../../snapshot/access.js';
import type { Region, Snapshot } from '../../snapshot/schema.js';

export type OrganizationRole = 'management' | 'member' | 'standalone' | 'unknown';

/** From the organization section; 'unknown' when it was not collected. */
export function organizationRole(snapshot: Snapshot): OrganizationRole {
  const section = snapshot.sections.organization;
  if (section?.status !== 'ok' || section.data === undefined) return 'unknown';
  const organization = optionalSectionData(snapshot, 'organization');
  if (!organization) return 'standalone';
  return organization.managementAccountId === snapshot.accountId ? 'management' : 'member';
}

/**
 * appliesTo for rules about the management account's settings: true for the management account,
 * and when the organization is unknown (the rule is then not evaluated rather than skipped).
 */
export function isManagementAccountOrUnknown(snapshot: Snapshot): boolean {
  const role = organizationRole(snapshot);
  return role === 'management' || role === 'unknown';
}

/** The regions the account has enabled and the regional sections scanned (not left out by --regions). */
function enabledRegions(regions: readonly Region[]): string[] {
  return regions.filter((region) => region.enabled && !region.leftOut).map((region) => region.name);
}

/**
 * The entry of `byRegion` for each enabled region. A missing entry means the snapshot does not
 * hold the region it claims was scanned: an error (a rule error is never a pass), not "nothing there".
 */
export function perEnabledRegion<T extends { region: string }>(
  regions: readonly Region[],
  byRegion: readonly T[],
  section: string,
): T[] {
  return enabledRegions(regions).map((name) => {
    const entry = byRegion.find((candidate) => candidate.region === name);
    if (!entry) throw new Error(`${section} holds no data for enabled region ${name}`);
    return entry;
  });
}

/** Config's lastStatus is `Failure` in its model and `FAILURE` in its CLI examples: compare without case. */
export function isConfigFailure(lastStatus: string | null): boolean {
  return lastStatus?.toUpperCase() === 'FAILURE';
}
