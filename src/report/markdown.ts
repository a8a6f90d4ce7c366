// Markdown for a GitHub job summary ($GITHUB_STEP_SUMMARY) or a pull-request comment: what a
// reviewer needs first (did the gate pass, how many of what, what could not be checked), then
// the findings by severity. GitHub caps a comment at 65,536 characters, so the output stops at
// MARKDOWN_LIMIT on a row boundary and says how much it left out.
import type { Severity } from '../model/severity.js';
import { SEVERITIES } from '../model/severity.js';
import { countsText, STATUS_LABEL } from './compliance-summary.js';
import type { FrameworkResult, Report, ReportFinding } from './model.js';
import { sourceLine } from './resource-name.js';
import type { RenderContext } from './render.js';
import type { VerdictStatus } from './facts.js';
import {
  accountLabel,
  credentialReportAge,
  formatUtc,
  gateVerdict,
  incompleteAdvice,
  incompleteChecks,
  incompleteTitle,
  placeOf,
  templatesTitle,
} from './facts.js';

export const MARKDOWN_LIMIT = 60_000;

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

const SEVERITY_MARK: Record<Severity, string> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
};

function severityHeading(severity: Severity, count: number): string {
  return `${SEVERITY_MARK[severity]} ${SEVERITY_LABEL[severity]} (${count})`;
}

/**
 * Text for a table cell or list item: HTML-significant characters become entities (a user named
 * `<root_account>` would otherwise vanish as an unknown tag), Markdown punctuation is escaped so
 * names with `*` or `_` do not turn into emphasis, `|` cannot end the cell, and newlines become <br>.
 */
export function mdText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/\r?\n/g, '<br>');
}

/** Inline code for ARNs and ids. Inside a table GitHub still needs `\|`; newlines cannot occur in a code span. */
export function mdCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const body = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

export function mdRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A table's header row and alignment row; `numeric` columns are right-aligned. */
export function mdHeader(headers: string[], numeric: boolean[] = []): string {
  return `${mdRow(headers)}\n|${headers.map((_, i) => (numeric[i] ? '---:' : '---')).join('|')}|`;
}

/**
 * Builds Markdown up to a character limit. Headings and closing tags are always written (they are
 * small and keep the HTML balanced); rows are written whole or not at all, and once one row does
 * not fit, every later row is only counted, so the note at the end is exact.
 */
export class BudgetedMarkdown {
  private readonly parts: string[] = [];
  private length = 0;
  /** What each cut-off section was listing ("findings") -> rows left out. */
  private readonly omitted = new Map<string, number>();
  /** Room kept for closing tags and the truncation note. */
  private static readonly RESERVE = 600;

  constructor(private readonly limit = MARKDOWN_LIMIT) {}

  get truncated(): boolean {
    return this.omitted.size > 0;
  }

  /** Text that is always written. */
  add(text: string): void {
    this.parts.push(text);
    this.length += text.length + 1;
  }

  private fits(text: string): boolean {
    return !this.truncated && this.length + text.length + 1 + BudgetedMarkdown.RESERVE <= this.limit;
  }

  private omit(kind: string, count: number): void {
    if (count > 0) this.omitted.set(kind, (this.omitted.get(kind) ?? 0) + count);
  }

  /**
   * A section of rows (table rows or list items). `opening` (heading, table header) is written
   * only if the first row fits after it; `closing` is written whenever the opening was.
   */
  rows(kind: string, opening: string, rows: string[], closing = ''): void {
    if (rows.length === 0) return;
    if (!this.fits(`${opening}\n${rows[0]}`)) {
      this.omit(kind, rows.length);
      return;
    }
    this.add(opening);
    let written = 0;
    for (const row of rows) {
      if (!this.fits(row)) break;
      this.add(row);
      written++;
    }
    this.omit(kind, rows.length - written);
    if (closing) this.add(closing);
  }

  toString(): string {
    const body = this.parts.join('\n');
    if (!this.truncated) return `${body}\n`;
    const counts = [...this.omitted].map(([kind, count]) => `${count} more ${kind}`).join(', ');
    return (
      `${body}\n\n**… and ${counts} not shown (limit ${this.limit.toLocaleString('en-US')} characters).** ` +
      'The JSON, HTML or CSV report has everything.\n'
    );
  }
}

function hasBaseline(report: Report): boolean {
  return report.fixed !== undefined;
}

const VERDICT_MARK: Record<VerdictStatus, string> = {
  failed: '❌',
  incomplete: '⚠️',
  passed: '✅',
  off: 'ℹ️',
};

function headerLines(report: Report): string[] {
  const audited = report.accounts.filter((a) => a.status === 'audited');
  const title = report.files
    ? `## iamspect report: ${mdText(templatesTitle(report.files))}`
    : report.accounts.length === 1
      ? `## iamspect report: ${mdText(accountLabel(report, report.accounts[0]!.accountId))}`
      : `## iamspect report: ${report.accounts.length} accounts`;
  const facts = [`Generated ${formatUtc(report.generatedAt)}`];
  if (audited.length === 1) {
    facts.push(`data collected ${formatUtc(audited[0]!.collectedAt)}`);
    const credentialReport = credentialReportAge(audited[0]!);
    if (credentialReport) facts.push(`credential report generated ${credentialReport}`);
  }
  facts.push(`fail on: ${report.failOn}${hasBaseline(report) ? ' (new findings only)' : ''}`);
  const totals =
    mdHeader(
      [...SEVERITIES.map((s) => SEVERITY_LABEL[s]), 'Suppressed', 'Not evaluated', 'Rule errors'],
      Array(SEVERITIES.length + 3).fill(true),
    ) +
    '\n' +
    mdRow(
      [
        ...SEVERITIES.map((s) => report.summary.bySeverity[s]),
        report.summary.suppressed,
        report.summary.notEvaluated,
        report.summary.ruleErrors,
      ].map(String),
    );
  const verdict = gateVerdict(report);
  return [
    title,
    '',
    facts.join(' · '),
    '',
    `**${VERDICT_MARK[verdict.status]} ${verdict.text}**`,
    '',
    totals,
  ];
}

function accountRows(report: Report): string[] {
  return report.accounts.map((account) => {
    const counts = SEVERITIES.map(
      (s) =>
        report.findings.filter((f) => f.accountId === account.accountId && !f.suppressed && f.severity === s)
          .length,
    );
    const status =
      account.status === 'audited' ? 'audited' : `**${account.status}**: ${mdText(account.reason ?? '')}`;
    return mdRow([mdText(accountLabel(report, account.accountId)), status, ...counts.map(String)]);
  });
}

function findingRow(finding: ReportFinding, columns: { account: boolean; baseline: boolean }): string {
  const cells = [mdCode(finding.ruleId), resourceCell(finding), mdText(finding.message)];
  if (columns.account) cells.unshift(mdText(placeOf(finding)));
  if (columns.baseline) cells.push(finding.baselineState === 'new' ? '🆕 new' : 'existing');
  return mdRow(cells);
}

function resourceCell(finding: ReportFinding): string {
  const line = sourceLine(finding);
  return line ? `${mdCode(finding.resource)} at ${mdCode(line)}` : mdCode(finding.resource);
}

function findingHeader(columns: { account: boolean; baseline: boolean }): string {
  const headers = ['Rule', 'Resource', 'Finding'];
  if (columns.account) headers.unshift('Account');
  if (columns.baseline) headers.push('Baseline');
  return mdHeader(headers);
}

function details(summary: string, open: boolean): string {
  return `<details${open ? ' open' : ''}>\n<summary><b>${summary}</b></summary>\n`;
}

/** A framework's control summary: its counts, and a row per control. */
function complianceSection(out: BudgetedMarkdown, framework: FrameworkResult): void {
  out.add(
    `\n### ${mdText(framework.title)} (${mdCode(framework.framework)})\n\n${mdText(countsText(framework))}`,
  );
  out.rows(
    'controls',
    `\n${mdHeader(['Control', 'Status', 'Findings', 'Title', 'Note'], [false, false, true, false, false])}`,
    framework.controls.map((control) =>
      mdRow([
        mdText(control.id),
        STATUS_LABEL[control.status],
        String(control.findings),
        mdText(control.title),
        mdText(control.note ?? ''),
      ]),
    ),
  );
}

export function renderMarkdown(report: Report, context: RenderContext): string {
  const out = new BudgetedMarkdown();
  for (const line of headerLines(report)) out.add(line);
  for (const framework of report.compliance ?? []) complianceSection(out, framework);

  if (report.accounts.length > 1) {
    out.rows(
      'accounts',
      `\n${mdHeader(['Account', 'Status', ...SEVERITIES.map((s) => SEVERITY_LABEL[s])], [false, false, ...SEVERITIES.map(() => true)])}`,
      accountRows(report),
    );
  }

  const gaps = incompleteChecks(report);
  if (gaps.length > 0) {
    out.add(
      `\n> [!WARNING]\n> **${incompleteTitle(report)}.** These checks neither passed nor failed. ` +
        mdText(incompleteAdvice(report).join(' ')),
    );
    out.rows(
      'rules not evaluated',
      `\n${mdHeader(['Rule', 'Account', 'Why it was not evaluated'])}`,
      gaps.map((gap) =>
        mdRow([gap.ruleId ? mdCode(gap.ruleId) : '(all rules)', mdText(gap.where), mdText(gap.why)]),
      ),
    );
  }

  const columns = { account: report.accounts.length > 1, baseline: hasBaseline(report) };
  const active = report.findings.filter((f) => !f.suppressed);
  out.add(active.length > 0 ? '\n### Findings' : '\n### Findings\n\nNo unsuppressed findings.');
  for (const severity of SEVERITIES) {
    const group = active.filter((f) => f.severity === severity);
    out.rows(
      'findings',
      `\n${details(severityHeading(severity, group.length), severity === 'critical' || severity === 'high')}\n${findingHeader(columns)}`,
      group.map((f) => findingRow(f, columns)),
      '\n</details>',
    );
  }

  if (report.fixed && report.fixed.length > 0) {
    out.rows(
      'fixed findings',
      `\n### ✔️ Fixed since the baseline (${report.fixed.length})\n\n${details('Show fixed findings', false)}\n${mdHeader(['Severity', 'Rule', 'Resource', 'Finding'])}`,
      report.fixed.map((f) =>
        mdRow([SEVERITY_LABEL[f.severity], mdCode(f.ruleId), resourceCell(f), mdText(f.message)]),
      ),
      '\n</details>',
    );
  }

  const suppressed = report.findings.filter((f) => f.suppressed);
  if (context.showSuppressed && suppressed.length > 0) {
    out.rows(
      'suppressed findings',
      `\n### Suppressed (${suppressed.length})\n\n${details('Show suppressed findings', false)}\n${mdHeader(['Severity', 'Rule', 'Resource', 'Reason', 'Expires'])}`,
      suppressed.map((f) =>
        mdRow([
          SEVERITY_LABEL[f.severity],
          mdCode(f.ruleId),
          resourceCell(f),
          mdText(f.suppressed!.reason),
          f.suppressed!.expires ?? 'never',
        ]),
      ),
      '\n</details>',
    );
  }

  out.rows(
    'warnings',
    '\n### Warnings\n',
    report.warnings.map((w) => `- ${mdText(w)}`),
  );
  return out.toString();
}
