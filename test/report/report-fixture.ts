// Reports for reporter tests, produced by the real engine from small rules and builder snapshots,
// so the tests follow the Report shape the engine actually emits.
import { z } from 'zod';
import type { Suppression } from '../../src/config.js';
import type { AccountInput } from '../../src/snapshot/account-input.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import type { Report } from '../../src/report/model.js';
import type { RenderContext } from '../../src/report/render.js';
import type { AnyRule, Finding, RuleContext } from '../../src/rules/types.js';
import type { Severity } from '../../src/model/severity.js';
import { defineRule } from '../../src/rules/types.js';
import { accountArn, sectionData } from '../../src/snapshot/access.js';
import type { SectionName, Snapshot } from '../../src/snapshot/schema.js';
import {
  ACCOUNT,
  NOW,
  activeKey,
  emptySnapshot,
  rootRow,
  userRow,
  withCredentialReport,
  withFailedSection,
} from '../builders/snapshot.js';

export const OTHER_ACCOUNT = '210987654321';

/** How reporter tests render unless a test says otherwise: no colour, suppressed findings hidden, cwd `/`. */
export const PLAIN_CONTEXT: RenderContext = {
  color: false,
  showSuppressed: false,
  sarifAnchor: '.iamspect.yml',
  cwd: '/',
};

export function testRule(
  id: string,
  severity: Severity,
  needs: SectionName[],
  check: (snapshot: Snapshot, notEvaluated: RuleContext<unknown>['notEvaluated']) => Finding[],
): AnyRule {
  return defineRule({
    id,
    title: `Title of ${id}`,
    severity,
    needs,
    options: z.object({}).strict(),
    docs: {
      rationale: `Why ${id} matters.`,
      remediation: `How to fix ${id}.`,
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'],
    },
    frameworks: { 'cis-aws-5.0': ['1.11'], 'aws-security-hub': ['IAM.22'] },
    check: ({ snapshot, notEvaluated }) => check(snapshot, notEvaluated),
  });
}

const rows = (snapshot: Snapshot) => sectionData(snapshot, 'credentialReport').rows;

/** critical: root has an active access key. */
export const rootKeyRule = testRule('test-root-key', 'critical', ['credentialReport'], (snapshot) =>
  rows(snapshot)
    .filter((row) => row.isRoot && row.accessKeys.some((key) => key.active))
    .map((row) => ({ resource: row.arn, message: 'Root user has an active access key.' })),
);

/** high: one finding per IAM user without MFA. */
export const userMfaRule = testRule('test-user-mfa', 'high', ['credentialReport'], (snapshot) =>
  rows(snapshot)
    .filter((row) => !row.isRoot && !row.mfaActive)
    .map((row) => ({
      resource: row.arn,
      message: `User ${row.user} has no MFA and a very long explanation that has to wrap inside the message column of a narrow terminal.`,
      evidence: { user: row.user },
    })),
);

/** medium, needs authorizationDetails: not evaluated when that section is denied. */
export const policyRule = testRule('test-policy', 'medium', ['authorizationDetails'], () => []);

/** low: always one account-level finding. */
export const accountRule = testRule('test-account', 'low', [], (snapshot) => [
  { resource: accountArn(snapshot), message: 'Account-level low finding.' },
]);

/** A finding with a template location (template scans). */
export const templateRule = testRule('test-template', 'medium', [], (snapshot) => [
  {
    resource: `arn:${snapshot.partition}:iam::${snapshot.accountId}:role/Deployer`,
    message: 'Template role is too broad.',
    location: { file: 'templates/stack.yaml', line: 12, column: 5 },
  },
]);

/** The reason partialRule gives for alice. */
export const ALICE_GAP =
  'access_key_1_last_rotated of alice is 2027-06-15 12:00 UTC, after the collection time';

/** high: judges every user but alice, whose data it cannot judge. */
export const partialRule = testRule(
  'test-partial',
  'high',
  ['credentialReport'],
  (snapshot, notEvaluated) => {
    for (const row of rows(snapshot)) if (row.user === 'alice') notEvaluated(row.arn, ALICE_GAP);
    return [];
  },
);

export const throwingRule = testRule('test-throws', 'high', [], () => {
  throw new Error('boom: unexpected data');
});

/** An account with root keys, two users without MFA, and authorizationDetails denied. */
export function auditedSnapshot(accountId = ACCOUNT): Snapshot {
  const arn = (name: string) => `arn:aws:iam::${accountId}:user/${name}`;
  const snapshot = withCredentialReport(
    emptySnapshot({ accountId }),
    [
      rootRow({ arn: `arn:aws:iam::${accountId}:root`, accessKeys: [activeKey(10), activeKey(20)] }),
      userRow('alice', { arn: arn('alice') }),
      userRow('bob', { arn: arn('bob') }),
    ],
    new Date(Date.parse(NOW) - 2 * 3_600_000).toISOString(),
  );
  return withFailedSection(snapshot, 'authorizationDetails', 'denied', 'iam:GetAccountAuthorizationDetails');
}

export interface FixtureOptions {
  accounts?: AccountInput[];
  rules?: AnyRule[];
  suppressions?: Suppression[];
}

export function buildReport(options: FixtureOptions = {}): Report {
  const rules = options.rules ?? [rootKeyRule, userMfaRule, policyRule, accountRule];
  return evaluate(options.accounts ?? [{ snapshot: auditedSnapshot() }], resolveRules(rules, {}), {
    today: new Date(NOW),
    generatedAt: new Date(NOW),
    suppressions: options.suppressions ?? [],
  });
}

/** A report whose only gap is test-policy, not evaluated because authorizationDetails was `status`. */
export function authorizationDetailsGap(status: 'denied' | 'error' | 'skipped'): Report {
  const snapshot = withFailedSection(
    emptySnapshot(),
    'authorizationDetails',
    status,
    'iam:GetAccountAuthorizationDetails',
  );
  return buildReport({ rules: [policyRule], accounts: [{ snapshot }] });
}
