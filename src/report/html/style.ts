// The HTML report's stylesheet, inlined into the page (no fonts, no external URL: the report must
// render the same from file://, an air-gapped laptop or a CI artifact store).
export const HTML_STYLE = `
:root {
  --critical: #a61e4d; --high: #e8590c; --medium: #f08c00; --low: #1c7ed6; --info: #868e96;
  --ink: #1f2933; --muted: #5f6b7a; --line: #e3e8ef; --bg: #f5f7fa; --card: #ffffff;
  --warn-bg: #fff4e6; --warn-line: #ffa94d; --fail: #c92a2a; --pass: #2b8a3e;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
a { color: #1864ab; }
h2 { font-size: 17px; margin: 0 0 12px; }
header.top { background: #102a43; color: #f0f4f8; padding: 20px 32px 18px; }
header.top .brand { font-size: 12px; letter-spacing: .12em; text-transform: uppercase; color: #9fb3c8; }
header.top h1 { margin: 4px 0 10px; font-size: 24px; font-weight: 650; }
header.top h1 .alias { font-weight: 400; color: #bcccdc; }
dl.meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; font-size: 13px; }
dl.meta div { display: flex; gap: 6px; }
dl.meta dt { color: #9fb3c8; }
dl.meta dd { margin: 0; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 32px 40px; }
section { margin-bottom: 22px; }
.verdict { border-radius: 8px; padding: 12px 16px; font-size: 16px; font-weight: 600; color: #fff; }
.verdict-failed { background: var(--fail); }
.verdict-incomplete { background: #e67700; }
.verdict-passed { background: var(--pass); }
.verdict-off { background: #334e68; }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; }
.panel-warn { background: var(--warn-bg); border: 2px solid var(--warn-line); }
.panel-warn h2 { color: #a94700; }
.panel-warn .scroll { max-height: 260px; overflow: auto; }
.panel p { margin: 0 0 10px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-top: 5px solid var(--muted); border-radius: 8px; padding: 10px 14px; }
.card .n { font-size: 30px; font-weight: 700; line-height: 1.15; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.card.zero .n { color: #adb5bd; }
.card.sev-critical { border-top-color: var(--critical); } .card.sev-critical .n { color: var(--critical); }
.card.sev-high { border-top-color: var(--high); } .card.sev-high .n { color: var(--high); }
.card.sev-medium { border-top-color: var(--medium); } .card.sev-medium .n { color: var(--medium); }
.card.sev-low { border-top-color: var(--low); } .card.sev-low .n { color: var(--low); }
.card.sev-info { border-top-color: var(--info); } .card.sev-info .n { color: var(--info); }
.card.attention { border-top-color: #e67700; background: var(--warn-bg); } .card.attention .n { color: #a94700; }
.card.zero { border-top-color: var(--line); }
.grid2 { display: grid; grid-template-columns: minmax(280px, 2fr) minmax(320px, 3fr); gap: 16px; align-items: start; }
@media (max-width: 860px) { .grid2 { grid-template-columns: 1fr; } main, header.top { padding-left: 16px; padding-right: 16px; } }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: 8px; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg .bar-label { fill: var(--muted); }
svg .bar-critical { fill: var(--critical); } svg .bar-high { fill: var(--high); } svg .bar-medium { fill: var(--medium); }
svg .bar-low { fill: var(--low); } svg .bar-info { fill: var(--info); }
svg [data-filter-rule] { cursor: pointer; }
svg [data-filter-rule]:hover rect.bar { opacity: .8; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); background: #fafbfc; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.findings-wrap { background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.toolbar { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: center; padding: 12px 14px; border-bottom: 1px solid var(--line); background: #fafbfc; }
.toolbar input[type=search] { flex: 1 1 260px; min-width: 200px; padding: 7px 10px; border: 1px solid #cbd2d9; border-radius: 6px; font: inherit; }
.toolbar select { padding: 6px 8px; border: 1px solid #cbd2d9; border-radius: 6px; font: inherit; background: #fff; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { display: inline-flex; align-items: center; gap: 5px; padding: 3px 9px 3px 6px; border-radius: 999px; border: 1px solid #cbd2d9; background: #fff; font-size: 12.5px; cursor: pointer; user-select: none; }
.chip input { margin: 0; }
.chip .dot { width: 9px; height: 9px; border-radius: 50%; display: inline-block; }
.toggle { font-size: 13px; display: inline-flex; gap: 5px; align-items: center; cursor: pointer; }
.shown { margin-left: auto; color: var(--muted); font-size: 13px; }
.sev { display: inline-block; min-width: 66px; text-align: center; padding: 1px 8px; border-radius: 4px; color: #fff; font-size: 11.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
.sev-critical .dot, .sev.sev-critical { background: var(--critical); }
.sev-high .dot, .sev.sev-high { background: var(--high); }
.sev-medium .dot, .sev.sev-medium { background: var(--medium); }
.sev-low .dot, .sev.sev-low { background: var(--low); }
.sev-info .dot, .sev.sev-info { background: var(--info); }
tr.finding td.sevcell { border-left: 4px solid transparent; }
tr.finding.sev-critical td.sevcell { border-left-color: var(--critical); }
tr.finding.sev-high td.sevcell { border-left-color: var(--high); }
tr.finding.sev-medium td.sevcell { border-left-color: var(--medium); }
tr.finding.sev-low td.sevcell { border-left-color: var(--low); }
tr.finding.sev-info td.sevcell { border-left-color: var(--info); }
tr.finding:hover td { background: #f8fafc; }
tr.suppressed td { color: #9aa5b1; background: #fbfbfc; }
tr.suppressed .sev { background: #ced4da; }
.why { display: block; font-size: 12.5px; color: var(--muted); margin-top: 2px; }
ol.path { margin: 4px 0 0; padding-left: 18px; font-size: 12.5px; }
.resource { word-break: break-all; }
.rule-link { font: inherit; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; color: #1864ab; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; text-decoration: underline dotted; }
.rule-link:hover { text-decoration: underline; }
.tag { display: inline-block; font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 4px; }
.tag-new { background: #d3f9d8; color: #2b8a3e; }
.tag-existing { background: #e9ecef; color: #495057; }
.empty { padding: 18px; color: var(--muted); text-align: center; margin: 0; }
ul.plain { margin: 0; padding-left: 18px; }
dialog { width: min(760px, 92vw); max-height: 86vh; border: 0; border-radius: 10px; padding: 0; box-shadow: 0 20px 60px rgba(16, 42, 67, .35); }
dialog::backdrop { background: rgba(16, 42, 67, .45); }
dialog .doc-head { padding: 16px 20px 12px; border-bottom: 1px solid var(--line); display: flex; gap: 12px; align-items: flex-start; }
dialog .doc-head h3 { margin: 0 0 4px; font-size: 17px; }
dialog .doc-head .close { margin-left: auto; font: inherit; font-size: 20px; line-height: 1; background: none; border: 0; cursor: pointer; color: var(--muted); }
dialog .doc-body { padding: 4px 20px 18px; overflow: auto; }
dialog h4 { margin: 14px 0 4px; font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
dialog p { margin: 0 0 8px; }
dialog .frameworks { color: var(--muted); font-size: 12.5px; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 10px; }
@media print {
  @page { margin: 12mm; }
  body { background: #fff; font-size: 11px; }
  header.top, .verdict, .sev, .card, tr.finding td.sevcell, .panel-warn { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .toolbar, dialog, .no-print { display: none !important; }
  main { max-width: none; padding: 0; }
  th { position: static; }
  tr { break-inside: avoid; }
  section { break-inside: avoid-page; }
  .findings-wrap { border: 0; }
  .rule-link { text-decoration: none; color: inherit; }
  .panel-warn .scroll { max-height: none; overflow: visible; }
}
`;

/**
 * The compliance section's styles, written with the section only: a report without --framework
 * keeps the exact page it always had.
 */
export const COMPLIANCE_STYLE = `
.compliance { --pass: #2b8a3e; }
.compliance figure { max-width: 420px; margin: .5em 0; }
svg .bar-pass { fill: var(--pass); } svg .bar-fail { fill: var(--high); } svg .bar-manual { fill: var(--low); }
svg .bar-not-evaluated { fill: var(--medium); } svg .bar-not-applicable { fill: var(--info); }
.status { font-weight: 600; } .status-pass { color: var(--pass); } .status-fail { color: var(--high); }
.status-not-evaluated { color: var(--medium); } .status-manual, .status-not-applicable { color: var(--muted); }
`;
