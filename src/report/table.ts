// The terminal report: per account, a table of findings grouped by severity (critical first), a
// summary line, and what could not be checked (not-evaluated rules with the missing permission,
// rule errors), then warnings. Suppressed findings are counted but only listed on request.
import { getBorderCharacters, table } from 'table';
import { summarize } from './summary.js';
import { compareFindings } from './order.js';
import type { Severity } from '../model/severity.js';
import { SEVERITIES } from '../model/severity.js';
import type { Painter, Style } from '../util/color.js';
import { painter } from '../util/color.js';
import { visibleLength, widestUnbreakable, wrapText } from '../util/terminal.js';
import { plural } from '../util/words.js';
import type {
  AccountReport,
  ControlStatus,
  FrameworkResult,
  Report,
  ReportFinding,
  Summary,
} from './model.js';
import type { RenderContext } from './render.js';
import { countsText, MANUAL_NOTE, STATUS_LABEL } from './compliance-summary.js';
import { describeDuration, filesNotAnalysed, templatesTitle } from './facts.js';
import { findingResourceName, sourceLine } from './resource-name.js';

/** Used when the terminal width is unknown (output piped to a file or a CI log). */
export const DEFAULT_TABLE_WIDTH = 100;
/** Below this the message column would be too narrow to read. */
const MIN_TABLE_WIDTH = 60;
/**
 * Rows listed per account. The table is for people: past a thousand rows nobody reads on, and the
 * `table` package needs about a quarter of a millisecond per row. The worst findings come first,
 * the summary still counts every finding, and the machine formats always hold all of them.
 */
export const MAX_TABLE_ROWS = 1000;
/** Each of the three columns costs a border and two padding spaces; the last border closes the row. */
const TABLE_CHROME = 3 * 3 + 1;
/** The finding column is never narrower than this (nor than its longest rule id): it holds the prose. */
const MIN_FINDING_WIDTH = 30;
/** Lines outside the table continue indented by this much, so a wrapped list item stays one item. */
const HANGING_INDENT = '  ';

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['bold', 'magenta'],
  high: ['red'],
  medium: ['yellow'],
  low: ['cyan'],
  info: ['dim'],
};

// The rule id heads the finding cell instead of having a column: ids stay whole (users grep and
// suppress by them) and the message keeps most of the width.
const HEADER = ['Severity', 'Resource', 'Finding'] as const;

interface View {
  paint: Painter;
  width: number;
  /** Wraps text outside the table to the terminal's width, at words (paths and ARNs at separators). */
  fit: (text: string) => string;
  showSuppressed: boolean;
  /** The report compares against a baseline: mark new findings, count fixed ones. */
  baseline: boolean;
}

export function renderTable(report: Report, context: RenderContext): string {
  const width = Math.max(context.width ?? DEFAULT_TABLE_WIDTH, MIN_TABLE_WIDTH);
  const view: View = {
    paint: painter(context.color),
    width,
    // In a pipe or a file (no width known) each summary and list item stays one line, for grep.
    fit: (text) => (context.width === undefined ? text : wrapText(text, width, HANGING_INDENT)),
    showSuppressed: context.showSuppressed,
    baseline: report.fixed !== undefined || report.findings.some((f) => f.baselineState !== undefined),
  };
  // The question a compliance run asks comes first: where each control stands.
  const blocks: string[] = (report.compliance ?? []).map((framework) => complianceBlock(framework, view));
  if (report.files) {
    // A template report: one block for every file it read, as for one account.
    const heading = view.paint(printable(templatesTitle(report.files)), 'bold');
    blocks.push(renderScope(report, heading, `Scanned ${formatUtc(report.generatedAt)}.`, undefined, view));
  } else if (report.accounts.length === 0) {
    blocks.push(
      'No accounts were audited.',
      view.fit(summaryLine(report.summary, report, view, gapNoun(report))),
    );
  } else if (report.accounts.length === 1) {
    // One account: its summary is the report's summary, so it is said once.
    blocks.push(renderAccount(report, report.accounts[0]!, view));
  } else {
    for (const account of report.accounts) blocks.push(renderAccount(report, account, view));
    const label = wordsForReport(report).all;
    blocks.push(
      view.fit(`${view.paint(label, 'bold')}: ${summaryLine(report.summary, report, view, 'rule check')}`),
    );
  }
  if (report.warnings.length > 0) {
    blocks.push(
      listing(
        view,
        view.paint(`Warnings (${report.warnings.length}):`, 'yellow'),
        report.warnings.map(printable),
      ),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function renderAccount(report: Report, account: AccountReport, view: View): string {
  const words = wordsFor(account);
  const heading = view.paint(words.heading(account), 'bold');
  if (account.status !== 'audited') {
    const what = account.status === 'skipped' ? 'skipped' : words.failed;
    return view.fit(
      `${heading} ${view.paint(what, 'red')}: ${printable(account.reason ?? 'no reason recorded')}`,
    );
  }
  const mine = <T extends { accountId?: string }>(items: readonly T[]) =>
    items.filter((item) => item.accountId === account.accountId);
  const accountReport: Report = {
    ...report,
    accounts: [account],
    findings: mine(report.findings),
    fixed: report.fixed && mine(report.fixed),
    notEvaluated: mine(report.notEvaluated),
    ruleErrors: mine(report.ruleErrors),
  };
  return renderScope(accountReport, heading, describeCollection(account), account.partition, view);
}

/**
 * One account's part of a report, or a whole template report: heading, when the data was read,
 * the findings, the summary and what could not be judged. `partition`: the account's.
 */
function renderScope(
  report: Report,
  heading: string,
  collected: string,
  partition: string | undefined,
  view: View,
): string {
  const parts = [view.fit(heading), view.fit(collected)];
  const shown = report.findings.filter((f) => view.showSuppressed || !f.suppressed).sort(compareFindings);
  if (shown.length > 0) parts.push(findingsTable(shown.slice(0, MAX_TABLE_ROWS), partition, view).trimEnd());
  if (shown.length > MAX_TABLE_ROWS) {
    parts.push(
      view.fit(
        `… and ${plural(shown.length - MAX_TABLE_ROWS, 'more finding')} not listed here (the table shows the first ${MAX_TABLE_ROWS}); ` +
          'use --format csv, json or html, or --output, for all of them.',
      ),
    );
  }
  parts.push(view.fit(summaryLine(summarize(report), report, view, gapNoun(report))));
  const notAnalysed = filesNotAnalysed(report);
  if (notAnalysed.length > 0) {
    parts.push(
      listing(
        view,
        view.paint(`Files not analysed (${notAnalysed.length}):`, 'red'),
        notAnalysed.map((file) => printable(file.reason ?? `${file.path}: no reason recorded`)),
      ),
    );
  }
  const notEvaluated = describeNotEvaluated(report, view);
  if (notEvaluated) parts.push(notEvaluated);
  if (report.ruleErrors.length > 0) {
    parts.push(
      listing(
        view,
        view.paint(`Rule errors (${report.ruleErrors.length}):`, 'red'),
        report.ruleErrors.map((e) => `${e.ruleId}: ${printable(e.message)}`),
      ),
    );
  }
  return parts.join('\n');
}

const STATUS_STYLE: Record<ControlStatus, Style[]> = {
  pass: ['green'],
  fail: ['red'],
  manual: ['dim'],
  'not-evaluated': ['yellow'],
  'not-applicable': ['dim'],
};

/**
 * One framework: its counts, then a line per control with the note of any that is neither a plain
 * pass or fail nor an unattested manual control (those share one closing line).
 */
function complianceBlock(framework: FrameworkResult, view: View): string {
  const idWidth = Math.max(...framework.controls.map((control) => control.id.length));
  const statusWidth = Math.max(...Object.values(STATUS_LABEL).map((label) => label.length));
  const lines = framework.controls.map((control) => {
    const status = view.paint(
      STATUS_LABEL[control.status].padEnd(statusWidth),
      ...STATUS_STYLE[control.status],
    );
    const count = control.findings > 0 ? ` (${plural(control.findings, 'finding')})` : '';
    const plain = control.status === 'pass' || (control.status === 'manual' && !control.attestation);
    const note = control.note && !plain ? `\n${HANGING_INDENT.repeat(2)}${printable(control.note)}` : '';
    return view.fit(`${control.id.padEnd(idWidth)}  ${status}  ${printable(control.title)}${count}${note}`);
  });
  const unattested = framework.controls.some(
    (control) => control.status === 'manual' && !control.attestation,
  );
  const heading = view.paint(`${framework.title} (${framework.framework})`, 'bold');
  return [
    `${heading}: ${countsText(framework)}`,
    ...lines,
    ...(unattested ? [view.fit(`manual: ${MANUAL_NOTE}`)] : []),
  ].join('\n');
}

function describeCollection(account: AccountReport): string {
  if (!account.collectedAt) return 'Audited.';
  const collected = `${wordsFor(account).read} ${formatUtc(account.collectedAt)}`;
  if (!account.credentialReportGeneratedAt) return `${collected}.`;
  const age = Date.parse(account.collectedAt) - Date.parse(account.credentialReportGeneratedAt);
  // IAM serves a cached credential report for up to 4 hours: say how old the data really is.
  return `${collected}; credential report generated ${describeDuration(age)} before collection.`;
}

function formatUtc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function findingsTable(findings: ReportFinding[], partition: string | undefined, view: View): string {
  const rows = findings.map((f) => ({
    finding: f,
    rule: f.ruleId,
    // Template findings say where they are written, so the line can be found and fixed.
    resource: printable([findingResourceName(f, partition), sourceLine(f)].filter(Boolean).join('\n')),
    message: printable(f.message),
    note: f.suppressed
      ? printable(
          `Suppressed: ${f.suppressed.reason}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ''}`,
        )
      : undefined,
  }));
  const [severityWidth, resourceWidth, findingWidth] = columnWidths(
    rows.map((r) => r.finding.severity),
    rows.map((r) => r.resource),
    rows.map((r) => r.rule),
    rows.flatMap((r) => (r.note ? [r.message, r.note] : [r.message])),
    view.width,
  );
  const { paint } = view;
  // The cells are wrapped here rather than by the table package, which does not break at an ARN's
  // colons; every line then fits its column and the package leaves it as it is.
  const findingLines = (text: string, ...styles: Style[]) =>
    wrapText(text, findingWidth)
      .split('\n')
      .map((line) => paint(line, ...styles))
      .join('\n');
  const data = [
    HEADER.map((title) => paint(title, 'bold')),
    ...rows.map((r) => [
      paint(r.finding.severity, ...SEVERITY_STYLE[r.finding.severity]) +
        (view.baseline && r.finding.baselineState === 'new' ? `\n${paint('new', 'bold')}` : ''),
      wrapText(r.resource, resourceWidth),
      [paint(r.rule, 'bold'), findingLines(r.message), r.note && findingLines(r.note, 'dim')]
        .filter(Boolean)
        .join('\n'),
    ]),
  ];
  const widths = [severityWidth, resourceWidth, findingWidth];
  return table(data, {
    border: getBorderCharacters('norc'),
    columns: widths.map((width) => ({ width, wrapWord: true })),
    // Rules between severity groups only (plus the frame and under the header): the grouping is visible.
    drawHorizontalLine: (line, size) =>
      line <= 1 || line === size || rows[line - 2]!.finding.severity !== rows[line - 1]!.finding.severity,
  });
}

/**
 * Severity keeps its natural width. The resource gets at most 45 % of the rest, enough to keep most
 * role and user names whole, or more when a part of a name (between `/`, `:`, `-`, `.`, spaces)
 * is longer, so no part is cut; but never so much that the finding column gets narrower than its
 * longest rule id (ids stay whole: people grep and suppress by them), its longest word, or
 * MIN_FINDING_WIDTH.
 * The finding takes what remains, so the table fits `width`.
 */
function columnWidths(
  severities: string[],
  resources: string[],
  ruleIds: string[],
  findingTexts: string[],
  width: number,
): [number, number, number] {
  const longestLine = (texts: string[]) =>
    Math.max(0, ...texts.flatMap((text) => text.split('\n').map(visibleLength)));
  const longestPart = (texts: string[]) => Math.max(0, ...texts.map(widestUnbreakable));
  const severity = Math.max(HEADER[0].length, longestLine(severities));
  const rest = width - TABLE_CHROME - severity;
  const ruleIdWidth = longestLine(ruleIds);
  const resource = Math.min(
    Math.max(HEADER[1].length, longestLine(resources)),
    Math.max(Math.floor(rest * 0.45), longestPart(resources)),
    rest - Math.max(ruleIdWidth, longestPart(findingTexts), MIN_FINDING_WIDTH),
  );
  const naturalFinding = Math.max(HEADER[2].length, ruleIdWidth, longestLine(findingTexts));
  return [severity, resource, Math.min(naturalFinding, rest - resource)];
}

function summaryLine(summary: Summary, report: Report, view: View, notEvaluatedNoun: string): string {
  const parts: string[] = [];
  if (report.accounts.length > 1) parts.push(wordsForReport(report).counts(summary.accounts));
  const newCount = report.findings.filter((f) => !f.suppressed && f.baselineState === 'new').length;
  let findings =
    summary.findings === 0
      ? `${parts.length > 0 ? 'no' : 'No'} findings`
      : `${plural(summary.findings, 'finding')}${view.baseline ? ` (${newCount} new)` : ''}: ${SEVERITIES.filter(
          (s) => summary.bySeverity[s] > 0,
        )
          .map((s) => `${summary.bySeverity[s]} ${s}`)
          .join(', ')}`;
  if (report.failOn !== 'none' && summary.failing > 0)
    findings += ` (${summary.failing} ${summary.failing === 1 ? 'fails' : 'fail'} the gate: --fail-on ${report.failOn})`;
  parts.push(findings);
  if (summary.suppressed > 0)
    parts.push(`${summary.suppressed} suppressed${view.showSuppressed ? '' : ' (not shown)'}`);
  if (view.baseline) parts.push(`${report.fixed?.length ?? 0} fixed since the baseline`);
  if (summary.notEvaluated > 0) {
    parts.push(view.paint(`${plural(summary.notEvaluated, notEvaluatedNoun)} not evaluated`, 'yellow'));
  }
  if (summary.ruleErrors > 0) parts.push(view.paint(plural(summary.ruleErrors, 'rule error'), 'red'));
  return `${parts.join('; ')}.`;
}

/**
 * How the table speaks of what a run read. Every input kind the engine reports on has one entry
 * here, so a new kind (Terraform plans) adds words, not conditions.
 */
interface InputWords {
  /** The heading of one entry's block. */
  heading: (account: AccountReport) => string;
  /** The label of the summary of several entries. */
  all: string;
  /** How the data was read: "Collected 2026-11-01 09:00 UTC". */
  read: string;
  /** An entry that failed. */
  failed: string;
  /** What the summary of several entries says of them. */
  counts: (accounts: Summary['accounts']) => string;
}

const ACCOUNT_WORDS: InputWords = {
  heading: (account) =>
    `Account ${account.accountId}${account.accountAlias ? ` (${printable(account.accountAlias)})` : ''}`,
  all: 'All accounts',
  read: 'Collected',
  failed: 'could not be audited',
  counts: ({ audited, failed, skipped }) =>
    [
      `${plural(audited, 'account')} audited`,
      failed > 0 && `${failed} failed`,
      skipped > 0 && `${skipped} skipped`,
    ]
      .filter(Boolean)
      .join(', '),
};

// A template scan has no real account: one entry for everything it read (its alias says how many
// templates; the placeholder account id would only confuse) and one per file it could not parse.
const TEMPLATE_WORDS: InputWords = {
  heading: (account) => printable(account.accountAlias ?? 'CloudFormation template'),
  all: 'All templates',
  read: 'Scanned',
  failed: 'could not be scanned',
  counts: ({ failed }) => `${plural(failed, 'file')} could not be scanned`,
};

function wordsFor(account: AccountReport): InputWords {
  return account.source?.kind === 'template' ? TEMPLATE_WORDS : ACCOUNT_WORDS;
}

/** The words of the report's one kind of input (accounts when they are mixed). */
function wordsForReport(report: Report): InputWords {
  const kinds = new Set(report.accounts.map(wordsFor));
  return kinds.size === 1 ? [...kinds][0]! : ACCOUNT_WORDS;
}

/**
 * What one not-evaluated entry counts as: a whole rule in an account, unless some entry is about
 * one resource only (one rule can then leave several users unjudged).
 */
function gapNoun(report: Report): string {
  return report.notEvaluated.some((gap) => gap.resource !== undefined) ? 'rule check' : 'rule';
}

/**
 * Rules that could not run, grouped by reason: one denied section usually blocks several rules.
 * An entry about one resource leads with it, since its reason holds for that resource only.
 */
function describeNotEvaluated(report: Report, view: View): string | undefined {
  if (report.notEvaluated.length === 0) return undefined;
  const rulesByReason = new Map<string, string[]>();
  for (const { reason, ruleId, resource } of report.notEvaluated) {
    const key = resource === undefined ? reason : `${resource}: ${reason}`;
    rulesByReason.set(key, [...(rulesByReason.get(key) ?? []), ruleId]);
  }
  return listing(
    view,
    view.paint(`Not evaluated (${plural(report.notEvaluated.length, gapNoun(report))}):`, 'yellow'),
    [...rulesByReason].map(([reason, ruleIds]) => `${printable(reason)}\n    rules: ${ruleIds.join(', ')}`),
  );
}

/**
 * Text from AWS, config files and rules goes to a terminal: control characters other than newline
 * are replaced, so an escape sequence hidden in a name cannot restyle or rewrite the screen (and
 * the table package refuses tabs and carriage returns).
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, ' ');
}

function listing(view: View, heading: string, items: string[]): string {
  return view.fit([heading, ...items.map((item) => `  - ${item}`)].join('\n'));
}
