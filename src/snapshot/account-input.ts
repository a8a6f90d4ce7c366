// What the engine evaluates per account: its snapshot, or why there is none (an organization's
// account that could not be collected, a template that could not be parsed). Readers and
// collectors produce it; they must not reach up into the engine for the word.
import type { Snapshot } from './schema.js';

export interface AccountInput {
  snapshot?: Snapshot;
  /** For accounts that could not be audited (org mode). */
  accountId?: string;
  partition?: string;
  status?: 'failed' | 'skipped';
  reason?: string;
  /** What the account's data would have come from (a template file that could not be parsed). */
  source?: { kind: string; path?: string };
}
