import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { applyBaseline } from '../../src/report/baseline.js';
import { renderJunit } from '../../src/report/junit.js';
import type { Report } from '../../src/report/model.js';
import { ACCOUNT, emptySnapshot, userRow, withCredentialReport } from '../builders/snapshot.js';
import {
  OTHER_ACCOUNT,
  auditedSnapshot,
  buildReport,
  rootKeyRule,
  throwingRule,
  userMfaRule,
} from './report-fixture.js';

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text': string };
  error?: { message: string; type: string };
  skipped?: { message: string };
}
interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  testcase: Case[];
}
interface Parsed {
  testsuites: { tests: number; failures: number; errors: number; skipped: number; testsuite: Suite[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: true,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

function parse(report: Report): Parsed {
  const xml = renderJunit(report);
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Parsed;
}

function suite(parsed: Parsed, name: string): Suite {
  const found = parsed.testsuites.testsuite.find((s) => s.name === name);
  if (!found) throw new Error(`no testsuite ${name}`);
  return found;
}

const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;

describe('junit output', () => {
  test('one testsuite per rule with correct counts, and totals on <testsuites>', () => {
    const parsed = parse(
      buildReport({
        suppressions: [
          { rule: 'test-user-mfa', resource: bob, reason: 'break-glass', expires: '2026-12-31' },
        ],
      }),
    );
    const counts = (s: Suite) => ({
      tests: s.tests,
      failures: s.failures,
      errors: s.errors,
      skipped: s.skipped,
    });
    expect(parsed.testsuites.testsuite.map((s) => [s.name, counts(s)])).toEqual([
      ['test-root-key', { tests: 1, failures: 1, errors: 0, skipped: 0 }],
      ['test-user-mfa', { tests: 2, failures: 1, errors: 0, skipped: 1 }],
      ['test-policy', { tests: 1, failures: 0, errors: 1, skipped: 0 }],
      ['test-account', { tests: 1, failures: 1, errors: 0, skipped: 0 }],
    ]);
    expect(counts(parsed.testsuites as unknown as Suite)).toEqual({
      tests: 5,
      failures: 3,
      errors: 1,
      skipped: 1,
    });
    // Every suite's attributes agree with the testcases it holds.
    for (const s of parsed.testsuites.testsuite) {
      expect(s.tests).toBe(s.testcase.length);
      expect(s.failures).toBe(s.testcase.filter((c) => c.failure).length);
      expect(s.errors).toBe(s.testcase.filter((c) => c.error).length);
      expect(s.skipped).toBe(s.testcase.filter((c) => c.skipped !== undefined).length);
    }
  });

  test('a finding is a failing testcase named after its resource, with the message and severity', () => {
    const failing = suite(parse(buildReport()), 'test-user-mfa').testcase[0]!;
    expect(failing.name).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(failing.classname).toBe('iamspect.test-user-mfa');
    expect(failing.failure).toMatchObject({
      type: 'high',
      message: expect.stringMatching(/^User alice has no MFA/),
    });
    expect(failing.failure!['#text']).toContain('fingerprint: ');
  });

  test('a rule that was not evaluated is an error with the reason', () => {
    const notEvaluated = suite(parse(buildReport()), 'test-policy').testcase[0]!;
    expect(notEvaluated.name).toBe(`${ACCOUNT}: not evaluated`);
    expect(notEvaluated.error).toEqual({
      type: 'not-evaluated',
      message: 'authorizationDetails: access denied to iam:GetAccountAuthorizationDetails: denied in test',
    });
  });

  test('a rule that threw is an error', () => {
    const parsed = parse(buildReport({ rules: [throwingRule] }));
    expect(suite(parsed, 'test-throws').testcase[0]!.error).toEqual({
      type: 'rule-error',
      message: 'boom: unexpected data',
    });
    expect(parsed.testsuites.errors).toBe(1);
  });

  test('a rule that ran clean is one passing testcase; an account that failed is an error in every suite', () => {
    const parsed = parse(
      buildReport({
        rules: [rootKeyRule, userMfaRule],
        accounts: [
          { snapshot: auditedSnapshot() },
          { accountId: OTHER_ACCOUNT, status: 'failed', reason: 'AccessDenied' },
        ],
      }),
    );
    const rootKey = suite(parsed, 'test-root-key');
    expect(rootKey.testcase.map((c) => c.name)).toEqual([
      `arn:aws:iam::${ACCOUNT}:root`,
      `${OTHER_ACCOUNT}: not audited`,
    ]);
    expect(rootKey.testcase[1]!.error).toEqual({
      type: 'account-failed',
      message: 'account could not be audited: AccessDenied',
    });

    const everyoneHasMfa = withCredentialReport(emptySnapshot(), [userRow('alice', { mfaActive: true })]);
    const clean = suite(
      parse(buildReport({ rules: [userMfaRule], accounts: [{ snapshot: everyoneHasMfa }] })),
      'test-user-mfa',
    );
    expect(clean).toMatchObject({ tests: 1, failures: 0, errors: 0, skipped: 0 });
    expect(clean.testcase).toEqual([
      { name: `${ACCOUNT}: no findings`, classname: 'iamspect.test-user-mfa', time: 0 },
    ]);
  });

  test('with a baseline, new findings are marked in the failure message', () => {
    const report = buildReport();
    const withoutBob = { ...report, findings: report.findings.filter((f) => f.resource !== bob) };
    const cases = suite(parse(applyBaseline(report, withoutBob)), 'test-user-mfa').testcase;
    expect(cases.map((c) => c.failure!.message.slice(0, 20))).toEqual([
      'User alice has no MF',
      '[new] User bob has n',
    ]);
  });

  test('XML special and control characters in names and messages are escaped or dropped', () => {
    const report = buildReport();
    report.findings[0] = {
      ...report.findings[0]!,
      resource: 'arn:aws:iam::123456789012:user/a&b<c>"d\'',
      message: 'Quote " amp & lt < gt > bell \u0007 end ]]>',
    };
    const failing = suite(parse(report), 'test-root-key').testcase[0]!;
    expect(failing.name).toBe('arn:aws:iam::123456789012:user/a&b<c>"d\'');
    expect(failing.failure!.message).toBe('Quote " amp & lt < gt > bell  end ]]>');
  });
});
