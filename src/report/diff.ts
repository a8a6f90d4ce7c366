// `iamspect diff OLD.json NEW.json`: what changed between two scheduled audits. Findings are
// matched by fingerprint (never by message), exactly as --baseline does, and a finding only
// counts as fixed when the newer run re-checked it (see baseline.ts). The gate is failed by a new
// finding at or above --fail-on and by an existing one that reached it (severity raised,
// suppression ended): both are newly failing.
import { isAtOrAboveFailOn, isFailing } from './summary.js';
import type { Severity } from '../model/severity.js';
import { SEVERITY_RANK } from '../model/severity.js';
import { asFixed, recheckedIn } from './baseline.js';
import { formatUtc, placeOf } from './facts.js';
import { plural } from '../util/words.js';
import { BudgetedMarkdown, mdCode, mdHeader, mdRow, mdText } from './markdown.js';
import type { Report, ReportFinding } from './model.js';
import { wrapText } from '../util/terminal.js';

export const DIFF_SCHEMA_VERSION = 1;

/** A finding of both reports: as the newer one has it, and as it `was`. */
export interface KeptFinding {
  finding: ReportFinding;
  was: ReportFinding;
}

export interface SeverityChange {
  /** The finding as the newer report has it. */
  finding: ReportFinding;
  from: Severity;
}

interface DiffSide {
  generatedAt: string;
  /** When the newest of its accounts' data was collected: what the report describes. */
  collectedAt: string;
  accounts: string[];
}

export interface ReportDiff {
  old: DiffSide;
  new: DiffSide;
  /** In the newer report only (suppressed ones included, marked). */
  added: ReportFinding[];
  /** In the older report only, and re-checked by the newer run. */
  fixed: ReportFinding[];
  severityChanged: SeverityChange[];
  /** Counted in the older report, suppressed in the newer one. */
  newlySuppressed: ReportFinding[];
  /** Suppressed in the older report, counted again in the newer one (expired or removed). */
  suppressionExpired: ReportFinding[];
  /** In the older report only, but the newer run did not check them (account failed, rule not evaluated). */
  notRechecked: ReportFinding[];
  /** Findings of `added` whose rule did not run in the older report for their account. */
  uncheckedBefore: Set<string>;
  /** In both reports: whether each fails the gate depends on --fail-on (see newlyFailing). */
  kept: KeptFinding[];
}

function side(report: Report): DiffSide {
  const audited = report.accounts.filter((a) => a.status === 'audited');
  const collected = audited.flatMap((a) => (a.collectedAt ? [a.collectedAt] : [])).sort();
  return {
    generatedAt: report.generatedAt,
    collectedAt: collected[collected.length - 1] ?? report.generatedAt,
    accounts: audited.map((a) => a.accountId),
  };
}

export function diffReports(older: Report, newer: Report): ReportDiff {
  const before = new Map(older.findings.map((f) => [f.fingerprint, f]));
  const after = new Map(newer.findings.map((f) => [f.fingerprint, f]));
  const recheckedByNewer = recheckedIn(newer);
  const checkedByOlder = recheckedIn(older);

  const diff: ReportDiff = {
    old: side(older),
    new: side(newer),
    added: [],
    fixed: [],
    severityChanged: [],
    newlySuppressed: [],
    suppressionExpired: [],
    notRechecked: [],
    uncheckedBefore: new Set(),
    kept: [],
  };
  for (const finding of newer.findings) {
    const previous = before.get(finding.fingerprint);
    if (!previous) {
      diff.added.push(finding);
      if (!checkedByOlder(finding)) diff.uncheckedBefore.add(finding.fingerprint);
      continue;
    }
    diff.kept.push({ finding, was: previous });
    if (previous.severity !== finding.severity)
      diff.severityChanged.push({ finding, from: previous.severity });
    if (!previous.suppressed && finding.suppressed) diff.newlySuppressed.push(finding);
    if (previous.suppressed && !finding.suppressed) diff.suppressionExpired.push(finding);
  }
  for (const finding of older.findings) {
    if (after.has(finding.fingerprint)) continue;
    if (recheckedByNewer(finding)) diff.fixed.push(asFixed(finding));
    else diff.notRechecked.push(asFixed(finding));
  }
  return diff;
}

/** New, unsuppressed findings at or above `failOn`. */
export function failingAdded(diff: ReportDiff, failOn: Severity | 'none'): ReportFinding[] {
  return diff.added.filter((f) => isFailing(f, failOn));
}

/** Findings of both reports that reached `failOn` (severity raised, suppression ended). */
export function newlyFailing(diff: ReportDiff, failOn: Severity | 'none'): KeptFinding[] {
  return diff.kept.filter(
    ({ finding, was }) => isAtOrAboveFailOn(finding, failOn) && !isAtOrAboveFailOn(was, failOn),
  );
}

/** Findings of both reports that fell below `failOn` (severity lowered, suppressed). */
export function noLongerFailing(diff: ReportDiff, failOn: Severity | 'none'): KeptFinding[] {
  return diff.kept.filter(
    ({ finding, was }) => !isAtOrAboveFailOn(finding, failOn) && isAtOrAboveFailOn(was, failOn),
  );
}

/** What makes `iamspect diff` exit 1: new findings at or above `failOn`, and newly failing ones. */
export function failingCount(diff: ReportDiff, failOn: Severity | 'none'): number {
  return failingAdded(diff, failOn).length + newlyFailing(diff, failOn).length;
}

// ---------- rendering ----------

export const DIFF_FORMATS = ['table', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

interface Entry {
  finding: ReportFinding;
  severity: string;
  note: string;
}

interface DiffSection {
  title: string;
  /** What the rows are, for the truncation note ("... and 40 more new findings not shown"). */
  noun: string;
  entries: Entry[];
}

function suppressionNote(finding: ReportFinding): string {
  if (!finding.suppressed) return '';
  const until = finding.suppressed.expires ? ` until ${finding.suppressed.expires}` : '';
  return `suppressed${until}: ${finding.suppressed.reason}`;
}

function plain(finding: ReportFinding, note = ''): Entry {
  return { finding, severity: finding.severity, note };
}

/** "high → critical" and what moved it across the gate: "severity raised", "suppression ended"… */
function crossing({ finding, was }: KeptFinding): Entry {
  const rank = SEVERITY_RANK[finding.severity] - SEVERITY_RANK[was.severity];
  const note = [
    rank > 0 ? 'severity raised' : rank < 0 ? 'severity lowered' : '',
    was.suppressed && !finding.suppressed ? 'suppression ended' : '',
    suppressionNote(finding),
  ]
    .filter(Boolean)
    .join('; ');
  const severity = rank === 0 ? finding.severity : `${was.severity} → ${finding.severity}`;
  return { finding, severity, note };
}

function sections(diff: ReportDiff, failOn: Severity | 'none'): DiffSection[] {
  const all: DiffSection[] = [
    {
      title: 'New findings',
      noun: 'new findings',
      entries: diff.added.map((f) =>
        plain(
          f,
          [
            suppressionNote(f),
            diff.uncheckedBefore.has(f.fingerprint) ? 'not checked in the older report' : '',
          ]
            .filter(Boolean)
            .join('; '),
        ),
      ),
    },
    {
      title: `Newly failing, now at or above ${failOn}`,
      noun: 'newly failing findings',
      entries: newlyFailing(diff, failOn).map(crossing),
    },
    {
      title: `No longer failing, now below ${failOn}`,
      noun: 'findings no longer failing',
      entries: noLongerFailing(diff, failOn).map(crossing),
    },
    { title: 'Fixed', noun: 'fixed findings', entries: diff.fixed.map((f) => plain(f)) },
    {
      title: 'Severity changed',
      noun: 'severity changes',
      entries: diff.severityChanged.map(({ finding, from }) => ({
        finding,
        severity: `${from} → ${finding.severity}`,
        note: SEVERITY_RANK[finding.severity] > SEVERITY_RANK[from] ? 'raised' : 'lowered',
      })),
    },
    {
      title: 'Newly suppressed',
      noun: 'newly suppressed findings',
      entries: diff.newlySuppressed.map((f) => plain(f, suppressionNote(f))),
    },
    {
      title: 'Suppression expired or removed (counts again)',
      noun: 'findings whose suppression ended',
      entries: diff.suppressionExpired.map((f) => plain(f)),
    },
    {
      title: 'Not re-checked by the newer report (account not audited or rule not evaluated)',
      noun: 'findings not re-checked',
      entries: diff.notRechecked.map((f) => plain(f)),
    },
  ];
  return all.filter((s) => s.entries.length > 0);
}

function countIfAny(count: number, what: string): string[] {
  return count > 0 ? [`${count} ${what}`] : [];
}

function headline(diff: ReportDiff, failOn: Severity | 'none'): string {
  const failing = failingAdded(diff, failOn).length;
  const gate = failOn === 'none' ? 'gate off' : `${failing} at or above ${failOn}`;
  return [
    `${diff.added.length} new (${gate})`,
    `${diff.fixed.length} fixed`,
    `${diff.severityChanged.length} severity changed`,
    `${diff.newlySuppressed.length} newly suppressed`,
    `${diff.suppressionExpired.length} suppression expired`,
    ...(diff.notRechecked.length > 0 ? [`${diff.notRechecked.length} not re-checked`] : []),
    ...countIfAny(newlyFailing(diff, failOn).length, 'newly failing'),
    ...countIfAny(noLongerFailing(diff, failOn).length, 'no longer failing'),
  ].join(', ');
}

function comparedLine(diff: ReportDiff): string {
  // Collection times, not report times: two reports rendered today from old snapshots are old data.
  return `Compared data collected ${formatUtc(diff.old.collectedAt)} with data collected ${formatUtc(diff.new.collectedAt)}.`;
}

/**
 * One line per finding with the columns lined up; in a terminal too narrow for those lines
 * (`width`, undefined for a pipe or a file), each finding's message goes under its other columns
 * and every line wraps at words.
 */
function renderDiffTable(diff: ReportDiff, failOn: Severity | 'none', width: number | undefined): string {
  const fit = (text: string, hangingIndent = '  ') => (width ? wrapText(text, width, hangingIndent) : text);
  const lines = [fit(comparedLine(diff)), fit(headline(diff, failOn))];
  for (const section of sections(diff, failOn)) {
    const rows = section.entries.map((e) => [
      e.severity,
      placeOf(e.finding),
      e.finding.ruleId,
      e.finding.resource,
      e.finding.message + (e.note ? ` (${e.note})` : ''),
    ]);
    // Pad every column but the last to its widest cell, so the message column lines up.
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const aligned = rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
    lines.push('', fit(`${section.title} (${section.entries.length}):`));
    if (width === undefined || aligned.every((line) => line.length <= width)) {
      lines.push(...aligned);
      continue;
    }
    for (const row of rows) {
      lines.push(fit(`  ${row.slice(0, 4).join('  ')}`, '    '), fit(`      ${row[4]}`, ''));
    }
  }
  return `${lines.join('\n')}\n`;
}

function renderDiffMarkdown(diff: ReportDiff, failOn: Severity | 'none'): string {
  const out = new BudgetedMarkdown();
  const added = failingAdded(diff, failOn).length;
  const reached = newlyFailing(diff, failOn).length;
  const failing = [
    added > 0 ? `${plural(added, 'new finding')} at or above ${failOn}` : '',
    reached > 0 ? `${plural(reached, 'finding')} newly at or above ${failOn}` : '',
  ].filter(Boolean);
  const verdict =
    failing.length > 0 ? `**❌ ${failing.join(', ')}.**` : `**✅ No new finding at or above ${failOn}.**`;
  out.add(
    `## iamspect: what changed\n\n${comparedLine(diff)}\n\n${failOn === 'none' ? '' : `${verdict} `}${headline(diff, failOn)}.`,
  );
  for (const section of sections(diff, failOn)) {
    out.rows(
      section.noun,
      `\n### ${section.title} (${section.entries.length})\n\n${mdHeader(['Severity', 'Account', 'Rule', 'Resource', 'Finding', 'Note'])}`,
      section.entries.map((e) =>
        mdRow([
          mdText(e.severity),
          mdText(placeOf(e.finding)),
          mdCode(e.finding.ruleId),
          mdCode(e.finding.resource),
          mdText(e.finding.message),
          mdText(e.note),
        ]),
      ),
    );
  }
  return out.toString();
}

function renderDiffJson(diff: ReportDiff, failOn: Severity | 'none'): string {
  const { uncheckedBefore, severityChanged, kept: _kept, ...rest } = diff;
  const json = {
    schemaVersion: DIFF_SCHEMA_VERSION,
    failOn,
    failing: failingCount(diff, failOn),
    ...rest,
    newlyFailing: newlyFailing(diff, failOn).map(({ finding }) => finding),
    noLongerFailing: noLongerFailing(diff, failOn).map(({ finding }) => finding),
    severityChanged: severityChanged.map(({ finding, from }) => ({ from, to: finding.severity, finding })),
    uncheckedBefore: [...uncheckedBefore],
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** `width`: the terminal's, for the table (see terminalWidth); the other formats are not wrapped. */
export function renderDiff(
  diff: ReportDiff,
  format: DiffFormat,
  failOn: Severity | 'none',
  width?: number,
): string {
  if (format === 'json') return renderDiffJson(diff, failOn);
  if (format === 'markdown') return renderDiffMarkdown(diff, failOn);
  return renderDiffTable(diff, failOn, width);
}
