import { diffReports, failingAdded, renderDiff } from '../../src/report/diff.js';
import type { Report, ReportFinding } from '../../src/report/model.js';
import { ACCOUNT } from '../builders/snapshot.js';
import { OTHER_ACCOUNT, auditedSnapshot, buildReport } from './report-fixture.js';

const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;
const root = `arn:aws:iam::${ACCOUNT}:root`;
const bobSuppressed = {
  rule: 'test-user-mfa',
  resource: bob,
  reason: 'break-glass user',
  expires: '2026-12-31',
};

function edit(report: Report, change: (f: ReportFinding) => ReportFinding | null): Report {
  return {
    ...report,
    findings: report.findings.map(change).filter((f): f is ReportFinding => f !== null),
  };
}

const without =
  (resource: string, ruleId = 'test-user-mfa') =>
  (f: ReportFinding) =>
    f.resource === resource && f.ruleId === ruleId ? null : f;
const keys = (findings: ReportFinding[]) => findings.map((f) => `${f.ruleId} ${f.resource}`);

describe('diffReports', () => {
  const base = buildReport();

  test.each([
    {
      name: 'identical reports: nothing changed',
      older: base,
      newer: base,
      expected: { added: [], fixed: [], severityChanged: [], newlySuppressed: [], suppressionExpired: [] },
    },
    {
      name: 'a finding only in the newer report is new',
      older: edit(base, without(bob)),
      newer: base,
      expected: { added: [`test-user-mfa ${bob}`], fixed: [] },
    },
    {
      name: 'a finding only in the older report is fixed',
      older: base,
      newer: edit(base, without(alice)),
      expected: { added: [], fixed: [`test-user-mfa ${alice}`] },
    },
    {
      name: 'a reworded message is neither new nor fixed',
      older: edit(base, (f) => ({ ...f, message: `Previously: ${f.message}` })),
      newer: base,
      expected: { added: [], fixed: [], severityChanged: [] },
    },
    {
      name: 'a finding that became suppressed is newly suppressed',
      older: base,
      newer: buildReport({ suppressions: [bobSuppressed] }),
      expected: { added: [], newlySuppressed: [`test-user-mfa ${bob}`], suppressionExpired: [] },
    },
    {
      name: 'a finding whose suppression ended counts again',
      older: buildReport({ suppressions: [bobSuppressed] }),
      newer: base,
      expected: { newlySuppressed: [], suppressionExpired: [`test-user-mfa ${bob}`] },
    },
  ])('$name', ({ older, newer, expected }) => {
    const diff = diffReports(older, newer);
    const actual = {
      added: keys(diff.added),
      fixed: keys(diff.fixed),
      severityChanged: keys(diff.severityChanged.map((c) => c.finding)),
      newlySuppressed: keys(diff.newlySuppressed),
      suppressionExpired: keys(diff.suppressionExpired),
    };
    expect(actual).toMatchObject(expected);
  });

  test('a severity change keeps the finding and records both severities', () => {
    const older = edit(base, (f) => (f.resource === alice ? { ...f, severity: 'medium' } : f));
    const diff = diffReports(older, base);
    expect(diff.added).toEqual([]);
    expect(diff.severityChanged).toEqual([
      { finding: expect.objectContaining({ resource: alice, severity: 'high' }), from: 'medium' },
    ]);
  });

  test('findings the newer run could not check are not fixed but listed apart', () => {
    const older = buildReport({
      accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
    });
    const newer = buildReport({
      accounts: [
        { snapshot: auditedSnapshot() },
        { accountId: OTHER_ACCOUNT, status: 'failed', reason: 'denied' },
      ],
    });
    const diff = diffReports(older, newer);
    expect(diff.fixed).toEqual([]);
    expect(diff.notRechecked.map((f) => f.accountId)).toEqual([
      OTHER_ACCOUNT,
      OTHER_ACCOUNT,
      OTHER_ACCOUNT,
      OTHER_ACCOUNT,
    ]);
  });

  test('a new finding whose rule the older run could not check is marked so', () => {
    const older = buildReport({ accounts: [{ snapshot: { ...auditedSnapshot(), sections: {} } }] });
    const diff = diffReports(older, base);
    const unchecked = diff.added.filter((f) => diff.uncheckedBefore.has(f.fingerprint));
    expect(keys(unchecked).sort()).toEqual([
      `test-root-key ${root}`,
      `test-user-mfa ${alice}`,
      `test-user-mfa ${bob}`,
    ]);
    expect(renderDiff(diff, 'table', 'high')).toContain('not checked in the older report');
  });
});

describe('failingAdded: what makes `iamspect diff` exit 1', () => {
  const older = edit(buildReport(), (f) => (f.severity === 'low' || f.resource === bob ? null : f));
  const newer = buildReport({ suppressions: [] });

  test.each([
    ['critical', []],
    ['high', [`test-user-mfa ${bob}`]],
    ['low', [`test-user-mfa ${bob}`, `test-account ${root}`]],
    ['none', []],
  ] as const)('--fail-on %s', (failOn, expected) => {
    expect(keys(failingAdded(diffReports(older, newer), failOn))).toEqual(expected);
  });

  test('a new suppressed finding never fails', () => {
    const suppressedNow = buildReport({ suppressions: [bobSuppressed] });
    expect(failingAdded(diffReports(edit(suppressedNow, without(bob)), suppressedNow), 'info')).toEqual([]);
  });
});

describe('renderDiff', () => {
  const older = edit(buildReport(), without(bob));
  const newer = edit(buildReport({ suppressions: [] }), without(alice));
  const diff = diffReports(older, newer);

  test('says when the compared data was collected, not when the reports were rendered', () => {
    const stale = { ...older, generatedAt: '2026-11-20T10:00:00.000Z' };
    stale.accounts = stale.accounts.map((a) => ({ ...a, collectedAt: '2026-06-01T08:00:00.000Z' }));
    const output = renderDiff(diffReports(stale, newer), 'table', 'high');
    expect(output).toContain(
      `Compared data collected 2026-06-01 08:00 UTC with data collected ${newer.accounts[0]!.collectedAt!.slice(0, 16).replace('T', ' ')} UTC.`,
    );
  });

  test('table: a headline with the counts, then one line per change', () => {
    const output = renderDiff(diff, 'table', 'high');
    expect(output).toContain('1 new (1 at or above high), 1 fixed, 0 severity changed');
    expect(output).toMatch(
      /New findings \(1\):\n {2}high +123456789012 +test-user-mfa +arn:aws:iam::123456789012:user\/bob +User bob/,
    );
    expect(output).toMatch(/Fixed \(1\):\n {2}high .*user\/alice/);
  });

  test('markdown: a verdict and a table per kind of change, with cells escaped', () => {
    const piped = edit(newer, (f) => (f.resource === bob ? { ...f, message: 'a | b\nc' } : f));
    const output = renderDiff(diffReports(older, piped), 'markdown', 'high');
    expect(output).toContain('**❌ 1 new finding at or above high.**');
    expect(output).toContain('### New findings (1)');
    expect(output).toContain('| a \\| b<br>c |');
    expect(output).toContain('### Fixed (1)');
  });

  test('json: machine-readable, with the gate result', () => {
    const json = JSON.parse(renderDiff(diff, 'json', 'high')) as Record<string, unknown>;
    expect(json).toMatchObject({ schemaVersion: 1, failOn: 'high', failing: 1 });
    expect((json.added as ReportFinding[]).map((f) => f.resource)).toEqual([bob]);
    expect((json.fixed as ReportFinding[]).map((f) => f.resource)).toEqual([alice]);
    expect(json).toHaveProperty('severityChanged', []);
  });
});
