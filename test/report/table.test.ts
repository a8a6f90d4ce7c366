import { applyBaseline } from '../../src/report/baseline.js';
import type { Report } from '../../src/report/model.js';
import type { RenderContext } from '../../src/report/render.js';
import { MAX_TABLE_ROWS, renderTable } from '../../src/report/table.js';
import { ACCOUNT, NOW, emptySnapshot, userRow, withCredentialReport } from '../builders/snapshot.js';
import {
  OTHER_ACCOUNT,
  PLAIN_CONTEXT,
  accountRule,
  auditedSnapshot,
  buildReport,
  policyRule,
  rootKeyRule,
  templateRule,
  testRule,
  throwingRule,
  userMfaRule,
} from './report-fixture.js';

/** Start of every ANSI escape sequence (CSI). */
const ANSI = '\u001b[';

function render(report: Report, overrides: Partial<RenderContext> = {}): string {
  return renderTable(report, { ...PLAIN_CONTEXT, ...overrides });
}

const bobSuppressed = {
  rule: 'test-user-mfa',
  resource: `arn:aws:iam::${ACCOUNT}:user/bob`,
  reason: 'break-glass user',
  expires: '2026-12-31',
};

/** The table rows (lines drawn inside the frame) that name a severity, in order. */
function severityColumn(output: string): string[] {
  return output
    .split('\n')
    .map((line) => /^│ (critical|high|medium|low|info) /.exec(line)?.[1])
    .filter((s): s is string => s !== undefined);
}

describe('table output', () => {
  test('groups findings by severity, critical first, with a rule between groups only', () => {
    const output = render(buildReport());
    expect(severityColumn(output)).toEqual(['critical', 'high', 'high', 'low']);
    const lines = output.split('\n');
    const alice = lines.findIndex((l) => l.includes('user/alice'));
    const bob = lines.findIndex((l) => l.includes('user/bob'));
    const between = lines.slice(alice, bob);
    expect(between.some((l) => l.startsWith('├'))).toBe(false);
    const critical = lines.findIndex((l) => l.startsWith('│ critical'));
    expect(lines[critical + 2]).toMatch(/^├/);
  });

  test('shows one row per finding: severity, short resource, then the whole rule id above the message', () => {
    const output = render(buildReport());
    expect(output).toMatch(
      /│ critical │ account\s+│ test-root-key\s+│\n│\s+│\s+│ Root user has an active access key\./,
    );
    expect(output).toMatch(/│ high\s+│ user\/alice │ test-user-mfa\s+│\n│\s+│\s+│ User alice has no MFA/);
  });

  test('the summary counts findings by severity, suppressed ones, failing ones and rules not evaluated', () => {
    const output = render(buildReport({ suppressions: [bobSuppressed] }));
    expect(output).toContain(
      '3 findings: 1 critical, 1 high, 1 low (2 fail the gate: --fail-on high); 1 suppressed (not shown); 1 rule not evaluated.',
    );
  });

  test('says plainly when there are no findings', () => {
    const output = render(buildReport({ rules: [policyRule] }));
    expect(output).toContain('No findings; 1 rule not evaluated.');
    expect(output).not.toContain('│');
    const clean = render(
      buildReport({
        rules: [userMfaRule],
        accounts: [{ snapshot: withCredentialReport(emptySnapshot(), []) }],
      }),
    );
    expect(clean).toContain('\nNo findings.\n');
  });

  test('lists rules not evaluated with the section and the refused action', () => {
    const output = render(buildReport());
    expect(output).toContain(
      'Not evaluated (1 rule):\n  - authorizationDetails: access denied to iam:GetAccountAuthorizationDetails: denied in test\n    rules: test-policy',
    );
  });

  test('rules not evaluated for the same reason are listed together', () => {
    const snapshot = { ...auditedSnapshot(), sections: {} };
    const output = render(buildReport({ rules: [rootKeyRule, userMfaRule], accounts: [{ snapshot }] }));
    expect(output).toContain(
      'Not evaluated (2 rules):\n  - credentialReport was not collected\n    rules: test-root-key, test-user-mfa',
    );
  });

  test('lists rule errors and warnings', () => {
    const report = buildReport({ rules: [accountRule, throwingRule] });
    report.warnings.push('Suppression of test-account for * expired on 2026-01-01.');
    const output = render(report);
    expect(output).toContain('1 rule error.');
    expect(output).toContain('Rule errors (1):\n  - test-throws: boom: unexpected data');
    expect(output).toContain('Warnings (1):\n  - Suppression of test-account for * expired on 2026-01-01.');
  });

  test('hides suppressed findings by default and shows them, with the reason, on request', () => {
    const report = buildReport({ suppressions: [bobSuppressed] });
    expect(render(report)).not.toContain('user/bob');
    const shown = render(report, { showSuppressed: true });
    expect(shown).toContain('user/bob');
    expect(shown).toContain('Suppressed: break-glass user (until 2026-12-31)');
    expect(shown).toContain('; 1 suppressed;');
  });

  test('uses no ANSI codes without colour, and colours severities with it', () => {
    const report = buildReport({ rules: [rootKeyRule, userMfaRule, policyRule, accountRule, throwingRule] });
    expect(render(report)).not.toContain(ANSI);
    const coloured = render(report, { color: true });
    expect(coloured).toContain(ANSI);
    expect(coloured).toContain('\u001b[31mhigh\u001b[39m');
  });

  test('replaces control characters from the data, so names cannot inject terminal escapes', () => {
    const report = buildReport({ rules: [userMfaRule] });
    report.findings[0]!.message = 'Name with\ttab and \u001b[2Jescape.';
    const output = render(report);
    expect(output).not.toContain(ANSI);
    expect(output).toContain('Name with tab and  [2Jescape.');
  });

  test.each([60, 80, 120])('the table fits a %i-column terminal and wraps long messages', (width) => {
    const output = render(buildReport(), { width });
    const tableLines = output.split('\n').filter((line) => /^[┌├│└]/.test(line));
    expect(tableLines.length).toBeGreaterThan(0);
    for (const line of tableLines) expect(line.length).toBeLessThanOrEqual(width);
    const words = output.replace(/[│\s]+/g, ' ');
    expect(words).toContain('inside the message column of a narrow terminal.');
  });

  test.each([
    [30 / 60, '30 min'],
    [2, '2 h'],
    [72, '3 days'],
  ])('says how old the credential report was (%f h before collection: %s)', (hours, text) => {
    const generated = new Date(Date.parse(NOW) - hours * 3_600_000).toISOString();
    const snapshot = withCredentialReport(emptySnapshot(), [userRow('alice')], generated);
    const output = render(buildReport({ rules: [userMfaRule], accounts: [{ snapshot }] }));
    expect(output).toContain(
      `Collected 2026-06-15 12:00 UTC; credential report generated ${text} before collection.`,
    );
  });

  test('with several accounts, groups by account with a summary for each and for all', () => {
    const report = buildReport({
      rules: [rootKeyRule, userMfaRule, policyRule],
      accounts: [
        { snapshot: auditedSnapshot() },
        { snapshot: auditedSnapshot(OTHER_ACCOUNT) },
        {
          accountId: '333333333333',
          reason: 'could not assume OrganizationAccountAccessRole (AccessDenied)',
        },
      ],
      suppressions: [bobSuppressed],
    });
    const output = render(report);
    const first = output.indexOf(`Account ${ACCOUNT}`);
    const second = output.indexOf(`Account ${OTHER_ACCOUNT}`);
    const third = output.indexOf('Account 333333333333 could not be audited: could not assume');
    expect(0 <= first && first < second && second < third).toBe(true);

    const firstBlock = output.slice(first, second);
    const secondBlock = output.slice(second, third);
    expect(firstBlock).toContain(
      '2 findings: 1 critical, 1 high (2 fail the gate: --fail-on high); 1 suppressed (not shown); 1 rule not evaluated.',
    );
    expect(secondBlock).toContain(
      '3 findings: 1 critical, 2 high (3 fail the gate: --fail-on high); 1 rule not evaluated.',
    );
    expect(secondBlock).toContain('user/bob');
    expect(output.slice(third)).toContain(
      'All accounts: 2 accounts audited, 1 failed; 5 findings: 2 critical, 3 high (5 fail the gate: --fail-on high); 1 suppressed (not shown); 2 rule checks not evaluated.',
    );
  });

  test('names resources of other accounts by their full ARN', () => {
    const report = buildReport({ rules: [userMfaRule] });
    report.findings[0]!.resource = `arn:aws:iam::${OTHER_ACCOUNT}:role/Cross`;
    expect(render(report, { width: 200 })).toContain(`arn:aws:iam::${OTHER_ACCOUNT}:role/Cross`);
  });

  test('with a baseline, marks new findings and counts fixed ones', () => {
    const arn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
    const withUsers = (...names: string[]) =>
      buildReport({
        rules: [userMfaRule],
        accounts: [
          {
            snapshot: withCredentialReport(
              emptySnapshot(),
              names.map((n) => userRow(n, { arn: arn(n) })),
            ),
          },
        ],
      });
    const output = render(applyBaseline(withUsers('alice', 'carol'), withUsers('alice', 'bob')));
    expect(output).toContain(
      '2 findings (1 new): 2 high (1 fails the gate: --fail-on high); 1 fixed since the baseline.',
    );
    const lines = output.split('\n');
    const carol = lines.findIndex((l) => l.includes('user/carol'));
    expect(lines[carol + 1]).toMatch(/^│ new /);
    const alice = lines.findIndex((l) => l.includes('user/alice'));
    expect(lines[alice + 1]).not.toMatch(/^│ new /);
  });
});

describe('large and template reports', () => {
  const manyUsers = (count: number) =>
    testRule('test-many', 'low', [], (snapshot) =>
      Array.from({ length: count }, (_, i) => ({
        resource: `arn:aws:iam::${snapshot.accountId}:user/u${String(i).padStart(5, '0')}`,
        message: `Finding ${i}.`,
      })),
    );

  test('lists at most MAX_TABLE_ROWS findings per account, says how many more, and still counts them all', () => {
    const output = render(buildReport({ rules: [manyUsers(MAX_TABLE_ROWS + 1)] }));
    expect(output).toContain(`user/u${String(MAX_TABLE_ROWS - 1).padStart(5, '0')}`);
    expect(output).not.toContain(`user/u${String(MAX_TABLE_ROWS).padStart(5, '0')}`);
    expect(output).toContain(
      `… and 1 more finding not listed here (the table shows the first ${MAX_TABLE_ROWS})`,
    );
    expect(output).toContain(`${MAX_TABLE_ROWS + 1} findings: ${MAX_TABLE_ROWS + 1} low`);
  });

  test('exactly MAX_TABLE_ROWS findings are all listed with no note', () => {
    const output = render(buildReport({ rules: [manyUsers(MAX_TABLE_ROWS)] }));
    expect(output).not.toContain('more findings not listed');
  });

  test('a template finding shows its file and line under the resource', () => {
    const output = render(buildReport({ rules: [templateRule] }));
    expect(output).toMatch(/│ role\/Deployer\s+│[^\n]*\n│\s+│ templates\/stack\.yaml:12\s+│/);
  });
});

test('a template scan is headed by what was scanned, not by its placeholder account', () => {
  const snapshot = {
    ...auditedSnapshot(),
    source: { kind: 'template' as const },
    accountAlias: '2 CloudFormation templates',
  };
  const output = render(buildReport({ rules: [templateRule], accounts: [{ snapshot }] }));
  expect(output.split('\n').slice(0, 2)).toEqual([
    '2 CloudFormation templates',
    expect.stringMatching(/^Scanned /),
  ]);
  expect(output).not.toContain(`Account ${ACCOUNT}`);
});

test('a template that could not be parsed is named as a file, not as an account', () => {
  const snapshot = {
    ...auditedSnapshot(),
    source: { kind: 'template' as const },
    accountAlias: '1 CloudFormation template',
  };
  const broken = {
    accountId: ACCOUNT,
    status: 'failed' as const,
    reason: 'stacks/broken.yaml:5:1: not valid YAML or JSON',
    source: { kind: 'template' as const, path: 'stacks/broken.yaml' },
  };
  const output = render(buildReport({ rules: [templateRule], accounts: [{ snapshot }, broken] }));
  expect(output).toContain(
    'CloudFormation template could not be scanned: stacks/broken.yaml:5:1: not valid YAML or JSON',
  );
  expect(output).toMatch(/All templates: 1 file could not be scanned; 1 finding: 1 medium/);
  expect(output).not.toContain('account');
});
