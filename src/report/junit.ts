// JUnit XML, for CI systems that show test reports (GitLab merge requests, Jenkins, Azure
// Pipelines). One <testsuite> per rule; inside it one failing <testcase> per finding, a skipped
// one per suppressed finding, an <error> one per account where the rule was not evaluated or threw,
// and one passing "no findings" case per account where it ran clean. The Report does not list every
// resource a rule looked at, so a clean run is one passing case rather than one per resource.
import type { RecheckTest } from './baseline.js';
import { recheckedIn } from './baseline.js';
import { ALL_TEMPLATES, placeOf } from './facts.js';
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
    `${finding.accountId === undefined ? 'file' : 'account'}: ${placeOf(finding)}`,
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

/**
 * Where a rule's cases are grouped: each account, or in a template report each file (plus one place
 * for the not-evaluated entries and rule errors that name no file).
 */
interface Place {
  name: string;
  /** Why nothing or not everything was checked there (a failed account, a file not analysed). */
  gap?: { outcome: Outcome; alone: boolean };
  holds: (entry: { accountId?: string; location?: { file: string } }) => boolean;
  /** What a finding there would carry, to ask whether the rule ran clean there; absent: never asked. */
  probe?: { accountId?: string; location?: { file: string } };
}

function accountPlaces(report: Report): Place[] {
  return report.accounts.map((account) => {
    const place: Place = {
      name: account.accountId,
      holds: (entry) => entry.accountId === account.accountId,
      probe: { accountId: account.accountId },
    };
    if (account.status === 'audited') return place;
    const why = `account ${account.status === 'failed' ? 'could not be audited' : 'skipped'}: ${account.reason ?? 'no reason given'}`;
    const outcome: Outcome =
      account.status === 'failed'
        ? { kind: 'error', type: 'account-failed', message: why }
        : { kind: 'skipped', message: why };
    return { ...place, gap: { outcome, alone: true } };
  });
}

function filePlaces(report: Report): Place[] {
  const files = (report.files ?? []).map((file): Place => {
    const place: Place = {
      name: file.path,
      holds: (entry) => entry.location?.file === file.path,
      probe: { location: { file: file.path } },
    };
    if (file.status === 'analysed') return place;
    const message = `${file.status === 'failed' ? 'could not be scanned' : 'not analysed'}: ${file.reason ?? 'no reason given'}`;
    return {
      ...place,
      gap: {
        outcome: { kind: 'error', type: `file-${file.status}`, message },
        alone: file.status === 'failed',
      },
    };
  });
  return [...files, { name: ALL_TEMPLATES, holds: (entry) => entry.location === undefined }];
}

function casesForRule(report: Report, ruleId: string, rechecked: RecheckTest): TestCase[] {
  const cases: TestCase[] = [];
  const ofRule = <T extends { ruleId: string; accountId?: string; location?: { file: string } }>(
    entries: readonly T[],
    place: Place,
  ) => entries.filter((entry) => entry.ruleId === ruleId && place.holds(entry));
  for (const place of report.files ? filePlaces(report) : accountPlaces(report)) {
    if (place.gap) cases.push({ name: `${place.name}: not audited`, outcome: place.gap.outcome });
    if (place.gap?.alone) continue;
    const findings = ofRule(report.findings, place);
    cases.push(...findings.map(findingCase));
    for (const gap of ofRule(report.notEvaluated, place)) {
      cases.push({
        name: `${place.name}${gap.resource === undefined ? '' : ` ${gap.resource}`}: not evaluated`,
        outcome: { kind: 'error', type: 'not-evaluated', message: gap.reason },
      });
    }
    for (const error of ofRule(report.ruleErrors, place)) {
      cases.push({
        name: `${place.name}: rule error`,
        outcome: { kind: 'error', type: 'rule-error', message: error.message },
      });
    }
    if (findings.length === 0 && place.probe && rechecked({ ruleId, ...place.probe })) {
      cases.push({ name: `${place.name}: no findings`, outcome: { kind: 'passed' } });
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
