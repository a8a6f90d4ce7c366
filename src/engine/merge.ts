// Merging JSON reports of one audit split into parts (`--shard K/N` jobs of a CI matrix, an AWS
// Batch array job, a Step Functions map): the accounts, findings, not-evaluated rules and rule
// errors of every part in one report, ordered as one run would order them, with the summary
// recomputed. Parts must come from the same report format and the same --fail-on, and no account
// may be in two parts; shards (reports that record `run.shard`) must be the shards of one split,
// each once, and all of them unless --allow-partial. Anything else is an InputError naming the files.
import { InputError, NEVER_A_PASS } from '../errors.js';
import { shardName } from '../model/shard.js';
import { describeMissingShards } from '../report/facts.js';
import type { PartialRun, Report, ReportRule } from '../report/model.js';
import { compareFindings } from '../report/order.js';
import { whyNothingAudited } from '../report/summary.js';
import { assembleReport } from './report.js';

export interface ReportPart {
  file: string;
  report: Report;
}

function byAccount<T extends { accountId?: string }>(items: T[]): T[] {
  // Array.prototype.sort is stable: within an account the engine's order (rule order) is kept.
  return items.sort((a, b) => (a.accountId ?? '').localeCompare(b.accountId ?? ''));
}

function checkSameFailOn(parts: readonly ReportPart[]): void {
  const [first] = parts;
  const other = parts.find((part) => part.report.failOn !== first!.report.failOn);
  if (other) {
    throw new InputError(
      `${first!.file} was evaluated with --fail-on ${first!.report.failOn}, ${other.file} with --fail-on ${other.report.failOn}`,
      'Run every part of the audit with the same --fail-on (and config), then merge.',
    );
  }
}

function checkDisjointAccounts(parts: readonly ReportPart[]): void {
  const seen = new Map<string, string>();
  for (const { file, report } of parts) {
    for (const { accountId } of report.accounts) {
      const earlier = seen.get(accountId);
      if (earlier !== undefined) {
        throw new InputError(
          `account ${accountId} is in both ${earlier} and ${file}`,
          'Each account must be in exactly one report: merge the shards of one run (--shard 1/N ... N/N), each once.',
        );
      }
      seen.set(accountId, file);
    }
  }
}

/**
 * When the parts are shards, they must be the shards of one split, each once, and all of them:
 * with --allow-partial, the missing ones are returned instead of refused. Parts that are not
 * shards are merged as they are, but never mixed with shards.
 */
function missingShards(parts: readonly ReportPart[], allowPartial: boolean): PartialRun | undefined {
  const shards = parts.flatMap(({ file, report }) =>
    report.run?.shard ? [{ file, ...report.run.shard }] : [],
  );
  const [first] = shards;
  if (!first) return undefined;
  const whole = parts.find((part) => !part.report.run?.shard);
  if (whole) {
    throw new InputError(
      `${first.file} is shard ${shardName(first)} of a sharded run, but ${whole.file} is not a shard`,
      'Merge the shard reports of one run on their own.',
    );
  }
  const otherSplit = shards.find((shard) => shard.count !== first.count);
  if (otherSplit) {
    throw new InputError(
      `${first.file} is shard ${shardName(first)} and ${otherSplit.file} is shard ${shardName(otherSplit)}: shards of different splits`,
      'Merge the shards of one run, every job run with the same N in --shard K/N.',
    );
  }
  const given = new Map<number, string>();
  for (const shard of shards) {
    const earlier = given.get(shard.index);
    if (earlier !== undefined) {
      throw new InputError(
        `shard ${shardName(shard)} is given twice: ${earlier} and ${shard.file}`,
        "Pass each shard's report once.",
      );
    }
    given.set(shard.index, shard.file);
  }
  const all = Array.from({ length: first.count }, (_, position) => position + 1);
  const missing = all.filter((index) => !given.has(index));
  if (missing.length === 0) return undefined;
  const partial = { shards: first.count, missing };
  if (!allowPartial) {
    const present = all.filter((index) => given.has(index));
    throw new InputError(
      `${describeMissingShards(partial)} (given: ${present.map((index) => shardName({ index, count: first.count })).join(', ')}): ` +
        `${missing.length === 1 ? 'its' : 'their'} accounts would not be in the report`,
      'Pass the report of every shard, or --allow-partial to merge these anyway (the report then counts as incomplete).',
    );
  }
  return partial;
}

/** What a partial merge warns of, in the report and on stderr. */
export function partialWarning(partial: PartialRun): string {
  const what = describeMissingShards(partial);
  return `${what[0]!.toUpperCase()}${what.slice(1)} from this merge (--allow-partial): ${partial.missing.length === 1 ? 'its' : 'their'} accounts were not audited.`;
}

/** The union of the parts' rules by id, in the order they first appear. */
function unionOfRules(parts: readonly ReportPart[]): ReportRule[] {
  const rules = new Map<string, ReportRule>();
  for (const { report } of parts)
    for (const rule of report.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  return [...rules.values()];
}

export interface MergeOptions {
  /** Merge shards even when some are missing: the report then names them and counts as incomplete. */
  allowPartial?: boolean;
}

/** One report from several parts. Throws InputError when they do not belong to one run. */
export function mergeReports(
  parts: readonly ReportPart[],
  { allowPartial = false }: MergeOptions = {},
): Report {
  if (parts.length === 0) throw new InputError('merge: no report given', 'Pass the JSON reports to merge.');
  checkSameFailOn(parts);
  const partial = missingShards(parts, allowPartial);
  checkDisjointAccounts(parts);
  const reports = parts.map((part) => part.report);
  const fixed = reports.some((report) => report.fixed !== undefined)
    ? reports.flatMap((report) => report.fixed ?? []).sort(compareFindings)
    : undefined;
  const accounts = byAccount(reports.flatMap((report) => report.accounts));
  const nothingAudited = whyNothingAudited(accounts, 'the reports');
  if (nothingAudited) {
    throw new InputError(
      `merge: nothing audited: ${nothingAudited}`,
      `${NEVER_A_PASS}: merge the reports of runs that audited accounts.`,
    );
  }
  // The parts' findings are already suppressed and compared with their baseline: no run settings
  // but the ones they share are applied again.
  return assembleReport(
    {
      accounts,
      rules: unionOfRules(parts),
      findings: reports.flatMap((report) => report.findings),
      ...(fixed && { fixed }),
      notEvaluated: byAccount(reports.flatMap((report) => report.notEvaluated)),
      ruleErrors: byAccount(reports.flatMap((report) => report.ruleErrors)),
      warnings: [
        ...new Set(reports.flatMap((report) => report.warnings)),
        ...(partial ? [partialWarning(partial)] : []),
      ],
    },
    {
      failOn: reports[0]!.failOn,
      generatedAt: reports
        .map((report) => report.generatedAt)
        .sort()
        .at(-1)!,
      tool: reports[0]!.tool,
      // A merge of every shard is the report of the whole run; one that lacks shards says which.
      ...(partial && { run: { partial } }),
    },
  );
}
