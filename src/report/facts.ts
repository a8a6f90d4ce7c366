// Plain-text facts about a report that the Markdown and HTML outputs both state the same way:
// the gate's verdict, how old the data is, how an account or a template report is named.
import { basename } from 'node:path';
import { SEVERITIES } from '../model/severity.js';
import { plural } from '../util/words.js';
import type { AccountReport, FileReport, NotEvaluated, PartialRun, Report } from './model.js';
import { shardName } from '../model/shard.js';

export type VerdictStatus = 'failed' | 'incomplete' | 'passed' | 'off';

export interface Verdict {
  status: VerdictStatus;
  /** One sentence, no markup. */
  text: string;
}

/** "1 critical, 3 high, 10 medium" (severities with findings only). */
export function severityCounts(report: Report): string {
  return SEVERITIES.filter((s) => report.summary.bySeverity[s] > 0)
    .map((s) => `${report.summary.bySeverity[s]} ${s}`)
    .join(', ');
}

/** The exit-code logic of engine.ts in words: failing findings beat incompleteness. */
export function gateVerdict(report: Report): Verdict {
  const { summary, failOn } = report;
  const scope = report.fixed !== undefined ? 'new unsuppressed finding' : 'unsuppressed finding';
  if (summary.failing > 0) {
    return { status: 'failed', text: `Failed: ${plural(summary.failing, scope)} at or above ${failOn}.` };
  }
  const gaps = describeIncomplete(report);
  const gateOff = 'The gate is off (fail on: none).';
  if (gaps) {
    const checked = failOn === 'none' ? gateOff : `Nothing at or above ${failOn} among what was checked.`;
    return { status: 'incomplete', text: `Incomplete: ${gaps}. ${checked}` };
  }
  if (failOn === 'none') {
    // No pass or fail to announce, so the verdict says what there is.
    const found =
      summary.findings > 0
        ? `${plural(summary.findings, 'finding')}: ${severityCounts(report)}.`
        : 'No findings.';
    return { status: 'off', text: `${found} ${gateOff}` };
  }
  return { status: 'passed', text: `Passed: no ${scope} at or above ${failOn}.` };
}

/** One check that neither passed nor failed: a rule in an account, or a whole account or file (no ruleId). */
export interface Gap {
  ruleId?: string;
  /** The account, or in a template report the file (see placeOf). */
  where: string;
  why: string;
}

/** Everything that makes a report incomplete: accounts not audited, rules not evaluated, rule errors. */
export function incompleteChecks(report: Report): Gap[] {
  return [
    ...report.accounts
      .filter((a) => a.status === 'failed')
      .map((a) => ({
        where: a.accountId,
        why: `account could not be audited: ${a.reason ?? 'no reason recorded'}`,
      })),
    ...filesNotAnalysed(report).map((file) => ({
      where: file.path,
      why: `${file.status === 'failed' ? 'could not be scanned' : 'not analysed'}: ${file.reason ?? 'no reason recorded'}`,
    })),
    ...report.notEvaluated.map((n) => ({
      ruleId: n.ruleId,
      where: placeOf(n),
      why: n.resource === undefined ? n.reason : `${n.resource}: ${n.reason}`,
    })),
    ...report.ruleErrors.map((e) => ({
      ruleId: e.ruleId,
      where: placeOf(e),
      why: `rule error: ${e.message}`,
    })),
  ];
}

/** "shard 2/3 is missing", "shards 2/4 and 4/4 are missing". */
export function describeMissingShards({ shards, missing }: PartialRun): string {
  const names = missing.map((index) => shardName({ index, count: shards }));
  return missing.length === 1
    ? `shard ${names[0]} is missing`
    : `shards ${names.slice(0, -1).join(', ')} and ${names.at(-1)} are missing`;
}

/** "13 rule checks did not run and 1 account could not be audited" (empty when complete). */
export function describeIncomplete(report: Report): string {
  const checks = report.notEvaluated.length + report.ruleErrors.length;
  const accounts = report.accounts.filter((a) => a.status === 'failed').length;
  const files = filesNotAnalysed(report).length;
  return [
    report.run?.partial ? describeMissingShards(report.run.partial) : '',
    checks > 0 ? `${plural(checks, 'rule check')} did not run` : '',
    accounts > 0 ? `${plural(accounts, 'account')} could not be audited` : '',
    files > 0 ? `${plural(files, 'file')} could not be analysed` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

/**
 * The title of the list of gaps. When the gaps decide the verdict, the verdict just above already
 * says "Incomplete: …", so the list is titled without repeating it.
 */
export function incompleteTitle(report: Report): string {
  return gateVerdict(report).status === 'incomplete'
    ? 'Not everything was checked'
    : `Incomplete: ${describeIncomplete(report)}`;
}

function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}

/**
 * What to do about the gaps, one sentence per cause, because each has a different fix: a denied
 * call needs a permission, a skipped section was never collected (its reason says what to
 * provide), a failed collection needs another run, a failed account or rule its own error fixed.
 */
export function incompleteAdvice(report: Report): string[] {
  const sections = report.notEvaluated.flatMap((gap) => gap.sections);
  const withStatus = (status: NotEvaluated['sections'][number]['status']) =>
    sections.filter((section) => section.status === status);
  const advice: string[] = [];

  const denied = withStatus('denied');
  if (denied.length > 0) {
    const actions = distinct(denied.map((section) => section.error?.action));
    const permission =
      actions.length === 0
        ? 'the missing permission'
        : `${actions.length === 1 ? 'the permission' : 'the permissions'} ${actions.join(', ')}`;
    advice.push(`Grant iamspect ${permission} (see docs/permissions.md), then run again.`);
  }
  const skipped = new Map(withStatus('skipped').map((section) => [section.name, section.error?.message]));
  for (const [name, reason] of skipped) {
    advice.push(`${name} was not collected${reason ? `: ${reason}` : ''}.`);
  }
  const failed = distinct(withStatus('error').map((section) => section.name));
  if (failed.length > 0) {
    advice.push(`Collecting ${failed.join(', ')} failed (the error is below): run again once it is fixed.`);
  }
  const absent = distinct(withStatus('absent').map((section) => section.name));
  if (absent.length > 0) {
    advice.push(`The snapshot has no ${absent.join(', ')}: collect it again with this iamspect version.`);
  }
  if (report.notEvaluated.some((gap) => gap.resource !== undefined)) {
    advice.push(
      'Some users, roles or policies could not be judged from their data (each is named below with the reason): ' +
        'correct the data, or collect again once the cause is fixed.',
    );
  }
  if (report.accounts.some((account) => account.status === 'failed')) {
    advice.push('Fix what stopped the audit of each failed account (the reason is below), then run again.');
  }
  if (report.ruleErrors.length > 0) {
    advice.push(
      'A rule error is a bug in iamspect or data it did not expect: please report it with the message below.',
    );
  }
  return advice;
}

export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return 'unknown';
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A span of time as a person would say it: "less than a minute", "30 min", "2 h", "22 days".
 * Every output format words an age through this, so the table, Markdown and HTML agree.
 */
export function describeDuration(milliseconds: number): string {
  const minutes = Math.round(Math.max(0, milliseconds) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return plural(Math.round(hours / 24), 'day');
}

/**
 * "2026-06-15 08:00 UTC, 4 h before collection". IAM serves a cached credential report for up
 * to 4 hours, so findings about passwords and keys can be that much older than the snapshot.
 */
export function credentialReportAge(account: AccountReport): string | undefined {
  const generated = account.credentialReportGeneratedAt;
  if (!generated) return undefined;
  if (!account.collectedAt) return formatUtc(generated);
  const age = Date.parse(account.collectedAt) - Date.parse(generated);
  return `${formatUtc(generated)}, ${describeDuration(age)} before collection`;
}

export function accountLabel(report: Report, accountId: string): string {
  const alias = report.accounts.find((a) => a.accountId === accountId)?.accountAlias;
  return alias ? `${accountId} (${alias})` : accountId;
}

/** What a rule that ran on no one file of a template report is placed in. */
export const ALL_TEMPLATES = 'all templates';

/** Where a finding, not-evaluated entry or rule error is: its account, or in a template report its file. */
export function placeOf(entry: { accountId?: string; location?: { file: string } }): string {
  return entry.accountId ?? entry.location?.file ?? ALL_TEMPLATES;
}

/** The files of a template report that were not analysed whole: each makes the run incomplete. */
export function filesNotAnalysed(report: Report): FileReport[] {
  return (report.files ?? []).filter((file) => file.status !== 'analysed');
}

const NAMED_FILES = 3;

/** "template stack.yaml", "2 templates: a.yaml, b.yaml", "7 templates: a.yaml, b.yaml, c.yaml and 4 more". */
export function templatesTitle(files: readonly FileReport[]): string {
  const names = files.map((file) => basename(file.path));
  if (names.length === 1) return `template ${names[0]}`;
  const shown = names.slice(0, NAMED_FILES).join(', ');
  const more = names.length > NAMED_FILES ? ` and ${names.length - NAMED_FILES} more` : '';
  return `${plural(names.length, 'template')}: ${shown}${more}`;
}
