// Per-region collection for the regional services (Config, Access Analyzer): every region the
// account has enabled (and --regions kept), never one it has not (calls there fail, and opt-in
// regions the account never enabled hold nothing), a few regions at a time.
import pLimit from 'p-limit';
import type { CollectContext } from './collector.js';

/** Regions read at once per section: enough to hide latency, few enough not to be throttled. */
const REGION_CONCURRENCY = 4;

/**
 * Runs `collect` for each enabled region and returns the results in region order. A region that
 * fails fails the section, with the region named in the error: a guard rail that could not be read
 * in one region must not pass for the account. So once one region has failed no other is started:
 * the section's outcome is decided, and an endpoint that refuses a call usually refuses it
 * everywhere (an emulator without the operation took 20 s to say so in 24 regions). The first
 * region runs alone for the same reason; the others follow a few at a time.
 */
export async function forEachEnabledRegion<T>(
  context: CollectContext,
  /** The section's name, for its progress line. */
  section: string,
  collect: (region: string) => Promise<T>,
): Promise<T[]> {
  const regions = (await context.shared.regions()).filter((region) => region.enabled && !region.leftOut);
  let done = 0;
  let failure: { reason: unknown } | undefined;
  const inRegion = async (name: string): Promise<T | undefined> => {
    if (failure) return undefined;
    try {
      return await collect(name);
    } catch (error) {
      if (error instanceof Error) error.message = `${name}: ${error.message}`;
      failure ??= { reason: error };
      return undefined;
    } finally {
      done += 1;
      context.progress.update(section, `${done}/${regions.length} regions`);
    }
  };
  const [first, ...rest] = regions;
  if (first === undefined) return [];
  const firstResult = await inRegion(first.name);
  const limit = pLimit(REGION_CONCURRENCY);
  // Every started region finishes before the section is reported: no request is left in flight.
  const restResults = await Promise.all(rest.map(({ name }) => limit(() => inRegion(name))));
  if (failure) throw failure.reason;
  return [firstResult, ...restResults] as T[];
}
