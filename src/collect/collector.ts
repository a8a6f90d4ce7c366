// The context every section collector gets (src/sections/), and the helpers collectors share. A
// collector returns its section's data or throws; the index turns a throw into the section's
// `denied` or `error` status, so collectors contain no status bookkeeping of their own. This module
// loads no AWS SDK package (only its types): section modules use it, and offline commands load those.
import type { Organization, Region, SectionError } from '../snapshot/schema.js';
import type { Clients } from './clients.js';
import type { CallerIdentity } from './identity.js';
import type { Progress } from './progress.js';

/**
 * Answers several sections need, fetched once per account however many ask: the enabled regions
 * (Config and Access Analyzer scan each) and the organization (SCPs depend on who manages it).
 * A lookup that fails makes every section that asked fail with the same error.
 */
export interface SharedLookups {
  /** Every region of the partition with its opt-in status, from the regions section. */
  regions(): Promise<Region[]>;
  /** The organization, or null when the account is in none. */
  organization(): Promise<Organization | null>;
}

export interface CollectContext {
  clients: Clients;
  identity: CallerIdentity;
  shared: SharedLookups;
  progress: Progress;
  /** Waits between credential-report polls. */
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  credentialReportTimeoutMs: number;
}

/**
 * Thrown by a collector when its section does not exist for this account, so there was nothing
 * to collect (SCPs outside the management account, billing metrics outside the aws partition).
 * The section becomes `skipped` with this reason; rules that need it are "not evaluated", never passed.
 */
export class SectionSkipped extends Error {
  override readonly name = 'SectionSkipped';
  constructor(
    readonly code: string,
    message: string,
    readonly action?: string,
  ) {
    super(message);
  }

  get sectionError(): SectionError {
    return this.action
      ? { code: this.code, message: this.message, action: this.action }
      : { code: this.code, message: this.message };
  }
}

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

/**
 * Progress callback for allPages: "page N" on the section's line. (`section` is a plain string: the
 * section modules call this, and the type SectionName is made from them.)
 */
export function pageProgress(context: CollectContext, section: string): (pagesSoFar: number) => void {
  return (pages) => context.progress.update(section, pages === 1 ? '1 page' : `${pages} pages`);
}

/**
 * Follows NextToken pagination (Organizations, Account, Access Analyzer, CloudWatch) to the end.
 * Pages may be empty and still carry a token (ListAccounts does this): only a missing token ends it.
 */
export async function allTokenPages<Page>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  nextToken: (page: Page) => string | undefined,
): Promise<Page[]> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    pages.push(page);
    token = nextToken(page);
  } while (token);
  return pages;
}
