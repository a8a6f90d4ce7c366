import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { applyBaseline } from '../../src/report/baseline.js';
import type { Report } from '../../src/report/model.js';
import type { RenderContext } from '../../src/report/render.js';
import { FINGERPRINT_KEY, renderSarif } from '../../src/report/sarif.js';
import type { Severity } from '../../src/model/severity.js';
import { packageRoot } from '../../src/util/package-root.js';
import { ACCOUNT, userRow, withCredentialReport, emptySnapshot } from '../builders/snapshot.js';
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

const CWD = '/work/repo';
const context: RenderContext = { ...PLAIN_CONTEXT, cwd: CWD };

function sarif(report: Report, overrides: Partial<RenderContext> = {}): Log {
  return JSON.parse(renderSarif(report, { ...context, ...overrides })) as Log;
}

function results(log: Log): Result[] {
  return log.runs[0]!.results!;
}

/** Everything the SARIF output can contain: two accounts, a failed one, a suppression, a rule error, a template location. */
function fullReport(): Report {
  return buildReport({
    rules: [rootKeyRule, userMfaRule, policyRule, accountRule, templateRule, throwingRule],
    accounts: [
      { snapshot: auditedSnapshot() },
      { snapshot: auditedSnapshot(OTHER_ACCOUNT) },
      { accountId: '333333333333', reason: 'could not assume OrganizationAccountAccessRole (AccessDenied)' },
    ],
    suppressions: [
      {
        rule: 'test-user-mfa',
        resource: `arn:aws:iam::${ACCOUNT}:user/bob`,
        reason: 'break-glass user, kept in a safe',
        expires: '2026-12-31',
      },
    ],
  });
}

describe('SARIF schema conformance', () => {
  // The official SARIF 2.1.0 schema ships with @microsoft/jest-sarif (a dev dependency).
  const schemaPath = join(
    packageRoot(),
    'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
  );

  let compiled: ValidateFunction | undefined;
  function sarifValidator(): ValidateFunction {
    if (compiled) return compiled;
    if (!existsSync(schemaPath)) {
      throw new Error(
        `SARIF 2.1.0 schema not found at ${schemaPath}: install the dev dependency @microsoft/jest-sarif.`,
      );
    }
    // The schema is draft-04: its `id` and `$schema` keywords are unknown to Ajv 8, and none of its
    // other keywords changed meaning since. Its patterns are not valid in Unicode mode.
    const {
      $schema: _draft,
      id: _id,
      ...schema
    } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    return (compiled = ajv.compile(schema));
  }

  test('a report with every kind of result and notification validates', () => {
    const validate = sarifValidator();
    const baselined = applyBaseline(fullReport(), buildReport());
    const valid = validate(sarif(baselined));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('a report with no findings validates', () => {
    const validate = sarifValidator();
    expect(validate(sarif(buildReport({ rules: [policyRule] })))).toBe(true);
  });

  test('the validator rejects a result without a message (it really checks)', () => {
    const validate = sarifValidator();
    const log = sarif(fullReport());
    delete (results(log)[0] as Partial<Result>).message;
    expect(validate(log)).toBe(false);
  });
});

describe('SARIF log', () => {
  test('is version 2.1.0 with one run from the iamspect driver', () => {
    const log = sarif(fullReport());
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({
      name: 'iamspect',
      version: fullReport().tool.version,
      informationUri: 'https://github.com/iamspect/iamspect',
    });
  });

  test('driver.rules describe each rule from its metadata', () => {
    const rules = sarif(fullReport()).runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([
      'test-root-key',
      'test-user-mfa',
      'test-policy',
      'test-account',
      'test-template',
      'test-throws',
    ]);
    const userMfa = rules[1]!;
    expect(userMfa).toMatchObject({
      name: 'TestUserMfa',
      shortDescription: { text: 'Title of test-user-mfa' },
      fullDescription: { text: 'Why test-user-mfa matters.' },
      helpUri: 'https://github.com/iamspect/iamspect/blob/main/docs/rules.md#test-user-mfa',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'CIS-AWS-5.0/1.11', 'AWS-SECURITY-HUB/IAM.22'],
        'security-severity': '8.0',
      },
    });
    for (const help of [userMfa.help!.text, userMfa.help!.markdown!]) {
      expect(help).toContain('Why test-user-mfa matters.');
      expect(help).toContain('How to fix test-user-mfa.');
      expect(help).toContain('https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html');
    }
  });

  test.each<[Severity, Result.level, string | undefined]>([
    ['critical', 'error', '9.5'],
    ['high', 'error', '8.0'],
    ['medium', 'warning', '5.5'],
    ['low', 'note', '3.0'],
    ['info', 'note', undefined],
  ])('severity %s maps to level %s and security-severity %s', (severity, level, securitySeverity) => {
    const rule = testRule(`test-${severity}`, severity, [], (snapshot) => [
      { resource: `arn:aws:iam::${snapshot.accountId}:root`, message: 'Something.' },
    ]);
    const log = sarif(buildReport({ rules: [rule] }));
    const descriptor = log.runs[0]!.tool.driver.rules![0]!;
    expect(descriptor.defaultConfiguration!.level).toBe(level);
    expect(descriptor.properties!['security-severity']).toBe(securitySeverity);
    expect(results(log)[0]!.level).toBe(level);
  });

  test('each result points at its rule, carries the fingerprint and names the resource', () => {
    const log = sarif(fullReport());
    const rules = log.runs[0]!.tool.driver.rules!;
    for (const result of results(log)) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.partialFingerprints![FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    }
    const alice = results(log).find(
      (r) =>
        r.locations![0]!.logicalLocations![0]!.fullyQualifiedName === `arn:aws:iam::${ACCOUNT}:user/alice`,
    )!;
    expect(alice.message.text).toContain('User alice has no MFA');
    expect(alice.message.text).toContain(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(alice.locations![0]!.logicalLocations).toEqual([
      {
        name: 'user/alice',
        fullyQualifiedName: `arn:aws:iam::${ACCOUNT}:user/alice`,
        kind: 'resource',
        properties: { accountId: ACCOUNT },
      },
    ]);
    expect(alice.properties).toEqual({ accountId: ACCOUNT, severity: 'high', evidence: { user: 'alice' } });
  });

  test('every result has a physical location (GitHub rejects the file otherwise)', () => {
    const all = results(sarif(applyBaseline(fullReport(), buildReport())));
    expect(all.length).toBeGreaterThan(0);
    for (const result of all) {
      const physical = result.locations![0]!.physicalLocation!;
      expect(physical.artifactLocation!.uri).toEqual(expect.any(String));
      expect(physical.region!.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  test('findings without a source location point at the anchor file, line 1', () => {
    const result = results(sarif(buildReport(), { sarifAnchor: `${CWD}/config/iamspect ci.yml` }))[0]!;
    expect(result.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'config/iamspect%20ci.yml' },
      region: { startLine: 1 },
    });
  });

  test.each([
    ['a path relative to cwd', 'templates/stack.yaml'],
    ['an absolute path under cwd', `${CWD}/templates/stack.yaml`],
  ])('template findings point at the file and line, given %s', (_, file) => {
    const report = buildReport({ rules: [templateRule] });
    report.findings[0]!.location = { file, line: 12, column: 5 };
    expect(results(sarif(report))[0]!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'templates/stack.yaml' },
      region: { startLine: 12, startColumn: 5 },
    });
  });

  test('rerunning the same audit gives identical fingerprints, distinct per account and resource', () => {
    const fingerprintsOf = () =>
      results(sarif(fullReport())).map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    const first = fingerprintsOf();
    expect(fingerprintsOf()).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  test('suppressed findings stay, with an accepted external suppression and its justification', () => {
    const all = results(sarif(fullReport()));
    const bob = all.find(
      (r) => r.locations![0]!.logicalLocations![0]!.fullyQualifiedName === `arn:aws:iam::${ACCOUNT}:user/bob`,
    )!;
    expect(bob.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'break-glass user, kept in a safe',
        properties: { expires: '2026-12-31' },
      },
    ]);
    expect(all.filter((r) => r.suppressions)).toHaveLength(1);
  });

  test('baseline states: new, unchanged (existing) and absent (fixed)', () => {
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
    const report = applyBaseline(withUsers('alice', 'carol'), withUsers('alice', 'bob'));
    const stateOf = Object.fromEntries(
      results(sarif(report)).map((r) => [
        r.locations![0]!.logicalLocations![0]!.fullyQualifiedName,
        r.baselineState,
      ]),
    );
    expect(stateOf).toEqual({ [arn('alice')]: 'unchanged', [arn('carol')]: 'new', [arn('bob')]: 'absent' });
  });

  test('without a baseline, results carry no baselineState', () => {
    expect(results(sarif(fullReport())).every((r) => r.baselineState === undefined)).toBe(true);
  });
});

describe('SARIF invocation', () => {
  test('a complete run is successful and has no notifications', () => {
    const invocation = sarif(buildReport({ rules: [accountRule] })).runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toBeUndefined();
  });

  test('a merge that lacks shards is unsuccessful: accounts of the run were not audited', () => {
    const report = buildReport({ rules: [accountRule] });
    const partial = { ...report, run: { partial: { shards: 2, missing: [2] } } };
    expect(sarif(partial).runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
  });

  test('rules not evaluated, rule errors and failed accounts make the run unsuccessful, one notification each', () => {
    const log = sarif(fullReport());
    const invocation = log.runs[0]!.invocations![0]!;
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(invocation.executionSuccessful).toBe(false);
    const notifications = invocation.toolExecutionNotifications!;
    const summary = notifications.map((n) => [
      n.descriptor!.id,
      n.level,
      n.associatedRule?.id,
      n.properties?.accountId,
    ]);
    expect(summary).toEqual([
      ['iamspect/account-not-audited', 'error', undefined, '333333333333'],
      ['iamspect/rule-error', 'error', 'test-throws', ACCOUNT],
      ['iamspect/rule-error', 'error', 'test-throws', OTHER_ACCOUNT],
      ['iamspect/rule-not-evaluated', 'warning', 'test-policy', ACCOUNT],
      ['iamspect/rule-not-evaluated', 'warning', 'test-policy', OTHER_ACCOUNT],
    ]);
    const notEvaluated = notifications[3]!;
    expect(notEvaluated.message.text).toContain('iam:GetAccountAuthorizationDetails');
    expect(rules[notEvaluated.associatedRule!.index!]!.id).toBe('test-policy');
    expect(notifications[1]!.message.text).toContain('boom: unexpected data');
    expect(notifications[0]!.message.text).toContain('OrganizationAccountAccessRole');
    // Every notification kind used is declared, so descriptor references resolve.
    const declared = log.runs[0]!.tool.driver.notifications!;
    for (const n of notifications) expect(declared[n.descriptor!.index!]!.id).toBe(n.descriptor!.id);
  });

  test('report warnings become warning notifications without failing the run', () => {
    const report = buildReport({ rules: [accountRule] });
    report.warnings.push('Suppression of test-account for * expired on 2026-01-01.');
    const invocation = sarif(report).runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: { text: 'Suppression of test-account for * expired on 2026-01-01.' },
      }),
    ]);
  });
});
