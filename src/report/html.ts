// The HTML report: one self-contained file (inline CSS, JS and SVG, no URL fetched at all) that a
// person opens from a CI artifact or a mail attachment and understands at a glance: the verdict,
// what could not be checked, how many problems of which severity, the worst rules first, and a
// filterable list of every finding with each rule's documentation one click away.
//
// Static parts (header, panels, cards, charts) are rendered here; the findings table is built by
// the inline script from the report embedded as JSON, so each finding is in the file once.
import type { Severity } from '../model/severity.js';
import { SEVERITIES, SEVERITY_RANK } from '../model/severity.js';
import {
  accountLabel,
  credentialReportAge,
  formatUtc,
  gateVerdict,
  incompleteAdvice,
  incompleteChecks,
  incompleteTitle,
  templatesTitle,
} from './facts.js';
import { plural } from '../util/words.js';
import { docsToHtml, referencesToHtml } from './html/docs.js';
import { HTML_SCRIPT } from './html/script.js';
import { COMPLIANCE_STYLE, HTML_STYLE } from './html/style.js';
import { escapeMarkup as esc } from './markup.js';
import { SEVERITY_LABEL } from './markdown.js';
import { countsText, STATUS_LABEL, statusCounts } from './compliance-summary.js';
import type { ControlStatus, Report, ReportFinding } from './model.js';
import { CONTROL_STATUSES } from './model.js';
import type { RenderContext } from './render.js';
import { findingResourceName, sourceLine } from './resource-name.js';

/** Rules shown in the "by rule" chart; the rest are summed up below it. */
const CHART_RULES = 12;

function counted(report: Report): ReportFinding[] {
  return report.findings.filter((f) => !f.suppressed);
}

function title(report: Report): string {
  if (report.files) return templatesTitle(report.files);
  if (report.accounts.length === 1) return `Account ${accountLabel(report, report.accounts[0]!.accountId)}`;
  return plural(report.accounts.length, 'account');
}

function header(report: Report): string {
  const facts: Array<[string, string]> = [['Generated', formatUtc(report.generatedAt)]];
  const audited = report.accounts.filter((a) => a.status === 'audited');
  if (audited.length === 1) {
    facts.push(['Data collected', formatUtc(audited[0]!.collectedAt)]);
    const age = credentialReportAge(audited[0]!);
    if (age) facts.push(['Credential report', age]);
  } else if (report.accounts.length > 1) {
    facts.push(['Accounts', report.accounts.map((a) => accountLabel(report, a.accountId)).join(', ')]);
  }
  facts.push(['Fail on', report.failOn + (report.fixed !== undefined ? ' (new findings only)' : '')]);
  const alias = report.accounts.length === 1 ? report.accounts[0]!.accountAlias : undefined;
  const heading =
    report.accounts.length === 1 && !report.files
      ? `Account ${esc(report.accounts[0]!.accountId)}${alias ? ` <span class="alias">${esc(alias)}</span>` : ''}`
      : esc(title(report));
  return `<header class="top">
<div class="brand">iamspect · IAM security posture report</div>
<h1>${heading}</h1>
<dl class="meta">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
</header>`;
}

function verdict(report: Report): string {
  const { status, text } = gateVerdict(report);
  return `<section class="verdict verdict-${status}" id="verdict">${esc(text)}</section>`;
}

/** Everything that makes the result incomplete, at the top: a missing check is never a pass. */
function incompletePanel(report: Report): string {
  const gaps = incompleteChecks(report);
  if (gaps.length === 0) return '';
  const rows = gaps.map((gap) => {
    const rule = gap.ruleId
      ? `<button type="button" class="rule-link" data-rule="${esc(gap.ruleId)}">${esc(gap.ruleId)}</button>`
      : '(all rules)';
    return `<tr><td>${rule}</td><td class="mono">${esc(gap.where)}</td><td>${esc(gap.why)}</td></tr>`;
  });
  return `<section class="panel panel-warn" id="not-evaluated">
<h2>⚠ ${esc(incompleteTitle(report))}</h2>
<p>These checks neither passed nor failed. ${esc(incompleteAdvice(report).join(' '))}</p>
<div class="scroll"><table><thead><tr><th>Rule</th><th>Account</th><th>Why</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
</section>`;
}

function card(label: string, count: number, className: string): string {
  return `<div class="card ${className}${count === 0 ? ' zero' : ''}"><div class="n">${count}</div><div class="l">${esc(label)}</div></div>`;
}

function cards(report: Report): string {
  const { summary } = report;
  const items = SEVERITIES.map((s) => card(SEVERITY_LABEL[s], summary.bySeverity[s], `sev-${s}`));
  if (report.fixed !== undefined) {
    items.push(card('New', counted(report).filter((f) => f.baselineState === 'new').length, 'attention'));
    items.push(card('Fixed', report.fixed.length, ''));
  }
  items.push(card('Suppressed', summary.suppressed, ''));
  items.push(card('Not evaluated', summary.notEvaluated, summary.notEvaluated > 0 ? 'attention' : ''));
  if (summary.ruleErrors > 0) items.push(card('Rule errors', summary.ruleErrors, 'attention'));
  return `<section class="cards" id="summary">${items.join('')}</section>`;
}

function accountsTable(report: Report): string {
  const rows = report.accounts.map((account) => {
    const mine = counted(report).filter((f) => f.accountId === account.accountId);
    const counts = SEVERITIES.map(
      (s) => `<td class="num">${mine.filter((f) => f.severity === s).length}</td>`,
    );
    const status = account.status === 'audited' ? 'audited' : `${account.status}: ${account.reason ?? ''}`;
    return `<tr><td class="mono">${esc(account.accountId)}</td><td>${esc(account.accountAlias ?? '')}</td><td>${esc(status)}</td><td>${esc(formatUtc(account.collectedAt))}</td>${counts.join('')}</tr>`;
  });
  return `<section class="panel" id="accounts">
<h2>Findings per account</h2>
<table><thead><tr><th>Account</th><th>Alias</th><th>Status</th><th>Collected</th>${SEVERITIES.map((s) => `<th class="num">${SEVERITY_LABEL[s]}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>`;
}

interface Bar {
  label: string;
  count: number;
  /** Colours the bar: a severity, or a control status (bar-pass, bar-fail...). */
  tone: Severity | ControlStatus;
  tooltip: string;
  filterRule?: string;
}

/** A horizontal bar chart as inline SVG (no chart library: the page fetches nothing). */
function barChart(label: string, bars: Bar[], width: number, labelWidth: number): string {
  const row = 26;
  const countWidth = 44;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const scale = (width - labelWidth - countWidth) / max;
  const height = bars.length * row + 4;
  const body = bars
    .map((bar, i) => {
      const y = i * row + 2;
      const barWidth = bar.count === 0 ? 0 : Math.max(3, Math.round(bar.count * scale));
      const filter = bar.filterRule ? ` data-filter-rule="${esc(bar.filterRule)}"` : '';
      return `<g${filter}><title>${esc(bar.tooltip)}</title>
<text class="bar-label" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${esc(bar.label)}</text>
<rect class="bar bar-${bar.tone}" x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="${row - 8}" rx="3"/>
<text x="${labelWidth + barWidth + 6}" y="${y + 16}">${bar.count}</text></g>`;
    })
    .join('\n');
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">${body}</svg>`;
}

/** Rules by the harm they point at: worst severity first, then most findings. */
export function rulesByImpact(report: Report): Array<{ ruleId: string; severity: Severity; count: number }> {
  const byRule = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const finding of counted(report)) {
    const entry = byRule.get(finding.ruleId) ?? {
      ruleId: finding.ruleId,
      severity: finding.severity,
      count: 0,
    };
    entry.count++;
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.severity]) entry.severity = finding.severity;
    byRule.set(finding.ruleId, entry);
  }
  return [...byRule.values()].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.count - a.count ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

function charts(report: Report): string {
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const severityChart = barChart(
    'Findings by severity',
    SEVERITIES.map((s) => ({
      label: SEVERITY_LABEL[s],
      count: report.summary.bySeverity[s],
      tone: s,
      tooltip: `${SEVERITY_LABEL[s]}: ${plural(report.summary.bySeverity[s], 'finding')}`,
    })),
    360,
    70,
  );
  const ranked = rulesByImpact(report);
  const shown = ranked.slice(0, CHART_RULES);
  const rest = ranked.slice(CHART_RULES);
  const ruleChart =
    shown.length === 0
      ? '<p class="empty">No unsuppressed findings.</p>'
      : barChart(
          'Findings by rule, worst first',
          shown.map((r) => ({
            label: r.ruleId,
            count: r.count,
            tone: r.severity,
            tooltip: `${r.ruleId}: ${titles.get(r.ruleId) ?? ''} (${plural(r.count, 'finding')}). Click to list them.`,
            filterRule: r.ruleId,
          })),
          640,
          260,
        ) +
        (rest.length > 0
          ? `<p class="why">and ${plural(rest.length, 'more rule')} with ${plural(
              rest.reduce((sum, r) => sum + r.count, 0),
              'finding',
            )}</p>`
          : '');
  return `<section class="grid2" id="charts">
<figure class="panel"><figcaption>Findings by severity</figcaption>${severityChart}</figure>
<figure class="panel"><figcaption>Findings by rule, worst first <span class="why no-print">Click a bar to list its findings.</span></figcaption>${ruleChart}</figure>
</section>`;
}

/** Per framework: a bar per control status, then the controls with their status and note. */
function complianceSection(report: Report): string {
  if (!report.compliance?.length) return '';
  const sections = report.compliance
    .map((framework) => {
      const counts = statusCounts(framework);
      const chart = barChart(
        `Controls of ${framework.title} by status`,
        CONTROL_STATUSES.map((status) => ({
          label: STATUS_LABEL[status],
          count: counts[status],
          tone: status,
          tooltip: `${STATUS_LABEL[status]}: ${plural(counts[status], 'control')}`,
        })),
        420,
        110,
      );
      const rows = framework.controls.map(
        (control) =>
          `<tr><td class="mono">${esc(control.id)}</td><td><span class="status status-${control.status}">${esc(STATUS_LABEL[control.status])}</span></td><td class="num">${control.findings}</td><td>${esc(control.title)}</td><td>${esc(control.note ?? '')}</td></tr>`,
      );
      return `<section class="panel compliance" id="compliance-${esc(framework.framework)}">
<h2>${esc(framework.title)}</h2>
<p>${esc(countsText(framework))}</p>
<figure>${chart}</figure>
<div class="scroll"><table><thead><tr><th>Control</th><th>Status</th><th class="num">Findings</th><th>Title</th><th>Note</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
</section>
`;
    })
    .join('');
  return `<style>${COMPLIANCE_STYLE}</style>\n${sections}`;
}

function findingsSection(report: Report, context: RenderContext): string {
  const active = counted(report);
  const chips = SEVERITIES.map(
    (s) =>
      `<label class="chip sev-${s}"><input type="checkbox" name="severity" value="${s}" checked><span class="dot"></span>${SEVERITY_LABEL[s]} ${active.filter((f) => f.severity === s).length}</label>`,
  ).join('');
  // A template report has no account to filter by (its findings say their file).
  const accountFilter = report.files
    ? ''
    : `<select id="filter-account" aria-label="Account"><option value="">All accounts</option>` +
      report.accounts
        .map((a) => `<option value="${esc(a.accountId)}">${esc(accountLabel(report, a.accountId))}</option>`)
        .join('') +
      '</select>';
  const baseline = report.fixed !== undefined;
  const baselineFilter = baseline
    ? '<select id="filter-baseline" aria-label="Baseline"><option value="">New and existing</option><option value="new">New only</option><option value="existing">Existing only</option></select>'
    : '';
  const suppressed = report.summary.suppressed;
  const suppressedToggle = `<label class="toggle"><input type="checkbox" id="show-suppressed"${context.showSuppressed ? ' checked' : ''}>Show suppressed (${suppressed})</label>`;
  const columns = ['Severity', 'Rule', 'Resource', 'Finding'];
  if (report.accounts.length > 1) columns.push('Account');
  if (baseline) columns.push('Baseline');
  return `<section id="findings">
<h2>Findings</h2>
<div class="findings-wrap">
<div class="toolbar">
<input type="search" id="filter-text" placeholder="Filter by rule, resource, user or text…" aria-label="Filter findings">
<div class="chips" role="group" aria-label="Severity">${chips}</div>
${accountFilter}${baselineFilter}${suppressedToggle}
<span class="shown" id="shown-count"></span>
</div>
<table id="findings-table"><thead><tr>${columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead>
<tbody id="findings-body"></tbody></table>
<p class="empty" id="findings-empty" hidden>No findings match the filters.</p>
<noscript><p class="empty">The findings table needs JavaScript. The JSON report lists every finding.</p></noscript>
</div>
</section>`;
}

function fixedSection(report: Report): string {
  if (!report.fixed || report.fixed.length === 0) return '';
  const rows = report.fixed.map(
    (f) =>
      `<tr><td><span class="sev sev-${f.severity}">${f.severity}</span></td><td><button type="button" class="rule-link" data-rule="${esc(f.ruleId)}">${esc(f.ruleId)}</button></td><td class="resource mono">${esc(f.resource)}</td><td>${esc(f.message)}</td></tr>`,
  );
  return `<section class="panel" id="fixed">
<details><summary><b>Fixed since the baseline (${report.fixed.length})</b></summary>
<table><thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Finding</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></details>
</section>`;
}

function warningsSection(report: Report): string {
  if (report.warnings.length === 0) return '';
  return `<section class="panel" id="warnings">
<h2>Warnings (${report.warnings.length})</h2>
<ul class="plain">${report.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>
</section>`;
}

const RULE_DIALOG = `<dialog id="rule-doc" aria-labelledby="rule-doc-title">
<div class="doc-head"><div><h3 id="rule-doc-title" data-slot="title"></h3>
<span class="sev" data-slot="severity"></span> <code data-slot="id"></code>
<div class="frameworks" data-slot="frameworks"></div></div>
<button type="button" class="close" data-close aria-label="Close">×</button></div>
<div class="doc-body">
<h4>Why it matters</h4><div data-slot="rationale"></div>
<h4>How to fix it</h4><div data-slot="remediation"></div>
<h4 data-slot="references-heading">References</h4><div data-slot="references"></div>
</div>
</dialog>`;

/** The data the page's script reads: the report itself, plus what only the renderer can prepare. */
function pageData(report: Report): string {
  const ruleDocs = Object.fromEntries(
    report.rules.map((rule) => [
      rule.id,
      {
        rationale: docsToHtml(rule.docs.rationale),
        remediation: docsToHtml(rule.docs.remediation),
        references: referencesToHtml(rule.docs.references),
      },
    ]),
  );
  const partitions = new Map(report.accounts.map((a) => [a.accountId, a.partition]));
  const resourceLabels = report.findings.map((f) => {
    const name = findingResourceName(f, partitions.get(f.accountId ?? '') ?? 'aws');
    const line = sourceLine(f);
    return line ? `${name} (${line})` : name;
  });
  // `<` escaped as \u003c: no resource name can close this script element or open a comment.
  return JSON.stringify({ report, ruleDocs, resourceLabels }).replace(/</g, '\\u003c');
}

export function renderHtml(report: Report, context: RenderContext): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>iamspect report · ${esc(title(report))}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
${header(report)}
<main>
${complianceSection(report)}${verdict(report)}
${incompletePanel(report)}
${cards(report)}
${report.accounts.length > 1 ? accountsTable(report) : ''}
${charts(report)}
${findingsSection(report, context)}
${fixedSection(report)}
${warningsSection(report)}
</main>
<footer>${esc(report.tool.name)} ${esc(report.tool.version)} · read-only IAM audit · generated ${esc(formatUtc(report.generatedAt))}</footer>
${RULE_DIALOG}
<script type="application/json" id="report-data">${pageData(report)}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
