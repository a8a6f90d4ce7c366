// What a section collector is, and the context every collector gets. A collector returns its
// section's data or throws; the index turns a throw into the section's `denied` or `error` status,
// so collectors contain no status bookkeeping of their own.
import type { Section, SectionName } from '../snapshot/schema.js';
import type { Clients } from './clients.js';
import type { Progress } from './progress.js';

export interface CollectContext {
  clients: Clients;
  progress: Progress;
  /** Waits between credential-report polls. */
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  credentialReportTimeoutMs: number;
}

export interface SectionCollector<N extends SectionName> {
  section: N;
  collect(context: CollectContext): Promise<Section<N>['data']>;
}

export type AnySectionCollector = { [N in SectionName]: SectionCollector<N> }[SectionName];

/** Largest page IAM's List* operations and GetAccountAuthorizationDetails allow. */
export const MAX_ITEMS = 1000;

interface MarkerPage {
  IsTruncated?: boolean;
  Marker?: string;
}

/**
 * Follows IAM's Marker pagination to the last page. Stops when IsTruncated is false or no Marker
 * comes back: the SDK's own paginators look only at Marker and would keep going on a page that
 * says IsTruncated=false but still carries one.
 */
export async function allPages<Page extends MarkerPage>(
  fetchPage: (marker: string | undefined) => Promise<Page>,
  onPage: (pagesSoFar: number) => void,
): Promise<Page[]> {
  const pages: Page[] = [];
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker);
    pages.push(page);
    onPage(pages.length);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return pages;
}

/** Progress callback for allPages: "page N" on the section's line. */
export function pageProgress(context: CollectContext, section: SectionName): (pagesSoFar: number) => void {
  return (pages) => context.progress.update(section, pages === 1 ? '1 page' : `${pages} pages`);
}
