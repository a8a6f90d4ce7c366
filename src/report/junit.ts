// JUnit XML, for CI systems that show test reports (GitLab merge requests, Jenkins, Azure
// Pipelines). One <testsuite> per rule; inside it one failing <testcase> per finding, a skipped
// one per suppressed finding, an <error> one per account where the rule was not evaluated or threw,
// and one passing "no findings" case per account where it ran clean. The Report does not list every
// resource a rule looked at, so a clean run is one passing case rather than one per resource.
import type { RecheckTest } from './baseline.js';
import { recheckedIn } from './baseline.js';
import { escapeMarkup } from './markup.js';
import { STATUS_LABEL } from './compliance-summary.js';
import type { ControlResult, FrameworkResult, Report, ReportFinding } from './model.js';

type Outcome =
  | { kind: 'passed' }
  | { kind: 'failure'; type: string; message: string; body: string }
  | { kind: 'error'; type: string; message: string }
  | { kind: 'skipped'; message: string };

interface TestCase {
  name: string;
  outcome: Outcome;
}

function findingCase(finding: ReportFinding): TestCase {
  const name = finding.discriminator ? `${finding.resource} (${finding.discriminator})` : finding.resource;
  if (finding.suppressed) {
    const expiry = finding.suppressed.expires ? ` (until ${finding.suppressed.expires})` : '';
    return {
      name,
      outcome: { kind: 'skipped', message: `suppressed${expiry}: ${finding.suppressed.reason}` },
    };
  }
  const lines = [
    finding.message,
    `severity: ${finding.severity}`,
    `account: ${finding.accountId}`,
    `resource: ${finding.resource}`,
    `fingerprint: ${finding.fingerprint}`,
  ];
  if (finding.baselineState) lines.push(`baseline: ${finding.baselineState}`);
  if (finding.location) lines.push(`location: ${finding.location.file}:${finding.location.line}`);
  const marker = finding.baselineState === 'new' ? '[new] ' : '';
  return {
    name,
    outcome: {
      kind: 'failure',
      type: finding.severity,
      message: `${marker}${finding.message}`,
      body: lines.join('\n'),
    },
  };
}

/** Every rule the report mentions, in registry order, then any only its findings or gaps name (merged reports). */
function ruleIds(report: Report): string[] {
  const ids = new Set(report.rules.map((r) => r.id));
  for (const entry of [...report.findings, ...report.notEvaluated, ...report.ruleErrors])
    ids.add(entry.ruleId);
  return [...ids];
}

function casesForRule(report: Report, ruleId: string, rechecked: RecheckTest): TestCase[] {
  const cases: TestCase[] = [];
  for (const account of report.accounts) {
    const accountId = account.accountId;
    if (account.status !== 'audited') {
      const why = `account ${account.status === 'failed' ? 'could not be audited' : 'skipped'}: ${account.reason ?? 'no reason given'}`;
      cases.push({
        name: `${accountId}: not audited`,
        outcome:
          account.status === 'failed'
            ? { kind: 'error', type: 'account-failed', message: why }
            : { kind: 'skipped', message: why },
      });
      continue;
    }
    const findings = report.findings.filter((f) => f.ruleId === ruleId && f.accountId === accountId);
    cases.push(...findings.map(findingCase));
    for (const gap of report.notEvaluated.filter((n) => n.ruleId === ruleId && n.accountId === accountId)) {
      cases.push({
        name: `${accountId}${gap.resource === undefined ? '' : ` ${gap.resource}`}: not evaluated`,
        outcome: { kind: 'error', type: 'not-evaluated', message: gap.reason },
      });
    }
    for (const error of report.ruleErrors.filter((e) => e.ruleId === ruleId && e.accountId === accountId)) {
      cases.push({
        name: `${accountId}: rule error`,
        outcome: { kind: 'error', type: 'rule-error', message: error.message },
      });
    }
    if (findings.length === 0 && rechecked(ruleId, accountId)) {
      cases.push({ name: `${accountId}: no findings`, outcome: { kind: 'passed' } });
    }
  }
  return cases;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(cases: TestCase[]): Counts {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome.kind === 'failure').length,
    errors: cases.filter((c) => c.outcome.kind === 'error').length,
    skipped: cases.filter((c) => c.outcome.kind === 'skipped').length,
  };
}

function countAttributes(counts: Counts): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
}

function testCaseXml(ruleId: string, testCase: TestCase): string {
  const open = `    <testcase classname="iamspect.${escapeMarkup(ruleId)}" name="${escapeMarkup(testCase.name)}" time="0"`;
  const { outcome } = testCase;
  switch (outcome.kind) {
    case 'passed':
      return `${open}/>`;
    case 'failure':
      return `${open}>\n      <failure type="${escapeMarkup(outcome.type)}" message="${escapeMarkup(outcome.message)}">${escapeMarkup(outcome.body)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error type="${outcome.type}" message="${escapeMarkup(outcome.message)}"/>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${escapeMarkup(outcome.message)}"/>\n    </testcase>`;
  }
}

/**
 * A control as a test case: fail is a failure, not evaluated an error (like a rule that could not
 * run), manual and not applicable are skipped, pass passes.
 */
function controlCase(control: ControlResult): TestCase {
  const name = `${control.id} ${control.title}`;
  const note = control.note ?? '';
  switch (control.status) {
    case 'pass':
      return { name, outcome: { kind: 'passed' } };
    case 'fail': {
      const message = `${control.findings} finding${control.findings === 1 ? '' : 's'} of ${control.rules.join(', ')}`;
      return { name, outcome: { kind: 'failure', type: 'fail', message, body: note || message } };
    }
    case 'not-evaluated':
      return { name, outcome: { kind: 'error', type: 'not-evaluated', message: note } };
    default:
      return { name, outcome: { kind: 'skipped', message: `${STATUS_LABEL[control.status]}: ${note}` } };
  }
}

function complianceSuite(framework: FrameworkResult, report: Report, totals: Counts): string {
  const cases = framework.controls.map(controlCase);
  const counts = count(cases);
  for (const key of Object.keys(totals) as Array<keyof Counts>) totals[key] += counts[key];
  const suite = `compliance.${framework.framework}`;
  return [
    `  <testsuite name="${escapeMarkup(suite)}" ${countAttributes(counts)} time="0" timestamp="${escapeMarkup(report.generatedAt)}">`,
    `    <properties><property name="title" value="${escapeMarkup(framework.title)}"/></properties>`,
    ...cases.map((c) => testCaseXml(suite, c)),
    '  </testsuite>',
  ].join('\n');
}

export function renderJunit(report: Report): string {
  const rechecked = recheckedIn(report);
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const totals: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  for (const ruleId of ruleIds(report)) {
    const cases = casesForRule(report, ruleId, rechecked);
    if (cases.length === 0) continue;
    const counts = count(cases);
    for (const key of Object.keys(totals) as Array<keyof Counts>) totals[key] += counts[key];
    const title = titles.get(ruleId);
    suites.push(
      [
        `  <testsuite name="${escapeMarkup(ruleId)}" ${countAttributes(counts)} time="0" timestamp="${escapeMarkup(report.generatedAt)}">`,
        ...(title
          ? [`    <properties><property name="title" value="${escapeMarkup(title)}"/></properties>`]
          : []),
        ...cases.map((c) => testCaseXml(ruleId, c)),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  // The compliance suites come first, as in every human format.
  suites.unshift(...(report.compliance ?? []).map((framework) => complianceSuite(framework, report, totals)));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iamspect" ${countAttributes(totals)} time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
