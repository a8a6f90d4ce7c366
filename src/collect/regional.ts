// Per-region collection for the regional services (Config, Access Analyzer): every region the
// account has enabled, never one it has not (calls there fail, and opt-in regions the account
// never enabled hold nothing), a few regions at a time.
import pLimit from 'p-limit';
import type { SectionName } from '../snapshot/schema.js';
import type { CollectContext } from './collector.js';

/** Regions read at once per section: enough to hide latency, few enough not to be throttled. */
const REGION_CONCURRENCY = 4;

/**
 * Runs `collect` for each enabled region and returns the results in region order. A region that
 * fails fails the section, with the region named in the error: a guard rail that could not be read
 * in one region must not pass for the account.
 */
export async function forEachEnabledRegion<T>(
  context: CollectContext,
  section: SectionName,
  collect: (region: string) => Promise<T>,
): Promise<T[]> {
  const regions = (await context.shared.regions()).filter((region) => region.enabled);
  const limit = pLimit(REGION_CONCURRENCY);
  let done = 0;
  // allSettled: when one region fails the others still finish first, so no request is left in
  // flight once the section is reported.
  const results = await Promise.allSettled(
    regions.map(({ name }) =>
      limit(async () => {
        try {
          return await collect(name);
        } catch (error) {
          if (error instanceof Error) error.message = `${name}: ${error.message}`;
          throw error;
        } finally {
          done += 1;
          context.progress.update(section, `${done}/${regions.length} regions`);
        }
      }),
    ),
  );
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}
