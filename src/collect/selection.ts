// What a live collection reads: the sections the selected rules need (--rules, --exclude-rules,
// rules disabled in config), and the regions the regional sections scan (--regions). Reading only
// those keeps an IAM audit to a few IAM calls instead of a scan of every region; what was left out
// is recorded in the snapshot, so a rule that needed it is "not evaluated", never a pass.
import { InputError } from '../errors.js';
import { SECTIONS } from '../sections/index.js';
import type { Region, SectionError, SectionName, Snapshot } from '../snapshot/schema.js';

/**
 * Each section's `readWith`: the sections whose lookup its collector reads (regions for the
 * regional scans, the organization for the SCPs), collected with it. test/sections/parity.test.ts
 * checks that each names a section.
 */
const READ_WITH = new Map<SectionName, readonly SectionName[]>(
  SECTIONS.map((section) => [section.name, (section.readWith ?? []) as readonly SectionName[]]),
);

/** The sections rules with these `needs` read, with what they are read against, in no particular order. */
export function sectionsToCollect(
  rules: ReadonlyArray<{ needs: readonly SectionName[]; alsoReads?: readonly SectionName[] }>,
): SectionName[] {
  const sections = new Set<SectionName>();
  for (const rule of rules) {
    for (const section of [...rule.needs, ...(rule.alsoReads ?? [])]) {
      for (const also of READ_WITH.get(section) ?? []) sections.add(also);
      sections.add(section);
    }
  }
  return [...sections];
}

/** The status of a section the selection did not need. */
export const NOT_REQUESTED: { status: 'skipped'; error: SectionError } = {
  status: 'skipped',
  error: {
    code: 'NotRequested',
    message:
      'not requested: no rule selected for the collection (--rules, --exclude-rules, config) reads it; ' +
      'collect again with this rule selected',
  },
};

/**
 * Checks --regions against the account's enabled regions and marks the enabled ones it leaves out.
 * A region that is not enabled is a usage error: scanning it would fail, and silently dropping it
 * would audit less than the user asked for.
 */
export function limitRegions(regions: Region[], wanted: readonly string[], accountId: string): Region[] {
  const enabled = regions.filter((region) => region.enabled).map((region) => region.name);
  const unknown = wanted.filter((name) => !enabled.includes(name));
  if (unknown.length > 0) {
    throw new InputError(
      `--regions: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not enabled in account ${accountId}; ` +
        `enabled regions: ${enabled.join(', ')}`,
      'List enabled regions only, or drop --regions to scan them all.',
    );
  }
  return regions.map((region) =>
    region.enabled && !wanted.includes(region.name) ? { ...region, leftOut: true } : region,
  );
}

/**
 * One warning per account whose regional sections --regions limited, naming the enabled regions
 * left out. A warning, not an incomplete run: the user chose to scan fewer regions, and the rules
 * did judge every region that was collected; but no output may let the others pass unmentioned.
 */
export function regionsLeftOutWarnings(snapshots: ReadonlyArray<Snapshot | undefined>): string[] {
  return snapshots.flatMap((snapshot) => {
    const regions = snapshot?.sections.regions?.data ?? [];
    const leftOut = regions.filter((region) => region.leftOut).map((region) => region.name);
    if (!snapshot || leftOut.length === 0) return [];
    const scanned = regions
      .filter((region) => region.enabled && !region.leftOut)
      .map((region) => region.name);
    return [
      `account ${snapshot.accountId}: --regions left out enabled regions ${leftOut.join(', ')}: ` +
        `regional rules judged ${scanned.join(', ')} only`,
    ];
  });
}
