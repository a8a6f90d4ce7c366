// The Report: what the engine produces and every reporter renders. Its JSON form (report/json.ts)
// is the stable machine format; baseline, diff and merge read it back.
import type { SectionError, SectionName, SectionStatus, SourceLocation } from '../snapshot/schema.js';
import type { Frameworks, RuleDocs } from '../rules/types.js';
import type { Severity } from '../model/severity.js';
import type { Shard } from '../model/shard.js';

export const REPORT_SCHEMA_VERSION = 1;

export type BaselineState = 'new' | 'existing';

export interface ReportFinding {
  ruleId: string;
  title: string;
  severity: Severity;
  accountId: string;
  resource: string;
  message: string;
  discriminator?: string;
  evidence?: Record<string, unknown>;
  /** sha256(ruleId, accountId, resource, discriminator): stable across runs and rewordings. */
  fingerprint: string;
  frameworks: Frameworks;
  suppressed?: { reason: string; expires?: string; resource: string };
  baselineState?: BaselineState;
  location?: SourceLocation;
}

export interface SectionReport {
  status: SectionStatus;
  error?: SectionError;
}

export type AccountStatus = 'audited' | 'failed' | 'skipped';

export interface AccountReport {
  accountId: string;
  accountAlias?: string | null;
  partition: string;
  /** audited = evaluated; failed = could not be collected (reason says why); skipped = not attempted (e.g. SUSPENDED). */
  status: AccountStatus;
  reason?: string;
  collectedAt?: string;
  /** collectedAtFrom: where collectedAt came from, when the source holds no collection time (AWS CLI outputs). */
  source?: { kind: string; path?: string; collectedAtFrom?: string };
  /** When IAM generated the credential report the findings rest on. */
  credentialReportGeneratedAt?: string | null;
  sections: Partial<Record<SectionName, SectionReport>>;
}

export interface NotEvaluated {
  ruleId: string;
  accountId: string;
  /**
   * Set when the rule ran but could not judge this one resource (ARN), e.g. a principal with a
   * policy that cannot be decoded. Absent when the whole rule could not run in the account.
   */
  resource?: string;
  /** One line: which section was missing and why (naming the refused action when known), or what about the resource's data could not be judged. */
  reason: string;
  /** The sections that were not ok; empty for an entry about one resource. */
  sections: Array<{ name: SectionName; status: SectionStatus | 'absent'; error?: SectionError }>;
}

export interface RuleError {
  ruleId: string;
  accountId: string;
  message: string;
}

export interface ReportRule {
  id: string;
  title: string;
  severity: Severity;
  needs: readonly SectionName[];
  frameworks: Frameworks;
  docs: RuleDocs;
}

export interface Summary {
  findings: number;
  bySeverity: Record<Severity, number>;
  suppressed: number;
  /** Unsuppressed findings at or above failOn (and new, when a baseline is used): what fails the gate. */
  failing: number;
  notEvaluated: number;
  ruleErrors: number;
  accounts: { audited: number; failed: number; skipped: number };
}

/**
 * How the run was split. Absent from the report of a whole run (and from a merge of all its
 * shards); added in 0.1 without a schemaVersion bump, so reports without it still read.
 */
export interface ReportRun {
  /** This report covers one shard of the run: `iamspect merge` needs every shard once. */
  shard?: Shard;
  /** A merge that lacks shards (`merge --allow-partial`): their accounts were not audited. */
  partial?: PartialRun;
}

export interface PartialRun {
  /** N of the run's --shard K/N. */
  shards: number;
  /** The K of each shard the merge lacks, ascending. */
  missing: number[];
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  failOn: Severity | 'none';
  run?: ReportRun;
  accounts: AccountReport[];
  rules: ReportRule[];
  findings: ReportFinding[];
  /** Findings of the baseline that are gone (only with --baseline). */
  fixed?: ReportFinding[];
  notEvaluated: NotEvaluated[];
  ruleErrors: RuleError[];
  /** Expired or soon-expiring suppressions, stale suppressions, old credential reports... */
  warnings: string[];
  summary: Summary;
}
