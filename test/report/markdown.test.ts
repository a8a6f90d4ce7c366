import { applyBaseline } from '../../src/report/baseline.js';
import { MARKDOWN_LIMIT, mdCode, mdText, renderMarkdown } from '../../src/report/markdown.js';
import type { Report, ReportFinding } from '../../src/report/model.js';
import { ACCOUNT } from '../builders/snapshot.js';
import {
  OTHER_ACCOUNT,
  PLAIN_CONTEXT,
  auditedSnapshot,
  authorizationDetailsGap,
  buildReport,
  templateRule,
} from './report-fixture.js';

const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;

function many(count: number, messageLength = 200): Report {
  const report = buildReport();
  const template = report.findings.find((f) => f.severity === 'high')!;
  const findings: ReportFinding[] = Array.from({ length: count }, (_, i) => ({
    ...template,
    resource: `arn:aws:iam::${ACCOUNT}:user/user-${String(i).padStart(5, '0')}`,
    message: `User ${i} has no MFA. ${'x'.repeat(messageLength)}`,
    fingerprint: `fp-${i}`,
  }));
  return { ...report, findings, summary: { ...report.summary, findings: count } };
}

describe('markdown output', () => {
  test('starts with the title, the verdict and the totals, before any finding', () => {
    const output = renderMarkdown(buildReport(), PLAIN_CONTEXT);
    const lines = output.split('\n');
    expect(lines[0]).toBe(`## iamspect report: ${ACCOUNT}`);
    expect(output).toContain('**❌ Failed: 3 unsuppressed findings at or above high.**');
    expect(output).toContain(
      '| Critical | High | Medium | Low | Info | Suppressed | Not evaluated | Rule errors |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n| 1 | 2 | 0 | 1 | 0 | 0 | 1 | 0 |',
    );
    expect(output.indexOf('| 1 | 2 | 0 | 1 |')).toBeLessThan(output.indexOf('### Findings'));
  });

  test('lists the rules that were not evaluated, with the reason, before the findings', () => {
    const output = renderMarkdown(buildReport(), PLAIN_CONTEXT);
    expect(output).toContain('> [!WARNING]');
    expect(output).toMatch(
      /\| `test-policy` \| 123456789012 \| authorizationDetails: access denied to iam:GetAccountAuthorizationDetails/,
    );
    expect(output).toContain('Grant iamspect the permission iam:GetAccountAuthorizationDetails');
    expect(output.indexOf('test-policy')).toBeLessThan(output.indexOf('### Findings'));
  });

  test('an account that could not be audited is in the warning panel too', () => {
    const report = buildReport({
      accounts: [
        { snapshot: auditedSnapshot() },
        { accountId: OTHER_ACCOUNT, status: 'failed', reason: 'AccessDenied' },
      ],
    });
    const output = renderMarkdown(report, PLAIN_CONTEXT);
    expect(output).toContain(
      '> **Incomplete: 1 rule check did not run and 1 account could not be audited.**',
    );
    expect(output).toContain('| (all rules) | 210987654321 | account could not be audited: AccessDenied |');
  });

  test('a section that was not collected is explained as such, and the verdict is not repeated', () => {
    const output = renderMarkdown(authorizationDetailsGap('skipped'), PLAIN_CONTEXT);
    expect(output).toContain(
      '> **Not everything was checked.** These checks neither passed nor failed. authorizationDetails was not collected: skipped in test.',
    );
    expect(output.match(/Incomplete: 1 rule check did not run/g)).toHaveLength(1);
    expect(output).not.toContain('permission');
  });

  test('groups findings by severity, worst first, critical and high open', () => {
    const output = renderMarkdown(buildReport(), PLAIN_CONTEXT);
    const critical = output.indexOf('🟥 Critical (1)');
    const high = output.indexOf('🟧 High (2)');
    const low = output.indexOf('🟦 Low (1)');
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(low).toBeGreaterThan(high);
    expect(output).toContain('<details open>\n<summary><b>🟥 Critical (1)</b></summary>');
    expect(output).toContain('<details>\n<summary><b>🟦 Low (1)</b></summary>');
    expect(output).not.toContain('Medium (0)');
  });

  test('with a baseline, marks each finding new or existing and lists the fixed ones', () => {
    const report = buildReport();
    const withoutLow = { ...report, findings: report.findings.filter((f) => f.severity !== 'low') };
    const output = renderMarkdown(applyBaseline(report, withoutLow), PLAIN_CONTEXT);
    expect(output).toContain('| Rule | Resource | Finding | Baseline |');
    expect(output).toMatch(/\| `test-account` \| .* \| 🆕 new \|/);
    expect(output).toMatch(/\| `test-root-key` \| .* \| existing \|/);
    expect(output).toContain('fail on: high (new findings only)');

    const bobFixed = { ...report, findings: report.findings.filter((f) => f.resource !== bob) };
    const fixed = renderMarkdown(applyBaseline(bobFixed, report), PLAIN_CONTEXT);
    expect(fixed).toContain('### ✔️ Fixed since the baseline (1)');
    expect(fixed).toMatch(/\| High \| `test-user-mfa` \| `arn:aws:iam::123456789012:user\/bob` \|/);
  });

  test('shows one column per account when several accounts are in the report', () => {
    const report = buildReport({
      accounts: [{ snapshot: auditedSnapshot() }, { snapshot: auditedSnapshot(OTHER_ACCOUNT) }],
    });
    const output = renderMarkdown(report, PLAIN_CONTEXT);
    expect(output.split('\n')[0]).toBe('## iamspect report: 2 accounts');
    expect(output).toContain('| Account | Rule | Resource | Finding |');
    expect(output).toMatch(/\| 210987654321 \| audited \| 1 \| 2 \| 0 \| 1 \| 0 \|/);
  });

  test('lists suppressed findings with their reason only when asked', () => {
    const report = buildReport({
      suppressions: [
        { rule: 'test-user-mfa', resource: bob, reason: 'break-glass user', expires: '2026-12-31' },
      ],
    });
    expect(renderMarkdown(report, PLAIN_CONTEXT)).not.toContain('break-glass user');
    expect(renderMarkdown(report, { ...PLAIN_CONTEXT, showSuppressed: true })).toMatch(
      /\| High \| `test-user-mfa` \| `arn:aws:iam::123456789012:user\/bob` \| break-glass user \| 2026-12-31 \|/,
    );
  });

  test('a template finding names its file and line next to the resource', () => {
    const output = renderMarkdown(buildReport({ rules: [templateRule] }), PLAIN_CONTEXT);
    expect(output).toContain(`\`arn:aws:iam::${ACCOUNT}:role/Deployer\` at \`templates/stack.yaml:12\``);
  });

  test('ends with the warnings', () => {
    const report = {
      ...buildReport(),
      warnings: ['Suppression of x for y expires on 2026-06-20 (in 5 days).'],
    };
    expect(renderMarkdown(report, PLAIN_CONTEXT).trimEnd().split('\n').slice(-3)).toEqual([
      '### Warnings',
      '',
      '- Suppression of x for y expires on 2026-06-20 (in 5 days).',
    ]);
  });
});

describe('markdown escaping', () => {
  test.each([
    ['a | b', 'a \\| b'],
    ['line one\nline two', 'line one<br>line two'],
    ['<root_account>', '&lt;root\\_account&gt;'],
    ['*admin*', '\\*admin\\*'],
    ['R&D [team]', 'R&amp;D \\[team\\]'],
  ])('text %j becomes %j', (input, expected) => {
    expect(mdText(input)).toBe(expected);
  });

  test.each([
    ['arn:aws:iam::1:user/a|b', '`arn:aws:iam::1:user/a\\|b`'],
    ['has `tick`', '`` has `tick` ``'],
  ])('code %j becomes %j', (input, expected) => {
    expect(mdCode(input)).toBe(expected);
  });

  test('a message with pipes and newlines stays inside its table row', () => {
    const report = buildReport();
    report.findings[0] = { ...report.findings[0]!, message: 'bad | message\nwith a second line' };
    const row = renderMarkdown(report, PLAIN_CONTEXT)
      .split('\n')
      .find((line) => line.includes('bad \\| message'));
    expect(row).toBe(
      `| \`test-root-key\` | \`arn:aws:iam::${ACCOUNT}:root\` | bad \\| message<br>with a second line |`,
    );
  });
});

describe('markdown truncation', () => {
  test('a small report is not truncated', () => {
    expect(renderMarkdown(many(20), PLAIN_CONTEXT)).not.toContain('not shown');
  });

  test(`stops before ${MARKDOWN_LIMIT} characters on a row boundary and counts what it left out`, () => {
    const total = 2000;
    const output = renderMarkdown(many(total), PLAIN_CONTEXT);
    expect(output.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    const rows = output.split('\n').filter((line) => line.startsWith('| `test-user-mfa`'));
    for (const row of rows)
      expect(row).toMatch(/^\| `test-user-mfa` \| `[^`]+` \| User \d+ has no MFA\. x+ \|$/);
    const note = /\*\*… and (\d+) more findings not shown \(limit 60,000 characters\)\.\*\*/.exec(output);
    expect(note).not.toBeNull();
    expect(rows.length + Number(note![1])).toBe(total);
    expect(rows.length).toBeGreaterThan(100);
    // The open <details> of the cut-off section is closed before the note.
    expect((output.match(/<details/g) ?? []).length).toBe((output.match(/<\/details>/g) ?? []).length);
  });

  test('the totals and the not-evaluated rules come through even when the findings do not', () => {
    const output = renderMarkdown(many(5000, 400), PLAIN_CONTEXT);
    expect(output).toContain('| Critical | High |');
    expect(output).toContain('`test-policy`');
  });
});
