// The Report: what the engine produces and every reporter renders. Its JSON form (report/json.ts)
// is the stable machine format; baseline, diff and merge read it back.
import type { SectionError, SectionName, SectionStatus } from '../snapshot/schema.js';
import type { Frameworks, RuleDocs, Severity, SourceLocation } from '../rules/types.js';

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

/** Shard `index` of `count` (1-based) of an organization's accounts sorted by id: `--shard K/N`. */
export interface Shard {
  index: number;
  count: number;
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

export const CONTROL_STATUSES = ['pass', 'fail', 'manual', 'not-evaluated', 'not-applicable'] as const;
/**
 * pass: every rule behind the control ran and found nothing; fail: an unsuppressed finding claims
 * it; manual: no rule checks it (an attestation may say who looked); not-evaluated: a rule behind
 * it could not judge, was not run, ran with options looser than the benchmark asks, or its
 * attestation expired; not-applicable: its rules concern no audited account.
 */
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** A person's word that they checked a manual control (config `attestations`). */
export interface ControlAttestation {
  by: string;
  statement: string;
  /** Last day (YYYY-MM-DD) it holds. */
  until: string;
}

export interface ControlResult {
  id: string;
  title: string;
  status: ControlStatus;
  /** The rules behind the control (from their metadata); empty for a control no rule checks. */
  rules: string[];
  /** Unsuppressed findings that claim the control. */
  findings: number;
  /** Why the status is not a plain pass or fail: the gap, the loosened option, the attestation. */
  note?: string;
  attestation?: ControlAttestation;
}

/** One framework's controls (`audit --framework ID`), in the benchmark's order. */
export interface FrameworkResult {
  framework: string;
  title: string;
  controls: ControlResult[];
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
  /**
   * Per control of each framework asked for with --framework (or `frameworks:` in the config).
   * Added in 0.1 without a schemaVersion bump: absent from reports without a framework, and
   * reports written before it still read.
   */
  compliance?: FrameworkResult[];
}
